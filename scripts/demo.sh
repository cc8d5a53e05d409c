#!/usr/bin/env bash
# The README's demo command: sets up whatever is missing, builds the widget and
# the server, fills an empty demo database with synthetic runs (`lotse
# demo-data`, see docs/demo-data.md), prints the URLs to open, then runs
# `lotse serve` on that SQLite file with the demo site (www/) and its guides
# (guides/, reloaded when you edit them) until Ctrl-C.
#
#   scripts/demo.sh                      # http://127.0.0.1:8080/
#   LOTSE_LISTEN=0.0.0.0:9000 scripts/demo.sh
set -euo pipefail
. "$(dirname "$0")/toolchain.sh"
cd "$LOTSE_ROOT"

scripts/setup.sh
scripts/build-widget.sh
say "cargo build -p lotse-server (the lotse binary)"
cargo build --quiet -p lotse-server --bin lotse

listen=${LOTSE_LISTEN:-127.0.0.1:8080}
database=${DATABASE_URL:-sqlite://target/lotse-demo.db}
base="http://$listen"
# Weeks of runs for the dashboard, only into a store without events.
target/debug/lotse demo-data --database "$database" --guides guides --if-empty
printf '\nLotse demo (store: %s)\n' "$database"
printf '  demo site:             %s/  (%s/de/)\n' "$base" "$base"
printf '  tariff switch (guide): %s/de/switch/consumption.html\n' "$base"
printf '                         %s/en/switch/consumption.html\n' "$base"
printf '  meter reading (guide): %s/de/meter/reading.html\n' "$base"
printf '                         %s/en/meter/reading.html\n' "$base"
printf '  drop-off reports (JSON), one per guide in guides/:\n'
for guide in guides/*.json; do
  case "$guide" in *.schema.json) continue ;; esac
  id=$(basename "$guide" .json)
  printf '    %-14s       %s/v1/reports/guides/%s/funnel\n' "$id" "$base" "$id"
done
# Reports need a token (issue 6): a fresh "demo" token on every start.
target/debug/lotse token revoke demo --database "$database" >/dev/null 2>&1 || true
token=$(target/debug/lotse token create --name demo --database "$database")
printf '  dashboard:             %s/dashboard   (sign in with the token below)\n' "$base"
printf '  report token:          %s\n' "$token"
printf '  JSON/CSV reports need: curl -H "Authorization: Bearer %s" URL\n' "$token"
printf 'Walk, close or Esc a guide in the browser, then reload its report.\n'
printf 'Ctrl-C stops the server.\n\n'
exec target/debug/lotse serve --listen "$listen" --database "$database" \
  --guides guides --widget dist/lotse --static www
