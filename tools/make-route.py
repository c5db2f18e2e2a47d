#!/usr/bin/env python3
"""Writes a long test route as a GeoJSON LineString, for `stations along` benchmarks.

Usage: python3 tools/make-route.py OUT.geojson [--spacing-km 0.5] [--wiggle-m 60] [--seed S]

The route runs from 北京 to 乌鲁木齐 through the cities of the G6/G30 corridor (张家口, 呼和浩特,
包头, 银川, 兰州, 武威, 张掖, 酒泉, 哈密, 吐鲁番), about 3,100 km: great-circle legs between the
cities, a vertex every --spacing-km, each moved sideways by up to --wiggle-m at random, like a
road's centre line traced from a map.
"""
import json
import math
import random
import sys

WAYPOINTS = [  # (name, lat, lon)
    ("北京", 39.90, 116.40), ("张家口", 40.78, 114.87), ("呼和浩特", 40.81, 111.65), ("包头", 40.65, 109.84),
    ("银川", 38.47, 106.27), ("兰州", 36.06, 103.84), ("武威", 37.93, 102.63), ("张掖", 38.93, 100.45),
    ("酒泉", 39.74, 98.52), ("哈密", 42.83, 93.51), ("吐鲁番", 42.95, 89.18), ("乌鲁木齐", 43.83, 87.62),
]
R = 6371008.8


def vector(lat, lon):
    p, l = math.radians(lat), math.radians(lon)
    return (math.cos(p) * math.cos(l), math.cos(p) * math.sin(l), math.sin(p))


def coordinate(v):
    x, y, z = v
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def slerp(a, b, t):
    angle = math.acos(max(-1.0, min(1.0, sum(p * q for p, q in zip(a, b)))))
    if angle == 0:
        return a
    s = math.sin(angle)
    wa, wb = math.sin((1 - t) * angle) / s, math.sin(t * angle) / s
    return tuple(wa * p + wb * q for p, q in zip(a, b)), angle


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    option = lambda name, default: float(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default
    spacing, wiggle, seed = option("--spacing-km", 0.5) * 1000, option("--wiggle-m", 60), int(option("--seed", 11))
    rng = random.Random(seed)
    points = []
    for (_, lat1, lon1), (_, lat2, lon2) in zip(WAYPOINTS, WAYPOINTS[1:]):
        a, b = vector(lat1, lon1), vector(lat2, lon2)
        _, angle = slerp(a, b, 0.5)
        steps = max(1, round(angle * R / spacing))
        for i in range(steps):
            v, _ = slerp(a, b, i / steps)
            lat, lon = coordinate(v)
            if i > 0:  # waypoints stay exact; points between them move sideways
                bearing = rng.uniform(0, 2 * math.pi)
                offset = rng.uniform(0, wiggle)
                lat += math.degrees(offset * math.cos(bearing) / R)
                lon += math.degrees(offset * math.sin(bearing) / (R * math.cos(math.radians(lat))))
            points.append([round(lon, 7), round(lat, 7)])
    points.append([WAYPOINTS[-1][2], WAYPOINTS[-1][1]])
    feature = {"type": "Feature", "properties": {"name": " → ".join(w[0] for w in WAYPOINTS)},
               "geometry": {"type": "LineString", "coordinates": points}}
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": [feature]}, f, ensure_ascii=False)
    print(f"{out}: {len(points)} points")


if __name__ == "__main__":
    main()
