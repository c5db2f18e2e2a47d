#!/usr/bin/env python3
"""Writes a later version of a registry CSV with random edits, for timing `stations diff` and
`stations reconcile` at scale (docs/BENCHMARKS.md).

Usage: python3 tools/make-registry-edits.py OLD.csv NEW.csv [--seed S]

Of every 100 records: 2 removed, 2 re-identified (new id, same place and name), 5 moved by
50-500 m, 3 noise moves under 10 m, 5 with an amenity added, 2 with new hours; and 2 % more
records are added at random places. The edits are drawn independently, so some records get two.
"""
import csv
import random
import sys


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 11
    rng = random.Random(seed)
    with open(source, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    at = {name: i for i, name in enumerate(header)}
    out = []
    for row in body:
        draw = rng.random()
        if draw < 0.02:
            continue
        row = list(row)
        if draw < 0.04:
            row[at["id"]] += "-r"
        elif draw < 0.09:
            row[at["lat"]] = f"{float(row[at['lat']]) + rng.uniform(50, 500) / 111_000:.6f}"
        elif draw < 0.12:
            row[at["lat"]] = f"{float(row[at['lat']]) + rng.uniform(0, 10) / 111_000:.6f}"
        if rng.random() < 0.05:
            row[at["amenities"]] = ";".join(filter(None, [row[at["amenities"]], "wifi"]))
        if rng.random() < 0.02:
            row[at["opening_hours"]] = "24/7"
        out.append(row)
    for i in range(len(body) // 50):
        row = [""] * len(header)
        row[at["id"]], row[at["name"]], row[at["kind"]] = f"add-{i:07d}", f"新增站点{i}", "outdoor-worker-station"
        row[at["lat"]], row[at["lon"]] = f"{rng.uniform(18.2, 53.5):.6f}", f"{rng.uniform(73.5, 134.8):.6f}"
        out.append(row)
    with open(target, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(out)


if __name__ == "__main__":
    main()
