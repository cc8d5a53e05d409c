#!/usr/bin/env bash
# Report benchmark (issue 6): the funnel query over generated events, both
# stores.
#
# Builds the release example crates/server/examples/bench_reports.rs, which
# fills a fresh store with generated events of guides/demo.json straight in
# SQL (INSERT ... SELECT over a generated series: ~4.5 events per run, two
# versions, three devices, two locales, three weeks), runs ANALYZE, then
# times the funnel report exactly as `GET /v1/reports/guides/demo/funnel`
# computes it (store query with the filter in SQL + lotse_core::funnel):
# all runs, one version, one week, one device; median of 3.
#
#   scripts/bench-reports.sh                  # 1M events on each store
#   BENCH_EVENTS="1000000 10000000" scripts/bench-reports.sh
#   BENCH_STORES=sqlite scripts/bench-reports.sh   # one store only
#   scripts/bench-reports.sh --write          # also rewrite the table in BENCHMARKS.md
#
# PostgreSQL: a temporary Debian PostgreSQL 15 cluster (or
# LOTSE_BENCH_POSTGRES_URL, whose database must be empty). SQLite: a
# temporary file. A benchmark, not a test: nothing fails on a slow number.
set -euo pipefail
cd "$(dirname "$0")/.."
write=false
case "${1:-}" in
  --write) write=true ;;
  "") ;;
  *) echo "usage: scripts/bench-reports.sh [--write]" >&2; exit 2 ;;
esac
events_list=${BENCH_EVENTS:-1000000}
stores=${BENCH_STORES:-sqlite postgres}

cargo build --quiet --release -p lotse-server --example bench_reports
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bench=$target/release/examples/bench_reports

tmp=$(mktemp -d /tmp/lotse-bench-reports-XXXXXX)
chmod 755 "$tmp" # PostgreSQL runs as user postgres when we are root
pg_data=
pg_url=
cleanup() {
  if [ -n "$pg_data" ]; then
    pg_run pg_ctl -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# A PostgreSQL program, as user postgres when we are root (initdb refuses root).
pg_run() {
  local name=$1
  shift
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "/usr/lib/postgresql/15/bin/$name" "$@"
  else
    "/usr/lib/postgresql/15/bin/$name" "$@"
  fi
}

# Starts the one PostgreSQL cluster (in this shell, not in a $(...)
# subshell, so pg_url and pg_data stay set for every size and cleanup).
pg_start() {
  [ -n "${LOTSE_BENCH_POSTGRES_URL:-}" ] && return
  local dir=$tmp/pg port
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  pg_data=$dir/data
  port=$(free_port)
  pg_run initdb -A trust -U lotse -D "$pg_data" >/dev/null
  pg_run pg_ctl -D "$pg_data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=64MB" \
    start >/dev/null
  pg_url="postgres://lotse@127.0.0.1:$port"
}

# A fresh database on that cluster (or the given, empty one).
pg_database() {
  local name=$1
  if [ -n "${LOTSE_BENCH_POSTGRES_URL:-}" ]; then
    echo "$LOTSE_BENCH_POSTGRES_URL"
    return
  fi
  /usr/lib/postgresql/15/bin/psql "$pg_url/postgres" -q -c "CREATE DATABASE $name" >/dev/null
  echo "$pg_url/$name"
}

echo "lotse report benchmark, $(nproc) cores, $(date -u +%Y-%m-%d)"
load_at_start=$(cut -d' ' -f1 /proc/loadavg)
if [[ " $stores " == *" postgres "* ]]; then
  pg_start
fi
for events in $events_list; do
  if [[ " $stores " == *" sqlite "* ]]; then
    "$bench" "sqlite://$tmp/reports-$events.db" "$events" | tee -a "$tmp/out"
    rm -f "$tmp/reports-$events.db"*
  fi
  if [[ " $stores " == *" postgres "* ]]; then
    "$bench" "$(pg_database "bench_$events")" "$events" | tee -a "$tmp/out"
  fi
done

# The Markdown table of what the runs printed (one row per store and size).
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no git")
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit + uncommitted changes"
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m)
table=$(
  printf 'Measured %s on %s (%s cores, %s), commit %s; load average %s at start, %s at the end.\n' \
    "$(date -u +%Y-%m-%d)" "$cpu" "$(nproc)" "$(uname -sr)" "$commit" "$load_at_start" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  printf 'Versions: %s, %s; SQLite bundled by libsqlite3-sys. Median of 3 per report.\n\n' \
    "$(rustc --version)" "$(/usr/lib/postgresql/15/bin/postgres --version 2>/dev/null || echo 'PostgreSQL not used')"
  python3 - "$tmp/out" <<'PY'
import re, sys
rows = {}
order = []
for line in open(sys.argv[1]):
    m = re.match(r"(\w+): (\d+) events, funnel (.+?)(?: \(per-fact\))?: (\d+) ms \((\d+) runs\)", line)
    g = re.match(r"(\w+): generated (\d+) events in (\d+) runs", line)
    s = re.match(r"(\w+): summaries of (\d+) events computed in ([\d.]+) s", line)
    for hit in (m, g, s):
        if hit and (hit.group(1), hit.group(2)) not in rows:
            rows[(hit.group(1), hit.group(2))] = {}
            order.append((hit.group(1), hit.group(2)))
    if m:
        rows[(m.group(1), m.group(2))][m.group(3)] = f"{m.group(4)} ms"
    if g:
        rows[(g.group(1), g.group(2))]["runs"] = f"{int(g.group(3)):,}"
    if s:
        rows[(s.group(1), s.group(2))]["summaries"] = f"{s.group(3)} s"
cols = ["all runs, all versions", "version 2", "one week", "device=mobile", "path=/de/", "path=/de/zaehler/", "one week from 06:00"]
names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
print("| store | events | runs | all runs | `version=2` | one week | `device=mobile` | `path=/de/` (every run) | `path=/de/zaehler/` | one week from 06:00 | summaries computed from the events |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for key in order:
    r = rows[key]
    cells = [r.get(c, "-") for c in cols]
    print(f"| {names.get(key[0], key[0])} | {int(key[1]):,} | {r.get('runs', '-')} | " + " | ".join(cells) + f" | {r.get('summaries', '-')} |")
PY
)
printf '\n%s\n' "$table"

if $write; then
  . scripts/bench-table.sh # the folder is the repository root here
  replace_bench_table reports "$table"
fi
