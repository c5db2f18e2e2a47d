#!/usr/bin/env python3
"""Time loading and exporting a large station file with the release binary.

Usage: python3 tools/bench-load-export.py [N] [RUNS]     (defaults: 1000000 stations, 5 runs)

Builds nothing: run `swift build -c release` first. Generates the synthetic file with
tools/make-synthetic-stations.py into $TMPDIR/stations-bench/ (reused when present), then runs
each command RUNS times and prints a Markdown table of the median and worst wall time and the
peak resident memory of each run (from wait4's rusage, so no extra tools are needed).
Standard library only.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / ".build/release/stations"


def run(args):
    """Wall seconds and peak RSS (MB) of one run; stdout discarded, failure fatal."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(args, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(map(str, args))}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not BINARY.exists():
        sys.exit("no release binary: run `swift build -c release` first")
    folder = Path(tempfile.gettempdir()) / "stations-bench"
    folder.mkdir(exist_ok=True)
    data = folder / f"stations-{count}.csv"
    if not data.exists():
        print(f"generating {data} …", file=sys.stderr)
        subprocess.run([sys.executable, ROOT / "tools/make-synthetic-stations.py", str(count), data], check=True)
    geojson = folder / f"stations-{count}.geojson"
    if not geojson.exists():
        subprocess.run([BINARY, "export", "--data", data, "-o", geojson], check=True, stderr=subprocess.DEVNULL)

    cases = [
        ("load CSV (`stats --data N.csv`)", ["stats", "--data", data]),
        ("load GeoJSON (`stats --data N.geojson`)", ["stats", "--data", geojson]),
        ("export GeoJSON (`export -o`)", ["export", "--data", data, "-o", folder / "out.geojson"]),
        ("export GeoJSON to stdout", ["export", "--data", data]),
        ("export GCJ-02 (`--crs gcj02 -o`)", ["export", "--data", data, "--crs", "gcj02", "-o", folder / "out.geojson"]),
        ("export with `--style`", ["export", "--data", data, "--style", "-o", folder / "out.geojson"]),
        ("export GeoJSON text sequence", ["export", "--data", data, "--format", "geojsonseq", "-o", folder / "out.geojsons"]),
        ("export CSV", ["export", "--data", data, "--format", "csv", "-o", folder / "out.csv"]),
    ]
    print(f"{count:,} stations ({data.stat().st_size / 1e6:.0f} MB CSV), {runs} runs each, {os.cpu_count()} cores\n")
    print("| command | median | worst | peak memory |")
    print("|---|---:|---:|---:|")
    for label, args in cases:
        results = [run([BINARY, *args]) for _ in range(runs)]
        times = [t for t, _ in results]
        memory = max(m for _, m in results)
        print(f"| {label} | {statistics.median(times):.2f} s | {max(times):.2f} s | {memory:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
