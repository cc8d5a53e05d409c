#!/usr/bin/env bash
# Fuzzes the guide loader (fuzz/fuzz_targets/load.rs) and the widget's JSON
# reader with the lean guide load (fuzz/fuzz_targets/json.rs), each for a
# bounded time:
#
#     scripts/fuzz.sh                  # 60 s per target
#     FUZZ_SECONDS=600 scripts/fuzz.sh # longer
#     scripts/fuzz.sh json             # one target
#
# Installs cargo-fuzz into ~/.cargo/bin if it is missing. Works with the
# stable toolchain alone: RUSTC_BOOTSTRAP=1 lets stable rustc take the -Z
# flags cargo-fuzz passes, and `--sanitizer none` avoids AddressSanitizer
# (which needs nightly's std); the loader is safe Rust, so libFuzzer's
# coverage guidance and Rust's own checks (panics, overflow in debug
# assertions) are what find bugs. Nightly is used only if stable cannot
# build the target (LOTSE_FUZZ_TOOLCHAIN=nightly forces it).
#
# The corpus starts from every guide in guides/ and every test guide in
# crates/core/tests/{valid,invalid,warnings}/; what libFuzzer learns is kept
# in target/fuzz-corpus/TARGET (outside git). A crash leaves its input in
# fuzz/artifacts/TARGET/ and fails the script: turn it into a regression case
# in crates/core/tests/ (e.g. tests/invalid/ with its golden messages, or a
# case in crates/core/src/json/tests.rs).
set -euo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"

seconds=${FUZZ_SECONDS:-60}
targets=(load json)
[ $# -eq 0 ] || targets=("$@")
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

seeds=(guides crates/core/tests/valid crates/core/tests/invalid crates/core/tests/warnings)
seeds=("${seeds[@]/#/$LOTSE_ROOT/}")

run() {
  local corpus="$LOTSE_ROOT/target/fuzz-corpus/$target"
  mkdir -p "$corpus"
  # Absolute paths: cargo fuzz runs the fuzzer inside fuzz/.
  (cd fuzz && "$@" run "$target" --sanitizer none "$corpus" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
}

for target in "${targets[@]}"; do
  say "fuzzing $target for ${seconds}s"
  if [ "${LOTSE_FUZZ_TOOLCHAIN:-}" = nightly ]; then
    run cargo +nightly fuzz
  elif ! (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build "$target" --sanitizer none); then
    say "stable rustc could not build the fuzz target, trying nightly"
    rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
    run cargo +nightly fuzz
  else
    RUSTC_BOOTSTRAP=1 run cargo fuzz
  fi
done
