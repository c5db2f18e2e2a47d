#!/usr/bin/env bash
# The national-scale benchmark of docs/BENCHMARKS.md: stations-bench (our index, brute force,
# GEOS STRtree) and SciPy's cKDTree on the same generated files, for each station count, then
# the two timed case by case in turn (tools/bench-interleaved.py).
#
#   bash tools/bench.sh [N ...]        default: 10000 100000 1000000
#
# Files go to ${TMPDIR:-/tmp}/stations-bench/ and are reused. SciPy comes from PyPI
# (pip install numpy scipy) and is skipped with a note when it cannot be imported.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(10000 100000 1000000)
dir="${TMPDIR:-/tmp}/stations-bench"
mkdir -p "$dir"

swift build -c release --product stations-bench >&2
queries="$dir/queries-10000.csv"
[ -f "$queries" ] || python3 tools/make-synthetic-queries.py 10000 "$queries"

for n in "${counts[@]}"; do
  stations="$dir/stations-$n.csv"
  [ -f "$stations" ] || python3 tools/make-synthetic-stations.py "$n" "$stations"
  echo "## $n stations"
  echo
  # Brute force costs ~0.1 s a query at 1M stations: a smaller oracle sample there.
  sample=300; [ "$n" -ge 1000000 ] && sample=100
  .build/release/stations-bench --stations "$stations" --queries "$queries" --oracle-sample "$sample"
  echo
  if python3 -c "import numpy, scipy" 2>/dev/null; then
    python3 tools/bench-scipy.py "$stations" "$queries"
    echo
    # The comparison that counts: both programs up at once, each case asked of one then the
    # other, so a burst on the shared machine slows both alike.
    python3 tools/bench-interleaved.py "$stations" "$queries"
  else
    echo "(SciPy not installed: pip install numpy scipy)"
  fi
  echo
done
