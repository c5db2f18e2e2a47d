import GEOSBridge

extension PlanarRegion {
    /// Which points lie in the region (or reach it), and how many lie in each part and in the whole.
    struct Located: Sendable {
        /// Per point: inside the whole, or (with `reach`) its square of that half-width meets it.
        var reaches: [Bool]
        /// Per part, the points inside it (boundary included).
        var inPart: [Int]
        /// Points inside the whole.
        var inWhole: Int
    }

    /// Locates `points` with GEOS on all cores (prepared point-in-polygon tests). With `reach`, a
    /// point outside still counts as reaching when the square of half-width `reach[i]` around it
    /// meets the region (what a circle of that radius needs: GEOS's own distance test took 200 µs
    /// a point against a province outline, the square a few).
    func locate(_ points: [PlanarPoint], reach: [Double]? = nil, workers: Int) throws(AnalysisError) -> Located {
        let block = 4096
        let blocks = (points.count + block - 1) / block
        let results = try runGEOSJobs(count: blocks, workers: workers) { (context) throws(AnalysisError) in
            try geosStep("building the region in GEOS") { () throws(GEOSError) in try geometries(in: context) }
        } job: { geometries, context, b throws(AnalysisError) in
            try geosStep("locating stations") { () throws(GEOSError) in
                var found = Located(reaches: [], inPart: Array(repeating: 0, count: parts.count), inWhole: 0)
                for i in b * block..<min(points.count, (b + 1) * block) {
                    let c = points[i], r = reach?[i] ?? 0
                    let box = whole.box
                    guard c.x >= box.minX - r && c.x <= box.maxX + r && c.y >= box.minY - r && c.y <= box.maxY + r else {
                        found.reaches.append(false)
                        continue
                    }
                    let inside = box.contains(c) ? try geometries.whole.covers(x: c.x, y: c.y) : false
                    if inside {
                        found.inWhole += 1
                        if parts.count == 1 {
                            found.inPart[0] += 1  // the whole is the one part: no second test
                        } else {
                            for (p, part) in parts.enumerated() where part.box.contains(c) {
                                if try geometries.parts[p].covers(x: c.x, y: c.y) { found.inPart[p] += 1 }
                            }
                        }
                        found.reaches.append(true)
                    } else if r > 0 {
                        let square = PlanarBox(minX: c.x - r, minY: c.y - r, maxX: c.x + r, maxY: c.y + r).polygon
                        found.reaches.append(try geometries.whole.intersects(context.polygon(square)))
                    } else {
                        found.reaches.append(false)
                    }
                }
                return found
            }
        }
        var located = Located(reaches: [], inPart: Array(repeating: 0, count: parts.count), inWhole: 0)
        located.reaches.reserveCapacity(points.count)
        for result in results {
            located.reaches += result.reaches
            for p in located.inPart.indices { located.inPart[p] += result.inPart[p] }
            located.inWhole += result.inWhole
        }
        return located
    }
}
