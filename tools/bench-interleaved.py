#!/usr/bin/env python3
"""Our index and SciPy's cKDTree timed case by case in turn, on the same files, in one run.

Usage: python3 tools/bench-interleaved.py STATIONS.csv QUERIES.csv [ROUNDS]

On a shared machine the speed of memory changes by a third from one minute to the next, so two
tables printed minutes apart compare moments as much as programs. Here both programs load once
and stay up (`stations-bench serve`, `bench-scipy.py --serve`); then, ROUNDS times (default 7),
each case is asked of both, one right after the other, the order swapped every round. A case's
figure is the median of its rounds; the ratio is SciPy's median over ours. Needs numpy and
scipy, and the release build of stations-bench (tools/bench.sh builds it).
"""
import importlib.util
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scipy_cases():
    """The cases of tools/bench-scipy.py, one list for both scripts: (label, tag) with None for no
    filter. Its module name has a hyphen, so it is loaded by path."""
    spec = importlib.util.spec_from_file_location("bench_scipy", ROOT / "tools/bench-scipy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


# Every case but the amenity no station has, which SciPy answers without a tree (nothing to time).
LABELS = {tag or "none": label for label, tag in scipy_cases() if tag != "rain-gear"}
CASES = [(k, need) for k in (1, 10) for need in LABELS]


class Server:
    """A benchmark process that answers `K NEED` lines with `MICROSECONDS ...`."""

    def __init__(self, name, command):
        self.name = name
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if line != "ready":
            raise SystemExit(f"bench-interleaved: {name} did not start (said {line!r})")

    def time(self, k, need):
        self.process.stdin.write(f"{k} {need}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline().split()
        if not line:
            raise SystemExit(f"bench-interleaved: {self.name} stopped answering")
        return float(line[0])

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    stations, queries = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    ours = Server("stations-bench", [str(ROOT / ".build/release/stations-bench"), "serve", "--stations", stations, "--queries", queries])
    scipy = Server("SciPy", [sys.executable, str(ROOT / "tools/bench-scipy.py"), stations, queries, "--serve"])
    times = {(case, who): [] for case in CASES for who in ("ours", "scipy")}
    for round_number in range(rounds):
        for case in CASES:
            pair = [("ours", ours), ("scipy", scipy)]
            for who, server in pair if round_number % 2 == 0 else reversed(pair):
                times[(case, who)].append(server.time(*case))
    ours.close()
    scipy.close()
    print(f"Interleaved: {rounds} rounds, each case asked of both in turn (µs per query, median of the rounds; range in brackets)\n")
    print("| k | need | ours µs/query | SciPy µs/query | SciPy / ours | rounds ours faster |")
    print("|---:|---|---:|---:|---:|---:|")
    for case in CASES:
        a, b = times[(case, "ours")], times[(case, "scipy")]
        wins = sum(x < y for x, y in zip(a, b))
        print(f"| {case[0]} | {LABELS[case[1]]} | {statistics.median(a):.2f} ({min(a):.2f}–{max(a):.2f}) "
              f"| {statistics.median(b):.2f} ({min(b):.2f}–{max(b):.2f}) | {statistics.median(b) / statistics.median(a):.2f}× | {wins} of {rounds} |")


if __name__ == "__main__":
    main()
