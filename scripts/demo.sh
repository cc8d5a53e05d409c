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
cat <<EOF

Lotse demo (store: $database)
  demo site with the guide:  $base/
  the guide as served:       $base/guides/demo.json
  drop-off report (JSON):    $base/v1/reports/guides/demo/funnel
Walk, close or Esc the guide in the browser, then reload the report.
Ctrl-C stops the server.

EOF
exec target/debug/lotse serve --listen "$listen" --database "$database" \
  --guides guides --widget dist/lotse --static www
