#!/usr/bin/env python3
"""Writes N benchmark query points as CSV (`lat,lon`).

Usage: python3 tools/make-synthetic-queries.py N OUT.csv [--seed S]

80 % near real cities of geodata/sources/cn-cities.csv (weighted like the synthetic stations,
Gaussian spread of ~10 km), 20 % uniform over China's bounding box (18.2–53.5 N, 73.5–134.8 E),
as issue "national scale" asks. Standard library only; deterministic for a seed.
"""
import csv
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 11
    rng = random.Random(seed)
    with open(ROOT / "geodata" / "sources" / "cn-cities.csv", encoding="utf-8") as f:
        cities = [row for row in csv.DictReader(f) if row["name_zh"]]
    weights = [math.sqrt(float(c["population"])) for c in cities]
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("lat,lon\n")
        for _ in range(count):
            if rng.random() < 0.8:
                city = rng.choices(cities, weights)[0]
                lat, lon = float(city["lat"]) + rng.gauss(0, 0.09), float(city["lon"]) + rng.gauss(0, 0.11)
            else:
                lat, lon = rng.uniform(18.2, 53.5), rng.uniform(73.5, 134.8)
            f.write(f"{lat:.6f},{lon:.6f}\n")


if __name__ == "__main__":
    main()
