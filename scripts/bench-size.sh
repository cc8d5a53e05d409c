#!/usr/bin/env bash
# The widget's transfer size: every file a page downloads from dist/lotse/
# (loader, wasm-bindgen glue, wasm, CSS if any), raw, gzip -9 and brotli -q 11.
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
br_size() { brotli -q 11 -c "$1" | wc -c; }

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

table=$(
  printf 'Measured %s on %s (%s cores, %s), commit %s.\n' \
    "$(date -u +%Y-%m-%d)" "$cpu" "$(nproc)" "$(uname -sr)" "$commit"
  printf 'Versions: %s (wasm32 route: %s), wasm-bindgen %s, wasm-opt %s, %s, brotli %s.\n\n' \
    "$("$rustc_bin" --version)" "$LOTSE_WASM_ROUTE" "$(wasm_bindgen_version)" \
    "$(wasm_opt --version | awk '{ print $3 }')" "$(gzip --version | head -n 1)" \
    "$(brotli --version | awk '{ print $2 }')"
  printf '| file | what | raw | gzip -9 | brotli -q 11 |\n'
  printf '|---|---|---:|---:|---:|\n'
  total_raw=0 total_gz=0 total_br=0
  for file in "${files[@]}"; do
    [ -f "$file" ] || die "$file is missing after the build"
    raw=$(wc -c <"$file") gz=$(gz_size "$file") br=$(br_size "$file")
    total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
    printf '| `%s` | %s | %s KiB | %s KiB | %s KiB |\n' "$(basename "$file")" "$(describe "$file")" \
      "$(kib "$raw")" "$(kib "$gz")" "$(kib "$br")"
  done
  printf '| **total** | everything a page with a due guide downloads | **%s KiB** | **%s KiB** | **%s KiB** |\n' \
    "$(kib "$total_raw")" "$(kib "$total_gz")" "$(kib "$total_br")"
)
printf '%s\n' "$table"

if $write; then
  . "$LOTSE_ROOT/scripts/bench-table.sh"
  replace_bench_table size "$table"
fi
