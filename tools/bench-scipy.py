#!/usr/bin/env python3
"""SciPy's cKDTree on the benchmark's station and query files: the peer of stations-bench.

Usage: python3 tools/bench-scipy.py STATIONS.csv QUERIES.csv [RUNS]
       python3 tools/bench-scipy.py STATIONS.csv QUERIES.csv --serve

With --serve it loads once, prints `ready`, and answers each line `K NEED` on standard input
(NEED an amenity tag or `none`) with the µs per query of one batch (tools/bench-interleaved.py).

Best configuration for nearest-with-amenity: points as 3-D unit vectors (chord distance ranks
like great-circle distance), one tree per amenity (only stations that have it), and the whole
query set answered in one batch `query` call on one core (workers=1). Time per query = total
batch time / number of queries, median of RUNS, build excluded, like stations-bench.
Needs numpy and scipy (pip install numpy scipy).
"""
import csv
import statistics
import sys
import time

import numpy as np
from scipy.spatial import cKDTree

CASES = [("none", None), ("toilet (50 %)", "toilet"), ("shower (20 %)", "shower"), ("laundry (5 %)", "laundry"),
         ("air-pump (0.5 %)", "air-pump"), ("rain-gear (none has it)", "rain-gear")]


def having(points, tags, tag):
    """The points of the stations that have amenity `tag` (all of them for None): one tree's worth."""
    return points if tag is None else points[[tag in t for t in tags]]


def unit_vectors(lat, lon):
    lat, lon = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    serve = "--serve" in sys.argv[3:]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 and not serve else 3
    with open(sys.argv[1], encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lat = np.array([float(r["lat"]) for r in rows])
    lon = np.array([float(r["lon"]) for r in rows])
    tags = [set(r["amenities"].split(";")) if r["amenities"] else set() for r in rows]
    with open(sys.argv[2], encoding="utf-8") as f:
        queries = np.array([[float(r["lat"]), float(r["lon"])] for r in csv.DictReader(f)])
    points, query_points = unit_vectors(lat, lon), unit_vectors(queries[:, 0], queries[:, 1])
    if serve:
        serve_timings(points, tags, query_points)
        return
    print(f"SciPy {__import__('scipy').__version__} cKDTree, {len(rows)} stations, {len(queries)} queries, runs: {runs}\n")
    print("| k | need | SciPy µs/query | tree build ms |")
    print("|---:|---|---:|---:|")
    for k in (1, 10):
        for label, tag in CASES:
            chosen = having(points, tags, tag)
            if len(chosen) == 0:
                # No tree can be built; the answer is known without searching.
                print(f"| {k} | {label} | 0.00 | 0 |")
                continue
            start = time.perf_counter()
            tree = cKDTree(chosen)
            build = (time.perf_counter() - start) * 1e3
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                tree.query(query_points, k=min(k, len(chosen)), workers=1)
                times.append((time.perf_counter() - start) / len(queries) * 1e6)
            print(f"| {k} | {label} | {statistics.median(times):.2f} | {build:.0f} |", flush=True)


def serve_timings(points, tags, query_points):
    """Answers `K NEED` lines with one batch's µs per query (trees built once per NEED, untimed)."""
    trees = {}
    print("ready", flush=True)
    for line in sys.stdin:
        k, need = line.split()
        if need not in trees:
            chosen = having(points, tags, None if need == "none" else need)
            trees[need] = cKDTree(chosen) if len(chosen) else None
        tree = trees[need]
        if tree is None:
            print("0.0000", flush=True)
            continue
        start = time.perf_counter()
        tree.query(query_points, k=min(int(k), tree.n), workers=1)
        print(f"{(time.perf_counter() - start) / len(query_points) * 1e6:.4f}", flush=True)


if __name__ == "__main__":
    main()
