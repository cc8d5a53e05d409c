# Sourced by the bench scripts: replace_bench_table NAME TABLE replaces the
# text between `<!-- bench-NAME:begin -->` and `<!-- bench-NAME:end -->` in
# BENCHMARKS.md (the current folder's) with TABLE.
replace_bench_table() {
  local begin="<!-- bench-$1:begin -->" end="<!-- bench-$1:end -->"
  if ! grep -q "$begin" BENCHMARKS.md || ! grep -q "$end" BENCHMARKS.md; then
    echo "BENCHMARKS.md lacks the markers $begin / $end" >&2
    return 1
  fi
  TABLE="$2" awk -v begin="$begin" -v end="$end" '
    $0 == begin { print; print ENVIRON["TABLE"]; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' BENCHMARKS.md >BENCHMARKS.md.new
  mv BENCHMARKS.md.new BENCHMARKS.md
  echo "BENCHMARKS.md updated"
}
