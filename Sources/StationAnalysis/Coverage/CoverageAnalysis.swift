import Foundation
import GEOSBridge
import StationKit

/// How much of a region lies within a geodesic radius of a station that matches a filter, and where
/// the gaps are.
///
/// The region is projected on a Lambert azimuthal equal-area projection of the WGS84 ellipsoid
/// centred on it; around each matching station that can reach the region, a geodesic circle
/// (``GeodesicCircles``) becomes a polygon in that plane. The circles are unioned by GEOS component
/// by component (``CircleComponents``, thinned by ``InteriorCells``, the largest cut into strips by
/// ``UnionJob``), on all cores; each union is
/// intersected with each part of the region (or found wholly inside it) and GEOS measures the areas.
/// The gaps are each part minus the unions (`GEOSDifference_r`), normalized and taken back to WGS84.
public struct CoverageAnalysis: Sendable {
    /// Metres, geodesic on WGS84.
    public var radius: Double
    /// Which stations count.
    public var filter: StationFilter
    /// Vertices per circle.
    public var segments: Int
    /// Threads to use.
    public var workers: Int
    /// Components of at least this many circles are unioned in strips (tests lower it).
    var splitThreshold = UnionJob.splitThreshold

    public init(radius: Double, filter: StationFilter = StationFilter(), segments: Int = 64,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        precondition(radius > 0 && segments >= 8, "a positive radius and at least 8 segments")
        self.radius = radius
        self.filter = filter
        self.segments = segments
        self.workers = max(1, workers)
    }

    /// Measures coverage of `region` by the matching `stations`; `gaps` asks for the uncovered
    /// polygons too (they cost one more overlay per part).
    public func run(_ stations: [Station], in region: AnalysisRegion, gaps: Bool = false) throws(AnalysisError) -> CoverageReport {
        let context = GEOSContext()
        let planar = try geosStep("projecting \(region.name)") { () throws(GEOSError) in try PlanarRegion(region, context: context) }
        let circles = candidateCircles(stations, near: region, projection: planar.projection)
        let located = try planar.locate(circles.centres, reach: circles.circumradius, workers: workers)
        let reaching = circles.subset(circles.count == 0 ? [] : (0..<circles.count).filter { located.reaches[$0] })
        let components = CircleComponents.find(reaching)

        // Rows are the parts; overlapping parts need the union measured as one more target.
        let measuresWhole = planar.parts.count > 1 && !planar.partsAreDisjoint
        let targets = planar.parts + (measuresWhole ? [planar.whole] : [])
        let jobs = UnionJob.plan(components, circles: reaching, workers: workers, threshold: splitThreshold)
        let strips = try runGEOSJobs(count: jobs.count, workers: workers) { (context) throws(AnalysisError) in
            try geosStep("building \(region.name) in GEOS") { () throws(GEOSError) in try planar.geometries(in: context) }
        } job: { geometries, context, j throws(AnalysisError) in
            let prepared = geometries.parts + (measuresWhole ? [geometries.whole] : [])
            return try geosStep("union of \(jobs[j].members.count) circles") { () throws(GEOSError) in
                try Self.union(of: jobs[j].members, clippedTo: jobs[j].strip, circles: reaching, targets: targets, prepared: prepared,
                               keepPolygons: gaps, context: context)
            }
        }
        let pieces = try joinStrips(strips, of: jobs, components: components.count, mergingPolygons: gaps)

        var rows = planar.parts.enumerated().map { p, part in
            CoverageReport.Row(name: part.name, area: part.area, covered: pieces.reduce(0) { $0 + $1.covered[p] }, stations: located.inPart[p])
        }
        for i in rows.indices { rows[i].covered = min(rows[i].covered, rows[i].area) }
        let total: CoverageReport.Row
        if planar.parts.count == 1 {
            total = rows[0]
        } else if measuresWhole {
            let covered = pieces.reduce(0) { $0 + $1.covered[targets.count - 1] }
            total = CoverageReport.Row(name: "total", area: planar.whole.area, covered: min(covered, planar.whole.area), stations: located.inWhole)
        } else {
            total = CoverageReport.Row(name: "total", area: rows.reduce(0) { $0 + $1.area }, covered: rows.reduce(0) { $0 + $1.covered },
                                       stations: located.inWhole)
        }
        var report = CoverageReport(regionName: region.name, radius: radius, segments: segments, projection: planar.projection,
                                    rows: rows, total: total, circles: reaching.count, gaps: nil)
        if gaps { report.gaps = try gapPolygons(of: planar, pieces: pieces) }
        return report
    }

    /// Circles around the matching stations in the region's box widened by the radius.
    func candidateCircles(_ stations: [Station], near region: AnalysisRegion, projection: LambertAzimuthalEqualArea) -> GeodesicCircles {
        var coordinates: [Coordinate] = []
        if let box = region.boundingBox {
            // A degree of latitude is at least 110.5 km, a degree of longitude at least 111.3 km × cos φ.
            let dLatitude = radius / 110_000
            let widest = min(89.9, max(abs(box.south), abs(box.north)) + dLatitude)
            let dLongitude = min(360, radius / (110_000 * cos(widest * Double.pi / 180)))
            let wide = BoundingBox(south: box.south - dLatitude, west: box.west - dLongitude, north: box.north + dLatitude, east: box.east + dLongitude)
            coordinates = stations.lazy.filter { filter.accepts($0) && wide.contains($0.coordinate) }.map(\.coordinate)
        }
        return GeodesicCircles(around: coordinates, radius: radius, segments: segments, projection: projection)
    }

    /// One component's union (or one strip of it), its box (nil when empty), and the area of it
    /// inside each target.
    struct Piece: Sendable {
        var covered: [Double]
        var box: PlanarBox?
        var polygons: [PlanarPolygon]
    }

    static func union(of members: [Int], clippedTo strip: PlanarBox?, circles: GeodesicCircles, targets: [PlanarRegion.Part],
                      prepared: [PreparedGeometry], keepPolygons: Bool, context: GEOSContext) throws(GEOSError) -> Piece {
        let input = InteriorCells.thin(members, circles: circles)
        var union = input.count == 1 ? try context.polygon(input[0]) : try context.multiPolygon(input).unaryUnion()
        if let strip { union = try union.intersection(context.polygon(strip.polygon)) }
        var covered = [Double](repeating: 0, count: targets.count)
        guard try !union.isEmpty() else { return Piece(covered: covered, box: nil, polygons: []) }
        let extent = try union.extent()
        let box = PlanarBox(minX: extent.minX, minY: extent.minY, maxX: extent.maxX, maxY: extent.maxY)
        var area: Double?
        for (t, target) in targets.enumerated() where target.box.intersects(box) {
            if try prepared[t].containsProperly(union) {
                if area == nil { area = try union.area() }
                covered[t] = area!
            } else {
                covered[t] = try union.intersection(prepared[t].base).area()
            }
        }
        return Piece(covered: covered, box: box, polygons: keepPolygons ? try union.polygons() : [])
    }

    /// One piece per component: a split component's strips summed, and for the gaps their polygons
    /// merged by one more union (the strips touch along the cuts).
    func joinStrips(_ strips: [Piece], of jobs: [UnionJob], components: Int, mergingPolygons: Bool) throws(AnalysisError) -> [Piece] {
        var byComponent = [[Piece]](repeating: [], count: components)
        for (piece, job) in zip(strips, jobs) { byComponent[job.component].append(piece) }
        let split = byComponent.indices.filter { byComponent[$0].count > 1 }
        var pieces = byComponent.map { parts -> Piece in
            guard parts.count > 1 else { return parts[0] }
            let boxes = parts.compactMap(\.box)
            let box = boxes.isEmpty ? nil : PlanarBox(minX: boxes.map(\.minX).min()!, minY: boxes.map(\.minY).min()!,
                                                       maxX: boxes.map(\.maxX).max()!, maxY: boxes.map(\.maxY).max()!)
            let covered = parts.dropFirst().reduce(parts[0].covered) { sum, part in zip(sum, part.covered).map(+) }
            return Piece(covered: covered, box: box, polygons: [])
        }
        guard mergingPolygons, !split.isEmpty else { return pieces }
        let merged = try runGEOSJobs(count: split.count, workers: workers) { _ throws(AnalysisError) in () } job: { _, context, j throws(AnalysisError) in
            try geosStep("joining the strips of \(byComponent[split[j]].count) pieces") { () throws(GEOSError) in
                try context.multiPolygon(byComponent[split[j]].flatMap(\.polygons)).unaryUnion().polygons()
            }
        }
        for (j, c) in split.enumerated() { pieces[c].polygons = merged[j] }
        return pieces
    }

    /// Each part minus the unions that can meet it, normalized, back in WGS84.
    func gapPolygons(of planar: PlanarRegion, pieces: [Piece]) throws(AnalysisError) -> [[GeoPolygon]] {
        try runGEOSJobs(count: planar.parts.count, workers: workers) { _ throws(AnalysisError) in () } job: { _, context, p throws(AnalysisError) in
            let part = planar.parts[p]
            let planarGaps = try geosStep("gaps of \(part.name)") { () throws(GEOSError) in
                let shape = try context.multiPolygon(part.polygons)
                // The components' unions are disjoint, so together they make a valid MultiPolygon.
                let covered = try context.multiPolygon(pieces.filter { $0.box?.intersects(part.box) == true }.flatMap(\.polygons))
                return try shape.difference(covered).normalized().polygons()
            }
            return planarGaps.map { $0.unprojected(planar.projection) }
        }
    }
}
