/// The region where Chinese web maps shift coordinates into GCJ-02 (Amap, Tencent) and BD-09 (Baidu).
///
/// Convention: all 34 province-level units, Hong Kong, Macau and Taiwan included (those maps draw
/// them in their shifted datums too), buffered outward by about 2 km and simplified to about 500 m;
/// see ``ChinaOutline`` and `tools/generate-china-outline.py`. Unlike the rectangles most libraries
/// use, the outline leaves out Mongolia, Vietnam, Bhutan, the Russian Far East and the open sea.
/// Foreign towns within ~2 km of the border (Blagoveshchensk, parts of Sinuiju) fall inside the buffer.
enum ChinaRegion {
    /// Whether `coordinate` lies inside the outline (even-odd rule over all rings).
    /// About 0.1 µs a call: a bounding-box test, then the edges of one 0.05° latitude band.
    @inline(__always)
    static func contains(_ coordinate: Coordinate) -> Bool {
        index.contains(latitude: coordinate.latitude, longitude: coordinate.longitude)
    }

    /// Built on first use from the generated rings (~9,300 edges; well under a millisecond).
    static let index = RingIndex(rings: ChinaOutline.rings, bandHeight: 0.05)
}

/// Point-in-polygon for a fixed set of rings: an even-odd ray cast towards east whose edges are
/// bucketed by latitude band, so that a query reads only the edges that can cross its parallel.
struct RingIndex: Sendable {
    /// One non-horizontal edge, oriented south to north. It crosses the parallel `y` when
    /// `south <= y < north` (half-open, so a ray through a vertex counts the vertex once),
    /// at longitude `xAtSouth + (y − south) · slope`.
    struct Edge: Sendable {
        var south: Double
        var north: Double
        var xAtSouth: Double
        var slope: Double
    }

    let west: Double, south: Double, east: Double, north: Double
    let bandHeight: Double
    let bandCount: Int
    /// Edges of band `b` are `edges[bandStarts[b] ..< bandStarts[b + 1]]`; an edge that spans several
    /// bands is stored in each.
    let bandStarts: [Int]
    let edges: [Edge]

    /// `rings`: each ring a flat array lon0, lat0, lon1, lat1, … implicitly closed.
    init(rings: [[Double]], bandHeight: Double) {
        var all: [Edge] = []
        var west = Double.infinity, south = Double.infinity, east = -Double.infinity, north = -Double.infinity
        for ring in rings {
            let count = ring.count / 2
            guard count >= 3 else { continue }
            for i in 0..<count {
                let j = (i + 1) % count
                let (x0, y0, x1, y1) = (ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1])
                west = min(west, x0); east = max(east, x0); south = min(south, y0); north = max(north, y0)
                if y0 == y1 { continue }  // horizontal edges never cross a parallel under the half-open rule
                let (xs, ys, xn, yn) = y0 < y1 ? (x0, y0, x1, y1) : (x1, y1, x0, y0)
                all.append(Edge(south: ys, north: yn, xAtSouth: xs, slope: (xn - xs) / (yn - ys)))
            }
        }
        if all.isEmpty { west = 0; east = -1; south = 0; north = -1 }  // nothing is inside
        self.west = west; self.south = south; self.east = east; self.north = north
        self.bandHeight = bandHeight
        let bandCount = max(1, Int(((north - south) / bandHeight).rounded(.up)) + 1)
        self.bandCount = bandCount

        // Counting sort of the edges into the bands they overlap.
        func band(_ y: Double) -> Int { min(bandCount - 1, max(0, Int((y - south) / bandHeight))) }
        var counts = [Int](repeating: 0, count: bandCount + 1)
        for edge in all {
            for b in band(edge.south)...band(edge.north) { counts[b + 1] += 1 }
        }
        for b in 0..<bandCount { counts[b + 1] += counts[b] }
        var fill = counts
        let placeholder = Edge(south: 0, north: 0, xAtSouth: 0, slope: 0)
        var bucketed = [Edge](repeating: placeholder, count: counts[bandCount])
        for edge in all {
            for b in band(edge.south)...band(edge.north) {
                bucketed[fill[b]] = edge
                fill[b] += 1
            }
        }
        bandStarts = counts
        edges = bucketed
    }

    /// Whether the point is inside an odd number of rings. Points exactly on an edge may go either way.
    func contains(latitude: Double, longitude: Double) -> Bool {
        // Also false for NaN, whose comparisons all fail.
        guard latitude >= south, latitude < north, longitude >= west, longitude <= east else { return false }
        // The same expression as `band(_:)` in init, so a query lands in the bucket its edges were put in.
        let b = min(bandCount - 1, Int((latitude - south) / bandHeight))
        return edges.withUnsafeBufferPointer { edges in
            bandStarts.withUnsafeBufferPointer { starts in
                var inside = false
                for k in starts[b]..<starts[b + 1] {
                    let edge = edges[k]
                    if latitude >= edge.south, latitude < edge.north,
                       edge.xAtSouth + (latitude - edge.south) * edge.slope > longitude {
                        inside.toggle()
                    }
                }
                return inside
            }
        }
    }

    /// Number of edge entries in the densest band (for tests and tuning).
    var largestBand: Int {
        (0..<bandCount).map { bandStarts[$0 + 1] - bandStarts[$0] }.max() ?? 0
    }
}

extension Coordinate {
    /// Whether the position is inside China's outline (34 province-level units, ~2 km buffer; see
    /// ``ChinaRegion``): the test audits use for "outside China" and "latitude and longitude swapped".
    public var isInChina: Bool { isValid && ChinaRegion.contains(self) }
}
