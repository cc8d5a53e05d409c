#!/usr/bin/env bash
# The widget's transfer size: every file a page downloads from dist/lotse/
# (loader, wasm-bindgen glue, wasm, CSS if any): raw, gzip -9 (for comparing
# with earlier measurements), and the bytes `lotse serve` actually sends to a
# browser accepting gzip and one accepting brotli (the compressed copies
# build-widget.sh writes: zopfli gzip, brotli -q 11).
# Builds the bundle first (scripts/build-widget.sh), prints a Markdown table;
# with --write also replaces the table in BENCHMARKS.md.
#
#   scripts/bench-size.sh [--write]
set -euo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"

write=false
case "${1:-}" in
  --write) write=true ;;
  "") ;;
  *) die "usage: scripts/bench-size.sh [--write]" ;;
esac

scripts/setup.sh >/dev/null
scripts/build-widget.sh >/dev/null
load_toolchain

kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
gz_size() { gzip -9 -c "$1" | wc -c; }

# What a browser receives: `lotse serve` on a throwaway store, asked for each
# file as Chromium asks over plain HTTP (gzip) and over HTTPS (brotli).
say "cargo build lotse (debug: the bytes sent do not depend on the profile)"
cargo build --quiet -p lotse-server --bin lotse
target=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUST_LOG=warn "$target/debug/lotse" serve --listen "127.0.0.1:$port" \
  --database "sqlite://$work/size.db" --guides guides --widget "$LOTSE_DIST" \
  >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
# Bytes of the body `lotse serve` sends for /lotse/NAME with Accept-Encoding
# $2, and the Content-Encoding it used (must be $2).
sent_size() {
  python3 - "$port" "$1" "$2" <<'PY'
import sys, urllib.request
port, name, encoding = sys.argv[1:]
request = urllib.request.Request(f"http://127.0.0.1:{port}/lotse/{name}",
                                 headers={"Accept-Encoding": encoding})
with urllib.request.urlopen(request) as response:
    body = response.read()
    used = response.headers.get("Content-Encoding")
    if used != encoding:
        sys.exit(f"{name}: asked for {encoding}, got {used}")
    print(len(body))
PY
}

# Row order: what a page loads first comes first.
files=("$LOTSE_DIST/lotse.js" "$LOTSE_DIST/lotse_widget.js" "$LOTSE_DIST/lotse_widget_bg.wasm")
for css in "$LOTSE_DIST"/*.css; do
  [ -e "$css" ] && files+=("$css")
done
describe() {
  case "$(basename "$1")" in
    lotse.js) echo "loader (the embedded script)" ;;
    lotse_widget.js) echo "wasm-bindgen glue" ;;
    lotse_widget_bg.wasm) echo "widget wasm (wasm-opt -Os -Os)" ;;
    *.css) echo "stylesheet" ;;
    *) echo "" ;;
  esac
}

if [ "$LOTSE_WASM_ROUTE" = debian ]; then rustc_bin=/usr/bin/rustc; else rustc_bin=rustc; fi
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no git")
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit + uncommitted changes"
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m)
gz_tool="gzip -9"
command -v zopfli >/dev/null && gz_tool="zopfli"

table=$(
  printf 'Measured %s on %s (%s cores, %s), commit %s.\n' \
    "$(date -u +%Y-%m-%d)" "$cpu" "$(nproc)" "$(uname -sr)" "$commit"
  printf 'Versions: %s (wasm32 route: %s), wasm-bindgen %s, wasm-opt %s, %s, brotli %s; gzip copies by %s.\n\n' \
    "$("$rustc_bin" --version)" "$LOTSE_WASM_ROUTE" "$(wasm_bindgen_version)" \
    "$(wasm_opt --version | awk '{ print $3 }')" "$(gzip --version | head -n 1)" \
    "$(brotli --version | awk '{ print $2 }')" "$gz_tool"
  printf '| file | what | raw | gzip -9 | **sent as gzip** | **sent as brotli** |\n'
  printf '|---|---|---:|---:|---:|---:|\n'
  total_raw=0 total_gz=0 total_sg=0 total_sb=0 widget_sg=0 widget_sb=0
  for file in "${files[@]}"; do
    [ -f "$file" ] || die "$file is missing after the build"
    name=$(basename "$file")
    raw=$(wc -c <"$file") gz=$(gz_size "$file")
    sg=$(sent_size "$name" gzip) || die "lotse serve did not send $name gzip-compressed"
    sb=$(sent_size "$name" br) || die "lotse serve did not send $name brotli-compressed"
    total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
    total_sg=$((total_sg + sg)) total_sb=$((total_sb + sb))
    if [ "$name" != lotse.js ]; then
      widget_sg=$((widget_sg + sg)) widget_sb=$((widget_sb + sb))
    fi
    printf '| `%s` | %s | %s KiB | %s KiB | %s KiB | %s KiB |\n' "$name" "$(describe "$file")" \
      "$(kib "$raw")" "$(kib "$gz")" "$(kib "$sg")" "$(kib "$sb")"
  done
  printf '| **widget** | glue + wasm + CSS (budget: 90 KB = 87.9 KiB gzip) | | | **%s KiB** (%s B) | **%s KiB** |\n' \
    "$(kib "$widget_sg")" "$widget_sg" "$(kib "$widget_sb")"
  printf '| **total** | everything a page with a due guide downloads | **%s KiB** | **%s KiB** | **%s KiB** | **%s KiB** |\n' \
    "$(kib "$total_raw")" "$(kib "$total_gz")" "$(kib "$total_sg")" "$(kib "$total_sb")"
)
printf '%s\n' "$table"

if $write; then
  . "$LOTSE_ROOT/scripts/bench-table.sh"
  replace_bench_table size "$table"
fi
