# shellcheck shell=bash
# Sourced by the other scripts: where things are, and how to run the wasm32
# toolchain that scripts/setup.sh chose (recorded in .tools/env).
#
# Two routes build the widget for wasm32-unknown-unknown:
#   rustup  - rustup's cargo with the prebuilt wasm32 std (machines with internet)
#   debian  - Debian's rustc-web 1.96 building std from rust-web-src on the fly
#             (machines that reach only the package registries; see TOOLCHAIN.md)
# Both write to target/wasm so the native build in target/ is never rebuilt.

LOTSE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOTSE_TOOLS="$LOTSE_ROOT/.tools"
LOTSE_ENV_FILE="$LOTSE_TOOLS/env"
LOTSE_WASM_TARGET_DIR="$LOTSE_ROOT/target/wasm"
LOTSE_DIST="$LOTSE_ROOT/dist/lotse"
LOTSE_WASM_OPT_JS="$LOTSE_TOOLS/npm/node_modules/binaryen/bin/wasm-opt"
# esbuild minifies the loader and the glue (LOTSE_ESBUILD overrides it).
LOTSE_ESBUILD=${LOTSE_ESBUILD:-$LOTSE_TOOLS/npm/node_modules/esbuild/bin/esbuild}
# `cargo install` puts wasm-bindgen there; rustup's proxies live there too.
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
export PATH

say() { printf '==> %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Reads the route setup.sh recorded; fails with the fix if setup never ran.
load_toolchain() {
  [ -f "$LOTSE_ENV_FILE" ] || die "$LOTSE_ENV_FILE is missing: run scripts/setup.sh first"
  # shellcheck source=/dev/null
  . "$LOTSE_ENV_FILE"
  case "${LOTSE_WASM_ROUTE:-}" in
    rustup | debian) ;;
    *) die "$LOTSE_ENV_FILE names no wasm route: run scripts/setup.sh again" ;;
  esac
}

# The version of the wasm-bindgen crate in Cargo.lock (the CLI must match it).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$LOTSE_ROOT/Cargo.lock"
}

# `wasm_cargo SUBCOMMAND ARGS...`: cargo for wasm32-unknown-unknown on the
# recorded route, e.g. `wasm_cargo build -p lotse-widget --profile wasm-release`.
wasm_cargo() {
  local sub=$1
  shift
  if [ "$LOTSE_WASM_ROUTE" = debian ]; then
    # Full paths: ~/.cargo/bin (rustup 1.95, no wasm32 std) comes first on PATH.
    env RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
      CARGO_TARGET_DIR="$LOTSE_WASM_TARGET_DIR" \
      /usr/bin/cargo "$sub" --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort "$@"
  else
    env CARGO_TARGET_DIR="$LOTSE_WASM_TARGET_DIR" \
      cargo "$sub" --target wasm32-unknown-unknown "$@"
  fi
}

# minify_js IN OUT: JS minified by esbuild (scripts/setup.sh installs it):
# less to send and fewer names in the page's heap. Without it, copied.
minify_js() {
  if [ -x "$LOTSE_ESBUILD" ]; then
    "$LOTSE_ESBUILD" "$1" --minify --format=esm --log-level=warning --outfile="$2.min" && mv "$2.min" "$2"
  else
    [ "$1" -ef "$2" ] || cp "$1" "$2"
  fi
}

# binaryen's wasm-opt from npm (Debian's is too old for LLVM 22's output).
wasm_opt() {
  node "$LOTSE_WASM_OPT_JS" "$@"
}
