#!/usr/bin/env bash
# Lotse's speed in headless Chromium, side by side with Driver.js, Shepherd.js
# and Intro.js on the same page with the same five steps (bench/speed/).
# Installs the three libraries and puppeteer-core from npm into
# bench/speed/node_modules (for the benchmark only; nothing ships them),
# builds the widget bundle, serves everything from 127.0.0.1 and measures
# medians of fresh page loads: script start -> first step visible and
# settled; `next` -> far step visible and settled; main-thread time over 60
# scroll increments; JS heap, wasm memory and elements added. Prints a
# Markdown table; with --write also replaces the table in BENCHMARKS.md.
#
#   scripts/bench-speed.sh [--write] [--runs N]   (default 15 runs)
#   LIBS=none,lotse scripts/bench-speed.sh --runs 5   (a subset while iterating;
#                                                     not with --write)
set -euo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"

write=false runs=15
while [ $# -gt 0 ]; do
  case "$1" in
    --write) write=true ;;
    --runs)
      runs=${2:-}
      shift
      ;;
    *) die "usage: scripts/bench-speed.sh [--write] [--runs N]" ;;
  esac
  shift
done
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || die "--runs needs a whole number"
if $write && [ -n "${LIBS:-}" ]; then
  die "--write measures every library: unset LIBS"
fi

command -v node >/dev/null || die "node is missing: run scripts/setup.sh"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || die "$chromium is missing: run scripts/setup.sh (apt-get install chromium)"

bench=bench/speed
if [ ! -d "$bench/node_modules/puppeteer-core" ] || [ "$bench/package.json" -nt "$bench/node_modules" ]; then
  say "npm install (driver.js, shepherd.js, intro.js, puppeteer-core) into $bench/node_modules"
  (cd "$bench" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error)
  touch "$bench/node_modules"
fi

say "building the widget bundle"
scripts/build-widget.sh >/dev/null

say "measuring $runs fresh page loads per library in headless Chromium (takes a few minutes)"
CHROMIUM="$chromium" node "$bench/run.mjs" "$runs" >"$bench/results.json"
table=$(node "$bench/table.mjs" "$bench/results.json")
printf '%s\n' "$table"

if $write; then
  . "$LOTSE_ROOT/scripts/bench-table.sh"
  replace_bench_table speed "$table"
fi
