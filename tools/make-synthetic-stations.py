#!/usr/bin/env python3
"""Writes N synthetic stations (CSV interchange format) for benchmarks and scale tests.

Usage: python3 tools/make-synthetic-stations.py N OUT.csv [--seed S]

80 % are clustered around real cities of geodata/sources/cn-cities.csv (weighted by population,
Gaussian spread of a few km, like real registries), 20 % uniform over China's bounding box.
Amenities have fixed frequencies so benchmarks can ask for a 50 %, 20 %, 5 % and 0.5 % amenity:
toilet 50 %, shower 20 %, laundry 5 %, air-pump 0.5 %, and `rain-gear` is never set (the "no station has it" case).
"""
import csv
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["outdoor-worker-station"] * 7 + ["driver-home"] * 2 + ["carnation-station"]
# (tag, probability): the benchmark's selectivities first, then background amenities.
AMENITIES = [("toilet", 0.5), ("laundry", 0.05), ("air-pump", 0.005),
             ("drinking-water", 0.6), ("rest", 0.7), ("shower", 0.2), ("heating", 0.3), ("charging", 0.3)]


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    with open(ROOT / "geodata" / "sources" / "cn-cities.csv", encoding="utf-8") as f:
        cities = [row for row in csv.DictReader(f) if row["name_zh"]]
    weights = [math.sqrt(float(c["population"])) for c in cities]
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator\n")
        for i in range(count):
            if rng.random() < 0.8:
                city = rng.choices(cities, weights)[0]
                lat = float(city["lat"]) + rng.gauss(0, 0.04)
                lon = float(city["lon"]) + rng.gauss(0, 0.05)
                province, name = city["province_zh"], city["name_zh"]
            else:
                lat, lon = rng.uniform(18.2, 53.5), rng.uniform(73.5, 134.8)
                province, name = "", ""
            tags = [tag for tag, p in AMENITIES if rng.random() < p]
            f.write(f"syn-{i:07d},{name}站点{i},{rng.choice(KINDS)},{lat:.6f},{lon:.6f},{';'.join(tags)},,{province},{name},,,\n")


if __name__ == "__main__":
    main()
