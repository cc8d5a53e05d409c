#!/usr/bin/env bash
# The README's test command: sets up whatever is missing, builds the widget,
# then runs every check and test (format, lints, native tests including the
# end-to-end test in headless Chromium, and the widget's wasm-bindgen tests in
# headless Chromium). Runs every step even after a failure, prints a summary,
# and exits non-zero if any step failed.
set -uo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"
started=$SECONDS

# A step's outcome: "PASS|FAIL <seconds> <name>" lines for the summary.
results=()
failed=0
step() {
  local name=$1
  shift
  local t0=$SECONDS status=PASS
  printf '\n==> [%s] %s\n' "$name" "$*"
  "$@" || status=FAIL
  [ "$status" = PASS ] || failed=$((failed + 1))
  results+=("$status $((SECONDS - t0)) $name")
}

summary() {
  printf '\n==> lotse test summary (%d s)\n' "$((SECONDS - started))"
  local line status secs name
  for line in "${results[@]}"; do
    read -r status secs name <<<"$line"
    printf '    %-4s %5ss  %s\n' "$status" "$secs" "$name"
  done
  if [ "$failed" -eq 0 ]; then
    printf 'lotse test result: ok. %d steps passed\n' "${#results[@]}"
  else
    printf 'lotse test result: FAILED. %d of %d steps failed\n' "$failed" "${#results[@]}"
  fi
}

# The widget's wasm-bindgen tests (tests/widget.rs) in headless Chromium, with
# the browser flags of webdriver.json (no sandbox: CI runs as root).
widget_browser_tests() {
  load_toolchain
  CHROMEDRIVER=/usr/bin/chromedriver \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$(command -v wasm-bindgen-test-runner)" \
    wasm_cargo test -p lotse-widget --test widget
}

# The committed guide JSON Schema, checked by an independent validator
# (Python's jsonschema) against every guide and the invalid test guides.
schema_check() {
  python3 -c 'import jsonschema' 2>/dev/null ||
    python3 -m pip install --quiet jsonschema || return 1
  python3 scripts/check-schema.py
}

step setup scripts/setup.sh
if [ "$failed" -ne 0 ]; then
  summary
  exit 1
fi
step build-widget scripts/build-widget.sh
step fmt cargo fmt --all -- --check
step clippy cargo clippy --workspace --all-targets --locked -- -D warnings
# The end-to-end test (tests/e2e/) needs the bundle from build-widget.
step native-tests cargo test --workspace --locked
step widget-browser-tests widget_browser_tests
step guide-schema schema_check
step demo-pages python3 www/generate.py --check
# The guide loaders and the widget's JSON reader under libFuzzer for
# FUZZ_SECONDS (default 60) per target, seeded
# with every guide and test guide; a crash fails the step.
step fuzz scripts/fuzz.sh
# The HTTP API fuzzed from its own OpenAPI document (schemathesis, in a venv
# under .tools/api-fuzz): no generated request may get a 5xx.
step api-fuzz scripts/api-fuzz.sh

summary
[ "$failed" -eq 0 ]
