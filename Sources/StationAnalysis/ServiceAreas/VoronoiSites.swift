import GEOSBridge
import StationKit

/// The sites of a Voronoi diagram: station positions in the plane, snapped to a 1 cm grid, with the
/// stations that share each one.
///
/// GEOS drops repeated points and then gives one cell per distinct point, so two stations entered at
/// the same coordinates would leave one of them without a cell. Snapping first makes "the same"
/// explicit (within 1 cm, finer than any registry's coordinates) and keeps distinct sites at least
/// 1 cm apart, which GEOS's triangulation handles without trouble. The stations of a site share its
/// cell; the first in id order owns it.
struct VoronoiSites {
    /// Snapped positions, one per distinct site.
    let points: [PlanarPoint]
    /// Per site, its stations (positions in the caller's array), in id order.
    let stations: [[Int]]

    /// `positions[i]` is where station `candidates[i]` projects; `ids` decides the order.
    init(positions: [PlanarPoint], candidates: [Int], ids: (Int) -> String) {
        let order = candidates.indices.sorted { ids(candidates[$0]) < ids(candidates[$1]) }
        var siteOfKey: [SIMD2<Int64>: Int] = [:]
        var points: [PlanarPoint] = [], stations: [[Int]] = []
        for i in order {
            let key = SIMD2(Int64((positions[i].x * 100).rounded()), Int64((positions[i].y * 100).rounded()))
            if let site = siteOfKey[key] {
                stations[site].append(candidates[i])
            } else {
                siteOfKey[key] = points.count
                points.append(PlanarPoint(x: Double(key.x) / 100, y: Double(key.y) / 100))
                stations.append([candidates[i]])
            }
        }
        self.points = points
        self.stations = stations
    }

    /// For each cell GEOS returned, the site inside it; nil when cells and sites do not pair up one
    /// to one (which would be a defect in GEOS or here).
    ///
    /// GEOS 3.11 returns cells in no useful order. A cell is convex and holds exactly one site, at
    /// least half the distance to its nearest neighbour (≥ 0.5 cm) from every edge, so among the
    /// sites in the cell's bounding box (found through a grid) the one deepest inside is it.
    func owners(of cells: [PlanarPolygon]) -> [Int]? {
        guard cells.count == points.count, let box = PlanarBox(around: points) else { return nil }
        let side = max(1, ((box.maxX - box.minX) * (box.maxY - box.minY) / Double(points.count)).squareRoot())
        func cell(_ x: Double, _ y: Double) -> SIMD2<Int64> {
            SIMD2(Int64(((x - box.minX) / side).rounded(.down)), Int64(((y - box.minY) / side).rounded(.down)))
        }
        var grid: [SIMD2<Int64>: [Int]] = [:]
        for (i, p) in points.enumerated() { grid[cell(p.x, p.y), default: []].append(i) }

        var owners: [Int] = []
        var taken = [Bool](repeating: false, count: points.count)
        for polygon in cells {
            guard let bounds = PlanarBox(around: polygon.exterior) else { return nil }
            let low = cell(max(bounds.minX, box.minX), max(bounds.minY, box.minY))
            let high = cell(min(bounds.maxX, box.maxX), min(bounds.maxY, box.maxY))
            var best: (site: Int, depth: Double)?
            if low.x <= high.x && low.y <= high.y {
                for gx in low.x...high.x {
                    for gy in low.y...high.y {
                        for site in grid[SIMD2(gx, gy)] ?? [] where bounds.contains(points[site]) {
                            let depth = Self.depth(of: points[site], in: polygon.exterior)
                            if depth > (best?.depth ?? -.infinity) { best = (site, depth) }
                        }
                    }
                }
            }
            guard let best, best.depth > -1e-6, !taken[best.site] else { return nil }
            taken[best.site] = true
            owners.append(best.site)
        }
        return owners
    }

    /// How far `p` lies inside a convex ring: the least distance to an edge's line, negative outside.
    static func depth(of p: PlanarPoint, in ring: [PlanarPoint]) -> Double {
        let orientation: Double = ring.doubleSignedArea >= 0 ? 1 : -1
        var least = Double.infinity
        for (a, b) in zip(ring, ring.dropFirst()) {
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            least = min(least, orientation * (dx * (p.y - a.y) - dy * (p.x - a.x)) / length)
        }
        return least
    }
}
