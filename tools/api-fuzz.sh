#!/usr/bin/env bash
# Fuzzes the running API against its OpenAPI document with schemathesis (PyPI): requests generated
# from /openapi.json, each answer checked for no 5xx, a documented status and media type, a body
# that fits the documented schema, and a 405 with `Allow` for undeclared methods.
#
#   bash tools/api-fuzz.sh [EXAMPLES]     default 40 per operation; uses the debug build
#
# Left out: positive_data_acceptance, which expects every schema-valid request to succeed; the
# API rightly refuses some combinations a schema cannot express (open_now=true with open_at, a
# route given both inline and as a body, a bbox with SOUTH > NORTH).
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-40}
command -v schemathesis >/dev/null || python3 -m pip install --quiet schemathesis
swift build --product stations >&2
log=$(mktemp)
.build/debug/stations serve --port 0 --quiet 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do grep -q "serving" "$log" && break; sleep 0.1; done
port=$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$log" | head -1)
[ -n "$port" ] || { cat "$log" >&2; exit 1; }
schemathesis --no-color run "http://127.0.0.1:$port/openapi.json" --checks all --exclude-checks positive_data_acceptance \
  --max-examples "$examples" --seed 20261208 --request-timeout 30
