#!/usr/bin/env bash
# Instructions and simulated cache misses per query of `nearest`, under valgrind's callgrind, on
# the 1,000,000 stations and 10,000 queries of tools/bench.sh. These counts are the same from run
# to run, where wall time on a shared machine moves by a third: the way to judge a small change
# to the search (docs/BENCHMARKS.md has the figures it printed).
#
#   bash tools/callgrind.sh [K:NEED ...]      default: 1:none 10:none 10:toilet 10:shower 10:air-pump 1:air-pump
#
# Needs valgrind (apt-get install -y valgrind). The simulated last-level cache is 8 MB, 16-way;
# counting is limited to `nearest` calls (--toggle-collect), so opening the snapshot is left out.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind not found (apt-get install -y valgrind)" >&2; exit 2; }
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(1:none 10:none 10:toilet 10:shower 10:air-pump 1:air-pump)
dir="${TMPDIR:-/tmp}/stations-bench"
mkdir -p "$dir"
swift build -c release --product stations-bench >&2
bench=.build/release/stations-bench
stations="$dir/stations-1000000.csv" queries="$dir/queries-10000.csv"
[ -f "$stations" ] || python3 tools/make-synthetic-stations.py 1000000 "$stations"
[ -f "$queries" ] || python3 tools/make-synthetic-queries.py 10000 "$queries"
# Written anew each time: the grid's layout is chosen when it is built, so an old snapshot
# would measure old code.
snapshot="$dir/callgrind-1000000.idx"
"$bench" probe --stations "$stations" --snapshot "$snapshot"
count=$(($(wc -l < "$queries") - 1))

echo "| case (k:need) | instructions | L1 data misses | last-level misses |"
echo "|---|---:|---:|---:|"
for c in "${cases[@]}"; do
  out="$dir/callgrind.out.${c/:/-}"
  valgrind --tool=callgrind --cache-sim=yes --LL=8388608,16,64 --toggle-collect='*nearest*' \
    --callgrind-out-file="$out" "$bench" probe --snapshot "$snapshot" --queries "$queries" --case "$c" >/dev/null 2>&1
  # The totals line holds every event; pick Ir, D1mr and DLmr by the events line's names.
  callgrind_annotate "$out" 2>/dev/null | awk -v c="$c" -v n="$count" '
    /^Events shown:/ { for (i = 3; i <= NF; i++) col[$i] = i - 2 }
    /PROGRAM TOTALS/ { gsub(/\([^)]*\)/, ""); for (i = 1; i <= NF; i++) gsub(",", "", $i)
      printf "| %s | %.0f | %.1f | %.1f |\n", c, $col["Ir"] / n, $col["D1mr"] / n, $col["DLmr"] / n }'
done
