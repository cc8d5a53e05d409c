#!/usr/bin/env bash
# Builds the widget bundle into dist/lotse/, the folder `lotse serve` serves at
# /lotse/: the loader (loader/lotse.js), the wasm-bindgen glue
# (lotse_widget.js) and the wasm-opt'ed module (lotse_widget_bg.wasm).
# Needs scripts/setup.sh once. Cargo rebuilds only what changed; wasm-bindgen
# and wasm-opt run only when cargo produced a new .wasm.
set -euo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"
load_toolchain
started=$SECONDS
# One build at a time: two bundling into dist/lotse/ at once delete each
# other's outputs.
mkdir -p target
exec 9>target/.build-widget.lock
flock 9

[ -f loader/lotse.js ] ||
  die "loader/lotse.js is missing: the widget bundle needs its loader (the one script a site embeds)"

# Size flags the Debian route allows (its rustc 1.96 with RUSTC_BOOTSTRAP):
# std built for size, and panics that trap at once instead of formatting a
# message (no panic machinery in the wasm; the loader removes the overlay and
# logs one line when the widget traps), without file/line locations
# (-Zlocation-detail=none) and with `{:?}` writing nothing (-Zfmt-debug=none:
# no Debug code; the widget formats nothing with it). The rustup route
# (stable) uses the profile alone. Only this release build gets them: the
# wasm-bindgen tests keep panics that report.
size_flags=()
if [ "$LOTSE_WASM_ROUTE" = debian ]; then
  size_flags=(-Zbuild-std-features=optimize_for_size)
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
fi
say "cargo build lotse-widget for wasm32 (profile wasm-release, route $LOTSE_WASM_ROUTE)"
wasm_cargo build --quiet -p lotse-widget --lib --profile wasm-release "${size_flags[@]}"
built="$LOTSE_WASM_TARGET_DIR/wasm32-unknown-unknown/wasm-release/lotse_widget.wasm"
[ -f "$built" ] || die "cargo finished but $built is not there"

mkdir -p "$LOTSE_DIST"
bundled="$LOTSE_DIST/lotse_widget_bg.wasm"
if [ "$bundled" -nt "$built" ] && [ -f "$LOTSE_DIST/lotse_widget.js" ]; then
  say "wasm unchanged since the last bundle: wasm-bindgen and wasm-opt skipped"
else
  say "wasm-bindgen --target web -> dist/lotse/lotse_widget.js"
  rm -f "$LOTSE_DIST"/lotse_widget* # no stale outputs of earlier builds
  wasm-bindgen "$built" --target web --no-typescript \
    --out-dir "$LOTSE_DIST" --out-name lotse_widget
  say "wasm-opt -Os -Os"
  # The features LLVM 22 emits for wasm32 by default; wasm-opt must accept them.
  # The producers and target_features sections are for tools, not browsers.
  # --low-memory-unused: the low 1 KiB of memory is never addressed (the
  # stack grows down from 1 MiB to 0 and data starts at 1 MiB), so constant
  # offsets fold into loads and stores. --ignore-implicit-traps: Rust code
  # never relies on a load or a division trapping (panics are explicit
  # `unreachable`s and still trap).
  # -Os run twice: smaller after gzip and brotli than -Oz (or -Oz twice) on
  # this module (BENCHMARKS.md, size cut 21). -aimfs 4: functions up to 4
  # instructions always inlined (default 2): fewer functions and calls, so
  # less wasm bookkeeping in the page's JS heap, and 0.1 KiB smaller.
  wasm_opt -Os -Os -aimfs 4 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    --strip-producers --strip-target-features \
    --low-memory-unused --ignore-implicit-traps \
    "$bundled" -o "$bundled.opt"
  mv "$bundled.opt" "$bundled"
  # Size: ~200 import names like __wbg_set_adoptedStyleSheets_76cf400b551c5fb0,
  # in the wasm and in the glue, become a, b, ... (about 6 KiB gzip).
  if command -v python3 >/dev/null; then
    python3 scripts/minify-imports.py "$bundled" "$LOTSE_DIST/lotse_widget.js"
    # Heap: fewer JS functions in the glue, exports at consecutive indices.
    python3 scripts/flatten-glue.py "$bundled" "$LOTSE_DIST/lotse_widget.js"
    minify_js "$LOTSE_DIST/lotse_widget.js" "$LOTSE_DIST/lotse_widget.js"
  else
    say "no python3: import names and glue left as they are (the bundle works, ~6 KiB larger)"
  fi
fi

# Copied only when changed, so the compressed copies below stay current.
copy_if_changed() { cmp -s "$1" "$2" || cp "$1" "$2"; }
minify_js loader/lotse.js target/lotse.min.js
copy_if_changed target/lotse.min.js "$LOTSE_DIST/lotse.js"
for css in loader/*.css; do
  [ -e "$css" ] && copy_if_changed "$css" "$LOTSE_DIST/$(basename "$css")"
done

# Compressed copies next to each file, which `lotse serve` sends to browsers
# that accept them (less to download than compressing on the fly): brotli
# -q 11, and gzip by zopfli (about 5 % smaller than gzip -9, any gzip
# decoder reads it; gzip -9 when zopfli is missing). Redone only for files
# newer than their copies; about 3 s for the wasm.
compress_copies() {
  local file=$1
  if [ ! "$file.gz" -nt "$file" ]; then
    if command -v zopfli >/dev/null; then
      zopfli -c "$file" >"$file.gz.tmp"
    else
      gzip -9 -n -c "$file" >"$file.gz.tmp"
    fi
    mv "$file.gz.tmp" "$file.gz"
  fi
  if [ ! "$file.br" -nt "$file" ]; then
    if command -v brotli >/dev/null; then
      brotli -q 11 -c "$file" >"$file.br.tmp" && mv "$file.br.tmp" "$file.br"
    else
      rm -f "$file.br" # browsers then get the .gz
    fi
  fi
}
for file in "$LOTSE_DIST"/*.js "$LOTSE_DIST"/*.wasm "$LOTSE_DIST"/*.css; do
  [ -e "$file" ] && compress_copies "$file"
done

say "widget bundle in dist/lotse/ ($((SECONDS - started)) s):"
ls -l "$LOTSE_DIST" | awk 'NR > 1 { printf "    %8d  %s\n", $5, $9 }'
