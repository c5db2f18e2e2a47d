#!/usr/bin/env bash
# The load benchmark of `stations serve` (docs/BENCHMARKS.md): wrk on loopback against /v1/near
# on a snapshot of N synthetic stations, random points over China, beside the same query through
# `stations near` run in a loop (one process per query), in one run.
#
#   bash tools/bench-serve.sh [N] [SECONDS] [CONNECTIONS]     default: 1000000 60 64
#
# Needs wrk (tools/install-deps.sh). Files go to ${TMPDIR:-/tmp}/stations-bench/ and are reused.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
seconds=${2:-60}
connections=${3:-64}
dir="${TMPDIR:-/tmp}/stations-bench"
mkdir -p "$dir"
command -v wrk >/dev/null || { echo "bench-serve: wrk is missing; run tools/install-deps.sh" >&2; exit 1; }

[ -n "${SKIP_BUILD:-}" ] || swift build -c release --product stations --build-path .build-release >&2
stations=.build-release/release/stations
csv="$dir/stations-$n.csv"
snapshot="$dir/stations-$n.idx"
[ -f "$csv" ] || python3 tools/make-synthetic-stations.py "$n" "$csv"
[ -f "$snapshot" ] || "$stations" index build --data "$csv" -o "$snapshot"

log="$dir/serve.log"
"$stations" serve --data "$snapshot" --port 0 --quiet 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "serving" "$log" && break; sleep 0.1; done
port=$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$log" | head -1)
base="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

# Random points over China's bounding box, a third of them asking for a shower.
script="$dir/near.lua"
cat > "$script" <<'LUA'
math.randomseed(20261208)
request = function()
  local lat = 22 + math.random() * 20
  local lon = 100 + math.random() * 22
  local need = ""
  if math.random() < 0.33 then need = "&need=shower" end
  return wrk.format("GET", string.format("/v1/near?lat=%.5f&lon=%.5f%s", lat, lon, need))
end
LUA

curl -fsS "$base/v1/near?lat=37.9&lon=112.5" >/dev/null
echo "## stations serve: $n stations (snapshot), wrk -t2 -c$connections -d${seconds}s, random points"
echo
echo "server RSS before: $(rss) KiB"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "$base" | tee "$dir/wrk.txt"
echo "server RSS after: $(rss) KiB"
errors=$(curl -fsS "$base/metrics" | awk -F'[{}" ]' '/^stations_http_requests_total/ && $0 !~ /status="200"/ && $0 ~ /near/ {s+=$NF} END {print s+0}')
echo "non-200 answers to /v1/near (from /metrics): $errors"
echo

# The same question through the CLI: a process per query, mapping the snapshot each time.
runs=200
start=$(date +%s.%N)
for i in $(seq 1 $runs); do
  "$stations" near "3$((i % 10)).5,11$((i % 10)).25" --data "$snapshot" --format json >/dev/null
done
end=$(date +%s.%N)
python3 -c "import sys; t = float(sys.argv[2]) - float(sys.argv[1]); print(f'stations near in a loop: {sys.argv[3]} queries in {t:.2f} s = {1000 * t / int(sys.argv[3]):.2f} ms a query')" "$start" "$end" "$runs"
