#!/usr/bin/env python3
"""Generate the outline of the region where the Chinese map datums (GCJ-02, BD-09) apply.

Reads only a repository file:
  geodata/regions/cn-provinces.geojson   China's 34 province-level units (DCW-GMT 2.1.1)
and writes:
  Sources/StationKit/Datums/ChinaOutline.swift   the outline's rings as flat Swift [Double] arrays

Convention: the region is the union of all 34 province-level units, including Hong Kong,
Macau and Taiwan, because Amap/Tencent (GCJ-02) and Baidu (BD-09) draw those in their
shifted datums too (the reference libraries shift Hong Kong as well).

Steps (distances in metres, measured on a spherical Lambert conformal conic projection with
standard parallels 25°N and 47°N and central meridian 105°E, whose scale stays within a few
per cent of true over China, so a buffer in it is a buffer on the ground):
  1. union the provinces;
  2. buffer outward by BUFFER_M, so that stations on the coast or a border, which the
     ~300 m simplified source outline can put on the wrong side, stay inside; the buffer also
     fills the slivers between provinces and merges islets within 4 km of each other;
  3. simplify (topology-preserving Douglas-Peucker) with tolerance SIMPLIFY_M, and drop holes
     (sea enclosed by buffered islands) smaller than MIN_HOLE_M2;
  4. check: the simplified outline still covers every province, and the capitals of the
     neighbours closest to the border (Ulaanbaatar, Hanoi, Thimphu, ...) stay outside;
  5. write every ring (exterior rings and holes, islands included) as (lon, lat) pairs
     rounded to DECIMALS decimals, polygons sorted by their south-west corner.

Requires shapely (`pip install shapely`); it is a generation-time tool only, the build and the
tests do not need Python. Deterministic: two runs with the same shapely/GEOS give the same bytes.

Usage: python3 tools/generate-china-outline.py
"""
import json
import math
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ROOT / "geodata/regions/cn-provinces.geojson"
OUT_SWIFT = ROOT / "Sources/StationKit/Datums/ChinaOutline.swift"

BUFFER_M = 2000.0
SIMPLIFY_M = 500.0
MIN_HOLE_M2 = 1.0e6   # holes smaller than 1 km² are dropped
DECIMALS = 4          # 1e-4° ≈ 11 m, far below the 500 m simplification
PAIRS_PER_LINE = 6

# Spherical Lambert conformal conic, two standard parallels.
R = 6371008.8
LON0 = math.radians(105.0)
PHI1, PHI2 = math.radians(25.0), math.radians(47.0)
N = math.log(math.cos(PHI1) / math.cos(PHI2)) / math.log(
    math.tan(math.pi / 4 + PHI2 / 2) / math.tan(math.pi / 4 + PHI1 / 2))
F = math.cos(PHI1) * math.tan(math.pi / 4 + PHI1 / 2) ** N / N


def project(coords):
    """(lon, lat) degrees -> (x, y) metres, for an (n, 2) numpy array."""
    import numpy as np
    lam = np.radians(coords[:, 0]) - LON0
    phi = np.radians(coords[:, 1])
    rho = R * F / np.tan(np.pi / 4 + phi / 2) ** N
    theta = N * lam
    return np.column_stack((rho * np.sin(theta), -rho * np.cos(theta)))


def unproject(coords):
    """(x, y) metres -> (lon, lat) degrees, the inverse of project."""
    import numpy as np
    x, y = coords[:, 0], -coords[:, 1]
    rho = np.hypot(x, y)
    theta = np.arctan2(x, y)
    phi = 2 * np.arctan((R * F / rho) ** (1 / N)) - np.pi / 2
    return np.column_stack((np.degrees(theta / N + LON0), np.degrees(phi)))


# Places that must stay outside: capitals of neighbouring countries. Foreign border towns that lie
# within the buffer distance of the source outline (Blagoveshchensk across the Amur from Heihe,
# Sinuiju across the Yalu from Dandong, Muse across from Ruili) are inside by construction.
OUTSIDE = {
    "Ulaanbaatar": (47.92, 106.92),
    "Hanoi": (21.03, 105.85),
    "Thimphu": (27.47, 89.64),
    "Kathmandu": (27.72, 85.32),
    "Bishkek": (42.87, 74.59),
    "Pyongyang": (39.03, 125.75),
    "Vientiane": (17.97, 102.61),
    "Seoul": (37.57, 126.98),
    "Vladivostok": (43.12, 131.89),
}
INSIDE = {
    "Erenhot": (43.65, 111.98),
    "Hong Kong": (22.32, 114.17),
    "Macau": (22.20, 113.55),
    "Taipei": (25.03, 121.56),
    "Haikou": (20.04, 110.34),
    "Chongming": (31.62, 121.40),
    "Zhoushan": (30.00, 122.10),
    "Hekou": (22.51, 103.95),
    "Heihe": (50.25, 127.49),
    "Dandong": (40.13, 124.39),
}


def ring_coords(ring):
    """The ring's vertices without the closing repeat, rounded; consecutive duplicates dropped."""
    out = []
    for lon, lat in ring.coords[:-1]:
        p = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def fmt(value):
    text = f"{value:.{DECIMALS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def main():
    features = json.loads(PROVINCES.read_text(encoding="utf-8"))["features"]
    provinces = [shape(f["geometry"]) for f in features]
    assert len(provinces) == 34, len(provinces)
    union = shapely.union_all(provinces)

    projected = shapely.transform(union, project)
    buffered = projected.buffer(BUFFER_M, quad_segs=8)
    simplified = shapely.simplify(buffered, SIMPLIFY_M, preserve_topology=True)
    # Holes are patches of sea enclosed by buffered islands; those under MIN_HOLE_M2 are below
    # the resolution of the simplified outline (mostly triangles left by the simplification).
    simplified = MultiPolygon([
        Polygon(p.exterior, [h for h in p.interiors if Polygon(h).area >= MIN_HOLE_M2])
        for p in getattr(simplified, "geoms", [simplified])
    ])
    outline = shapely.transform(simplified, unproject)
    outline = shapely.make_valid(outline)
    polygons = [g for g in getattr(outline, "geoms", [outline]) if isinstance(g, Polygon)]
    polygons.sort(key=lambda p: (round(p.bounds[0], 6), round(p.bounds[1], 6), -p.area))

    rings = []   # (kind, coords)
    for polygon in polygons:
        rings.append(("exterior", ring_coords(polygon.exterior)))
        for hole in sorted(polygon.interiors, key=lambda r: (r.bounds[0], r.bounds[1])):
            rings.append(("hole", ring_coords(hole)))
    rings = [(kind, coords) for kind, coords in rings if len(coords) >= 3]

    # Checks, on the rounded rings as written.
    check = MultiPolygon([Polygon(c) for kind, c in rings if kind == "exterior"])
    check = shapely.make_valid(check)
    for kind, coords in rings:
        if kind == "hole":
            check = check.difference(Polygon(coords))
    for name, (lat, lon) in OUTSIDE.items():
        assert not check.contains(Point(lon, lat)), f"{name} must be outside"
    for name, (lat, lon) in INSIDE.items():
        assert check.contains(Point(lon, lat)), f"{name} must be inside"
    for feature, province in zip(features, provinces):
        assert check.contains(province), f"{feature['properties']['iso_3166_2']} not covered"

    vertices = sum(len(c) for _, c in rings)
    holes = sum(1 for kind, _ in rings if kind == "hole")
    west, south, east, north = check.bounds

    lines = [
        "// Generated by tools/generate-china-outline.py from geodata/regions/cn-provinces.geojson; do not edit.",
        "//",
        "// The region where the Chinese map datums (GCJ-02, BD-09) apply: the union of China's 34",
        "// province-level units, including Hong Kong, Macau and Taiwan (Amap/Tencent and Baidu draw those",
        f"// in their shifted datums too), buffered outward by {BUFFER_M / 1000:g} km so that coastal and border points on",
        f"// the ~300 m simplified source outline are not lost, then simplified to {SIMPLIFY_M:g} m, and holes (sea enclosed",
        f"// by buffered islands) under {MIN_HOLE_M2 / 1e6:g} km² dropped. Distances are measured on a Lambert conformal conic",
        "// projection (standard parallels 25°N/47°N, central meridian 105°E).",
        f"// {len(rings)} rings ({len(rings) - holes} exterior, {holes} holes), {vertices} vertices, (lon, lat) in degrees"
        f" rounded to {DECIMALS} decimals;",
        "// rings are implicitly closed (the last vertex joins the first). Test points with the even-odd rule.",
        "//",
        "// Boundary data: DCW-GMT 2.1.1 (Digital Chart of the World for GMT, Debian package gmt-dcw),",
        "// LGPL-3.0-or-later, © 2014 The GMT Team.",
        "",
        "enum ChinaOutline {",
        "    /// Bounding box of all rings, degrees.",
        f"    static let west = {fmt(west)}, south = {fmt(south)}, east = {fmt(east)}, north = {fmt(north)}",
        "",
        "    /// Every ring as a flat array lon0, lat0, lon1, lat1, …; exterior rings and holes alike.",
        "    static let rings: [[Double]] = [",
    ]
    for kind, coords in rings:
        lines.append(f"        // {kind}, {len(coords)} vertices")
        lines.append("        [")
        for i in range(0, len(coords), PAIRS_PER_LINE):
            chunk = coords[i:i + PAIRS_PER_LINE]
            lines.append("            " + " ".join(f"{fmt(lon)},{fmt(lat)}," for lon, lat in chunk))
        lines.append("        ],")
    lines += ["    ]", "}", ""]
    OUT_SWIFT.parent.mkdir(parents=True, exist_ok=True)
    OUT_SWIFT.write_text("\n".join(lines), encoding="utf-8")
    size = OUT_SWIFT.stat().st_size
    print(f"{OUT_SWIFT.relative_to(ROOT)}: {len(rings)} rings ({holes} holes), {vertices} vertices, {size} bytes")


if __name__ == "__main__":
    main()
