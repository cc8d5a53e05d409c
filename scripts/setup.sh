#!/usr/bin/env bash
# Installs whatever is missing to build, run and test Lotse, and nothing else.
# Idempotent: every step checks presence/version first, so a second run only
# checks. Debian 12 (apt) is set up automatically; on other systems it prints
# what to install by hand. Records the wasm32 route in .tools/env.
#
#   scripts/setup.sh            # LOTSE_WASM_ROUTE=rustup|debian forces a route
set -euo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"
started=$SECONDS
mkdir -p "$LOTSE_TOOLS"

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
HAVE_APT=false
command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 && HAVE_APT=true

# What the browser tests, the server tests, the widget's compressed copies
# (brotli, zopfli) and the size benchmark need.
RUNTIME_PACKAGES=(chromium chromium-driver postgresql brotli zopfli)
# Debian's route to a wasm32 std without rustup's download (TOOLCHAIN.md).
DEBIAN_WASM_PACKAGES=(rustc-web cargo-web rust-web-src lld-22)

deb_missing() {
  local pkg
  for pkg in "$@"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] ||
      printf '%s\n' "$pkg"
  done
}

apt_install() {
  local log="$LOTSE_TOOLS/apt.log"
  say "apt-get install $* (log: $log)"
  if ! { $SUDO apt-get update -q && $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q "$@"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "apt-get failed (full log: $log)"
  fi
}

# --- Rust: rustup's native toolchain with rustfmt and clippy -----------------
command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 ||
  die "Rust via rustup is required: see https://rustup.rs, then run scripts/setup.sh again"
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  say "rustup component add rustfmt clippy"
  timeout 120 rustup component add rustfmt clippy ||
    die "rustfmt and clippy are missing and rustup could not add them"
fi

# --- The wasm32 route ---------------------------------------------------------
# Debian's route first wherever apt-get works: only its build-std gives the
# size flags (panics that abort at once, std built for size) the widget's
# 90 KB budget is measured with; rustup's prebuilt std (stable, no -Z flags)
# makes a larger bundle. rustup's wasm32 target is the route without apt.
route=${LOTSE_WASM_ROUTE:-}
if [ -z "$route" ] && $HAVE_APT; then
  route=debian
fi
if [ -z "$route" ]; then
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    route=rustup
  else
    say "rustup target add wasm32-unknown-unknown (30 s at most; it hangs without internet)"
    if timeout 30 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
      route=rustup
    else
      die "no wasm32 standard library: rustup cannot download it and there is no apt-get for Debian's rustc-web route (TOOLCHAIN.md)"
    fi
  fi
fi

# --- System packages ----------------------------------------------------------
wanted=("${RUNTIME_PACKAGES[@]}")
[ "$route" = debian ] && wanted+=("${DEBIAN_WASM_PACKAGES[@]}")
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || wanted+=(nodejs npm)
if $HAVE_APT; then
  mapfile -t missing < <(deb_missing "${wanted[@]}")
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  else
    say "system packages present: ${wanted[*]}"
  fi
else
  # Not Debian: check the programs and say what to install by hand.
  hints=()
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
    hints+=("Chromium (the browser tests drive it headless)")
  command -v chromedriver >/dev/null 2>&1 || hints+=("chromedriver matching that Chromium")
  command -v initdb >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 ||
    hints+=("PostgreSQL server programs (initdb, pg_ctl) for the PostgreSQL store tests")
  command -v brotli >/dev/null 2>&1 || hints+=("brotli (the widget's compressed copies, size benchmark)")
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || hints+=("Node.js 18+ with npm")
  [ "$route" = rustup ] ||
    hints+=("internet for 'rustup target add wasm32-unknown-unknown' (no apt-get here for Debian's rustc-web route)")
  if [ "${#hints[@]}" -gt 0 ]; then
    printf 'This is not a Debian system, so setup cannot install these. Please install:\n' >&2
    printf '  - %s\n' "${hints[@]}" >&2
    die "then run scripts/setup.sh again"
  fi
fi
if [ "$route" = debian ]; then
  for tool in /usr/bin/cargo /usr/bin/rustc /usr/bin/rust-lld; do
    [ -x "$tool" ] || die "$tool is missing although the Debian route was chosen"
  done
fi
printf 'LOTSE_WASM_ROUTE=%s\n' "$route" >"$LOTSE_ENV_FILE"
say "wasm32 route: $route (recorded in ${LOTSE_ENV_FILE#"$LOTSE_ROOT"/})"

# --- wasm-bindgen CLI: exactly the crate's version ------------------------------
want_wbg=$(wasm_bindgen_version)
[ -n "$want_wbg" ] || die "no wasm-bindgen in Cargo.lock"
have_wbg=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have_wbg" = "$want_wbg" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "wasm-bindgen-cli $want_wbg present"
else
  # Without --locked: the release's own lock file does not resolve against the
  # registry index (TOOLCHAIN.md). About 2.5 minutes on 2 cores.
  say "cargo install wasm-bindgen-cli --version $want_wbg (was: ${have_wbg:-none})"
  cargo install --quiet wasm-bindgen-cli --version "$want_wbg" --force
fi

# --- Node tools from npm into .tools/npm ---------------------------------------
# npm_tool NAME WANT SPEC: installs SPEC unless NAME's installed version is
# WANT or starts with WANT and a dot.
npm_tool() {
  local have
  have=$(node -p "require('$LOTSE_TOOLS/npm/node_modules/$1/package.json').version" 2>/dev/null || true)
  case "$have" in
    "$2" | "$2".*) say "$1 $have present" ;;
    *)
      say "npm install $3 into .tools/npm"
      mkdir -p "$LOTSE_TOOLS/npm"
      npm install --silent --no-audit --no-fund --prefix "$LOTSE_TOOLS/npm" "$3"
      ;;
  esac
}
# binaryen's wasm-opt (Debian's is too old for LLVM 22's output).
npm_tool binaryen 132 binaryen@132
wasm_opt --version >/dev/null || die "wasm-opt from binaryen does not run under $(node --version)"
# axe-core: the accessibility check of tests/e2e.
npm_tool axe-core 4.14 axe-core@~4.14.0
[ -f "$LOTSE_TOOLS/npm/node_modules/axe-core/axe.min.js" ] || die "axe-core's axe.min.js is missing in .tools/npm"
# esbuild: minifies the widget's JS.
npm_tool esbuild 0.28.2 esbuild@0.28.2
"$LOTSE_ESBUILD" --version >/dev/null || die "esbuild does not run here"

say "setup done in $((SECONDS - started)) s"
