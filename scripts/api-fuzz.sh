#!/usr/bin/env bash
# Property-based fuzzing of the HTTP API from its own OpenAPI document:
# starts `lotse serve` on a temporary SQLite file with the demo guides and
# runs schemathesis (from PyPI, in a venv under .tools/api-fuzz) against
# GET /v1/openapi.json with the `not_a_server_error` check: no request it
# generates, valid or not, may get a 5xx. Bounded: FUZZ_EXAMPLES examples
# per operation (default 100) and FUZZ_SECONDS overall (default 300).
#
#   scripts/api-fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${FUZZ_EXAMPLES:-100}
limit=${FUZZ_SECONDS:-300}
venv=.tools/api-fuzz

if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==4.32.5"
fi

cargo build --quiet -p lotse-server --bin lotse
target=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

tmp=$(mktemp -d /tmp/lotse-fuzz-XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# A report token, so the report routes are fuzzed past the 401.
token=$("$target/debug/lotse" token create --name fuzz --database "sqlite://$tmp/fuzz.db" \
  --site demo | grep -o 'lotse_[0-9a-f]*' | head -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUST_LOG=warn "$target/debug/lotse" serve --listen "127.0.0.1:$port" \
  --database "sqlite://$tmp/fuzz.db" --guides guides --widget "$tmp" 2>"$tmp/lotse.log" &
pid=$!
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

status=0
timeout "$limit" "$venv/bin/schemathesis" run "http://127.0.0.1:$port/v1/openapi.json" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error --max-examples "$examples" --no-color || status=$?
if grep -q 'ERROR\|panicked' "$tmp/lotse.log"; then
  echo "api-fuzz: the server logged errors:" >&2
  cat "$tmp/lotse.log" >&2
  status=1
fi
if [ "$status" -eq 124 ]; then
  echo "api-fuzz: stopped after ${limit}s without finding a server error"
  status=0
fi
exit "$status"
