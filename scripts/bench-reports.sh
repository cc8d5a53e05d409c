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
#
# PostgreSQL: a temporary Debian PostgreSQL 15 cluster (or
# LOTSE_BENCH_POSTGRES_URL, whose database must be empty). SQLite: a
# temporary file. A benchmark, not a test: nothing fails on a slow number.
set -euo pipefail
cd "$(dirname "$0")/.."
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
if [[ " $stores " == *" postgres "* ]]; then
  pg_start
fi
for events in $events_list; do
  if [[ " $stores " == *" sqlite "* ]]; then
    "$bench" "sqlite://$tmp/reports-$events.db" "$events"
    rm -f "$tmp/reports-$events.db"*
  fi
  if [[ " $stores " == *" postgres "* ]]; then
    "$bench" "$(pg_database "bench_$events")" "$events"
  fi
done
