#!/usr/bin/env bash
# Load benchmark of the ingest API (`POST /v1/events`), both stores.
#
# Builds a release `lotse` and the load generator
# (crates/server/examples/load.rs), starts `lotse serve` on a temporary
# SQLite file and then on a temporary PostgreSQL 15 cluster (Debian's
# /usr/lib/postgresql/15/bin, default durability: fsync on,
# synchronous_commit on), and for 1, 4, 16 and 64 concurrent clients posts
# realistic valid batches (20 events of guides/tariff-switch.json each,
# fresh ids per batch) for a fixed time. Prints events/s acknowledged (200
# after commit), p50/p99 latency per request, and the RSS of `lotse serve`
# at rest and under load (highest sample during the runs).
#
#   scripts/bench-server.sh            # print the table
#   scripts/bench-server.sh --write    # also replace the table in BENCHMARKS.md
#
# Environment: BENCH_SECONDS (per run, default 10), BENCH_CLIENTS (default
# "1 4 16 64"), LOTSE_BENCH_POSTGRES_URL (use that server instead of
# starting one). Loopback only; the load generator shares the machine's
# cores with the server. A benchmark, not a test: nothing here fails on a
# slow number.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
write=0
[ "${1:-}" = --write ] && write=1
seconds=${BENCH_SECONDS:-10}
clients=${BENCH_CLIENTS:-"1 4 16 64"}
guide=guides/tariff-switch.json

if [ -n "${LOTSE_BENCH_BIN:-}" ]; then
  # Prebuilt binaries: LOTSE_BENCH_BIN=path/to/lotse LOTSE_BENCH_LOAD=path/to/load.
  lotse=$LOTSE_BENCH_BIN
  load=${LOTSE_BENCH_LOAD:?set LOTSE_BENCH_LOAD too}
else
  cargo build --quiet --release -p lotse-server --bin lotse --example load
  target=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  lotse=$target/release/lotse
  load=$target/release/examples/load
fi

tmp=$(mktemp -d /tmp/lotse-bench-XXXXXX)
server_pid=
pg_data=
pg_dir=
pg_url=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  if [ -n "$pg_data" ]; then
    pg_run pg_ctl -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp" ${pg_dir:+"$pg_dir"}
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

# Sets pg_url: LOTSE_BENCH_POSTGRES_URL, or a new cluster's database.
start_postgres() {
  if [ -n "${LOTSE_BENCH_POSTGRES_URL:-}" ]; then
    pg_url=$LOTSE_BENCH_POSTGRES_URL
    return
  fi
  local port
  # Its own folder directly under /tmp: the postgres user must reach it.
  pg_dir=$(mktemp -d /tmp/lotse-bench-pg-XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  pg_data=$pg_dir/data
  port=$(free_port)
  pg_run initdb -A trust -U lotse -D "$pg_data" >/dev/null
  pg_run pg_ctl -D "$pg_data" -l "$pg_dir/log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
  /usr/lib/postgresql/15/bin/psql "postgres://lotse@127.0.0.1:$port/postgres" -q \
    -c "CREATE DATABASE bench" >/dev/null
  pg_url="postgres://lotse@127.0.0.1:$port/bench"
}

rss_kib() { ps -o rss= -p "$1" | tr -d ' '; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# bench STORE_NAME DATABASE_URL: prints one table row per client count.
bench() {
  local name=$1 url=$2 port sites=() n peak=0 sampler
  port=$(free_port)
  # One site per run, so the per-site rate limit of one run does not
  # carry over into the next.
  for n in $clients; do sites+=(--site "bench$n"); done
  RUST_LOG=warn "$lotse" serve --listen "127.0.0.1:$port" --database "$url" \
    --guides guides --widget "$tmp" "${sites[@]}" 2>"$tmp/$name.log" &
  server_pid=$!
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  sleep 1
  local rest
  rest=$(rss_kib "$server_pid")
  (
    while kill -0 "$server_pid" 2>/dev/null; do
      rss_kib "$server_pid" >>"$tmp/$name.rss" || true
      sleep 0.5
    done
  ) &
  sampler=$!
  for n in $clients; do
    local line before after per_cpu
    before=$(cpu_ticks "$server_pid")
    line=$("$load" --address "127.0.0.1:$port" --guide "$guide" --clients "$n" \
      --seconds "$seconds" --site "bench$n")
    after=$(cpu_ticks "$server_pid")
    IFS=$'\t' read -r c requests rate p50 p99 errors <<<"$line"
    # Events per CPU-second used by `lotse serve` itself (user + system),
    # a number less dependent on what else runs on the machine.
    per_cpu=$(((requests - errors) * 20 * hz / (after - before > 0 ? after - before : 1)))
    out "| $name | $c | $rate | $p50 | $p99 | $per_cpu | $requests | $errors |"
  done
  kill "$sampler" 2>/dev/null || true
  peak=$(sort -n "$tmp/$name.rss" | tail -1)
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  echo "$name $rest $peak" >>"$tmp/rss"
}

# Prints and keeps a line of the table.
out() { printf '%s\n' "$*" | tee -a "$tmp/table"; }

cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- crates 2>/dev/null || commit="$commit + uncommitted changes"
out "Measured $(date -u +%Y-%m-%d) on $cpu ($(nproc) cores, Linux $(uname -r)), commit $commit."
out "Versions: $(rustc --version), $(/usr/lib/postgresql/15/bin/postgres --version); SQLite is bundled by libsqlite3-sys."
fsync_ms=$(python3 - "$tmp" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync-probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT)
t0 = time.perf_counter()
for _ in range(50):
    os.write(fd, b"x" * 4096)
    os.fsync(fd)
print(f"{(time.perf_counter() - t0) / 50 * 1000:.1f}")
os.close(fd)
PY
)
out "Disk: one 4 KiB write + fsync takes ${fsync_ms} ms here (every commit waits for at least one); load average at start: $(cut -d' ' -f1 /proc/loadavg)."
out "Each run: ${seconds} s, batches of 20 events (guides/tariff-switch.json), one keep-alive connection per client, load generator on the same cores."
out ""
out '| store | clients | events/s acknowledged | p50 ms | p99 ms | events per server CPU-second | requests | errors |'
out '|---|---:|---:|---:|---:|---:|---:|---:|'
bench SQLite "sqlite://$tmp/bench.db"
start_postgres
bench PostgreSQL "$pg_url"
out ""
out '| store | RSS at rest | highest RSS under load |'
out '|---|---:|---:|'
while read -r name rest peak; do
  out "| $name | $((rest / 1024)) MiB | $((peak / 1024)) MiB |"
done <"$tmp/rss"

if [ "$write" = 1 ]; then
  python3 - "$root/BENCHMARKS.md" "$tmp/table" <<'EOF'
import sys
path, table = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(path).read()
begin, end = "<!-- bench-server:begin -->", "<!-- bench-server:end -->"
head, _, rest = text.partition(begin)
_, _, tail = rest.partition(end)
open(path, "w").write(f"{head}{begin}\n{table}\n{end}{tail}")
EOF
  echo "BENCHMARKS.md updated"
fi
