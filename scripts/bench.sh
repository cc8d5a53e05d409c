#!/usr/bin/env bash
# Every benchmark of BENCHMARKS.md, one after the other (about 20 minutes on
# 2 cores): the widget's transfer size, its speed side by side with
# Driver.js, Shepherd.js and Intro.js in headless Chromium, event ingest
# throughput on SQLite and PostgreSQL, and the funnel report query. Each
# script prints its table; the size, speed and ingest tables are rewritten
# in BENCHMARKS.md, the report table is printed to paste (its 10M run is
# optional: BENCH_EVENTS="1000000 10000000").
#
#   scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/bench-size.sh --write
scripts/bench-speed.sh --write
scripts/bench-server.sh --write
scripts/bench-reports.sh --write
