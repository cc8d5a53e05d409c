#!/usr/bin/env bash
# Fuzzes the guide loader (fuzz/fuzz_targets/load.rs) for a bounded time:
#
#     scripts/fuzz.sh                  # 60 s
#     FUZZ_SECONDS=600 scripts/fuzz.sh # longer
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
# in target/fuzz-corpus/load (outside git). A crash leaves its input in
# fuzz/artifacts/load/ and fails the script: turn it into a regression case
# in crates/core/tests/ (e.g. tests/invalid/ with its golden messages).
set -euo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"

seconds=${FUZZ_SECONDS:-60}
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

corpus="$LOTSE_ROOT/target/fuzz-corpus/load"
mkdir -p "$corpus"
seeds=(guides crates/core/tests/valid crates/core/tests/invalid crates/core/tests/warnings)
seeds=("${seeds[@]/#/$LOTSE_ROOT/}")

run() {
  # Absolute paths: cargo fuzz runs the fuzzer inside fuzz/.
  (cd fuzz && "$@" run load --sanitizer none "$corpus" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
}

say "fuzzing the guide loader for ${seconds}s"
if [ "${LOTSE_FUZZ_TOOLCHAIN:-}" = nightly ]; then
  run cargo +nightly fuzz
elif ! (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build load --sanitizer none); then
  say "stable rustc could not build the fuzz target, trying nightly"
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  run cargo +nightly fuzz
else
  RUSTC_BOOTSTRAP=1 run cargo fuzz
fi
