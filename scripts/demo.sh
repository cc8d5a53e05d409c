#!/usr/bin/env bash
# The README's demo command: sets up whatever is missing, builds the widget and
# the server, then runs `lotse serve` on a SQLite file with the demo site
# (www/) and its guides (guides/) until Ctrl-C.
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
printf '\nLotse demo (store: %s)\n' "$database"
printf '  demo site:             %s/\n' "$base"
printf '  drop-off reports (JSON), one per guide in guides/:\n'
for guide in guides/*.json; do
  case "$guide" in *.schema.json) continue ;; esac
  id=$(basename "$guide" .json)
  printf '    %-14s       %s/v1/reports/guides/%s/funnel\n' "$id" "$base" "$id"
done
printf 'Walk, close or Esc a guide in the browser, then reload its report.\n'
printf 'Ctrl-C stops the server.\n\n'
exec target/debug/lotse serve --listen "$listen" --database "$database" \
  --guides guides --widget dist/lotse --static www
