import Foundation
import GEOSBridge
import Testing
@testable import StationAnalysis
@testable import StationKit
import TestSupport

/// Coverage against a Monte-Carlo oracle: points sampled uniformly by area in the region, each
/// checked by brute force (geodesic distance to every matching station nearby). The share must agree
/// within 1 percentage point; with 40,000 samples the sampling error is at most 0.25 points
/// (√(p(1−p)/N)), so 1 point is four standard errors. Every sampled point is also checked against
/// the gap polygons: farther than r from every station ⇒ in a gap, closer ⇒ not, except within
/// 0.1 % of r (+ 0.5 m) of the circle (the 64-gon's outline runs within ±0.08 % of r of it).
@Suite struct CoverageOracleTests {
    static let samples = 40_000
    static let defaultStations = StationLoader.loadDefault().stations

    /// Runs the analysis and the oracle on the same region and stations; returns the report.
    @discardableResult
    func check(_ stations: [Station], in region: AnalysisRegion, radius: Double, filter: StationFilter = StationFilter(),
               seed: UInt64) throws -> CoverageReport {
        let report = try CoverageAnalysis(radius: radius, filter: filter).run(stations, in: region, gaps: true)
        let oracle = NearestStationOracle(stations.filter(filter.accepts).map(\.coordinate))
        let context = GEOSContext()
        let gapPolygons = try #require(report.gaps)
        for (p, part) in region.parts.enumerated() {
            let points = try samplesByArea(in: part.polygons, count: Self.samples, seed: seed + UInt64(p))
            let inGap = try preparedLonLat(gapPolygons[p], context: context)
            var covered = 0, misplaced: [String] = []
            let tolerance = 0.001 * radius + 0.5
            for point in points {
                let distance = oracle.distance(from: point, limit: radius + 10)
                if distance <= radius { covered += 1 }
                let gap = try inGap.covers(x: point.longitude, y: point.latitude)
                if gap && distance < radius - tolerance || !gap && distance > radius + tolerance {
                    misplaced.append("\(point): \(distance) m from the nearest station, \(gap ? "in a gap" : "covered")")
                }
            }
            let sampled = Double(covered) / Double(points.count)
            let row = report.rows[p]
            #expect(abs(sampled - row.share) < 0.01, "\(part.name): Monte-Carlo \(sampled), analysis \(row.share)")
            #expect(misplaced.isEmpty, "\(part.name): \(misplaced.count) points on the wrong side, e.g. \(misplaced.prefix(3))")
            // The gaps (a difference) and the covered area (intersections) are two GEOS routes to one number.
            let gapArea = ellipsoidalArea(gapPolygons[p], projection: report.projection)
            #expect(abs(gapArea - row.uncovered) <= 1e-6 * row.area + 1, "\(part.name): gaps \(gapArea) m², uncovered \(row.uncovered) m²")
        }
        return report
    }

    @Test func taiyuanBoxAtOneKilometre() throws {
        let region = AnalysisRegion.box(BoundingBox(south: 37.7, west: 112.4, north: 38.0, east: 112.7))
        let report = try check(Self.defaultStations, in: region, radius: 1_000, seed: 1)
        #expect(report.total.share > 0.05 && report.total.share < 0.3, "the 太原 sample is dense enough to matter")
        #expect(abs(report.total.area - 879.2e6) < 0.1e6, "0.3° × 0.3° at 37.85°N")
    }

    @Test func shanxiAtTwentyKilometresForOneKind() throws {
        let region = try AnalysisRegion.resolve("山西")
        let report = try check(Self.defaultStations, in: region, radius: 20_000, filter: StationFilter(kinds: [.outdoorWorkerStation]), seed: 2)
        #expect(report.total.share > 0.05)
    }

    /// Dense random clusters around 北京 (many overlapping circles, components thinned to rectangles)
    /// plus scattered stations, some outside the municipality whose circles reach in.
    @Test func randomClustersInBeijing() throws {
        var rng = SeededGenerator(seed: 3)
        var stations: [Station] = []
        let centres = [(39.9, 116.4), (40.1, 116.6), (39.75, 116.2), (40.4, 116.0)]
        for i in 0..<4_000 {
            let (latitude, longitude): (Double, Double)
            if i % 5 == 0 {
                (latitude, longitude) = (Double.random(in: 39.3...41.1, using: &rng), Double.random(in: 115.3...117.6, using: &rng))
            } else {
                let centre = centres[i % centres.count]
                (latitude, longitude) = (centre.0 + Double.random(in: -0.08...0.08, using: &rng), centre.1 + Double.random(in: -0.1...0.1, using: &rng))
            }
            stations.append(testStation("b\(i)", latitude, longitude, amenities: i % 3 == 0 ? [.shower] : [.toilet]))
        }
        let region = try AnalysisRegion.resolve("北京")
        let report = try check(stations, in: region, radius: 1_500, seed: 4)
        #expect(report.total.share > 0.2 && report.total.share < 0.8)
        try check(stations, in: region, radius: 3_000, filter: StationFilter(need: [.shower]), seed: 5)
    }

    /// A whole circle inside the region: its area is the geodesic circle's, π r² to 10⁻⁴ (the
    /// ellipsoid's curvature changes it by r²/(6R²) ≈ 10⁻⁸ at 1 km).
    @Test func oneCircleHasTheCirclesArea() throws {
        for (latitude, radius) in [(37.8, 1_000.0), (20.1, 250.0), (48.5, 30_000.0)] {
            let region = AnalysisRegion.box(BoundingBox(south: latitude - 1, west: 111, north: latitude + 1, east: 113))
            let report = try CoverageAnalysis(radius: radius).run([testStation("only", latitude, 112)], in: region)
            #expect(abs(report.total.covered / (Double.pi * radius * radius) - 1) < 1e-4, "\(latitude)°N, r \(radius): \(report.total.covered)")
            #expect(report.total.stations == 1 && report.circles == 1)
        }
    }

    @Test func stationsOutsideReachIn() throws {
        let region = AnalysisRegion.box(BoundingBox(south: 37.0, west: 112.0, north: 37.1, east: 112.1))
        // 500 m west of the box (a degree of longitude is ~88.9 km at 37°N): half a 1 km circle's
        // segment pokes in; 3 km west does not reach.
        let near = testStation("near", 37.05, 112.0 - 500 / 88_900), far = testStation("far", 37.05, 112.0 - 3_000 / 88_900)
        let report = try CoverageAnalysis(radius: 1_000).run([near, far], in: region)
        #expect(report.total.stations == 0)
        #expect(report.circles == 1, "only the near circle reaches the box")
        // The circular segment beyond a chord 500 m from the centre: r²·acos(d/r) − d·√(r² − d²).
        let segment = 1e6 * acos(0.5) - 500 * (1e6 - 250_000).squareRoot()
        #expect(abs(report.total.covered - segment) < 0.002 * segment, "\(report.total.covered) vs \(segment)")
    }

    @Test func noMatchingStationLeavesTheWholeRegionAsGap() throws {
        let region = try AnalysisRegion.resolve("天津")
        let everything = AmenitySet(Amenity.allCases)
        let report = try CoverageAnalysis(radius: 1_000, filter: StationFilter(need: everything)).run(Self.defaultStations, in: region, gaps: true)
        #expect(report.total.covered == 0 && report.circles == 0)
        let gaps = try #require(report.gaps?.first)
        #expect(abs(ellipsoidalArea(gaps, projection: report.projection) - report.total.area) < 1e-6 * report.total.area)
    }

    /// Overlapping named features: each row is measured alone, the total on their union.
    @Test func overlappingFileFeatures() throws {
        func square(_ west: Double, _ south: Double, _ name: String) -> String {
            let ring = [(west, south), (west + 0.2, south), (west + 0.2, south + 0.2), (west, south + 0.2), (west, south)]
                .map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            return #"{"type":"Feature","properties":{"name":"\#(name)"},"geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#
        }
        let path = NSTemporaryDirectory() + "coverage-\(UUID().uuidString).geojson"
        try #"{"type":"FeatureCollection","features":[\#(square(112.4, 37.7, "西")),\#(square(112.5, 37.8, "东"))]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let region = try AnalysisRegion.resolve(path)
        #expect(region.parts.map(\.name) == ["西", "东"])
        let report = try check(Self.defaultStations, in: region, radius: 1_000, seed: 6)
        let overlap = report.rows[0].area + report.rows[1].area - report.total.area
        #expect(overlap > 0.009 * report.total.area, "the union is smaller than the sum (0.1° × 0.1° overlap)")
        #expect(report.total.covered <= report.rows[0].covered + report.rows[1].covered)
    }

    /// Components cut into strips give the areas and gaps of the whole union.
    @Test func stripsGiveTheWholeUnion() throws {
        var rng = SeededGenerator(seed: 8)
        let stations = (0..<3_000).map { testStation("c\($0)", 39.9 + Double.random(in: -0.1...0.1, using: &rng), 116.4 + Double.random(in: -0.12...0.12, using: &rng)) }
        let region = try AnalysisRegion.resolve("北京")
        let whole = try CoverageAnalysis(radius: 1_000, workers: 1).run(stations, in: region, gaps: true)
        var cut = CoverageAnalysis(radius: 1_000, workers: 3)
        cut.splitThreshold = 100
        let strips = try cut.run(stations, in: region, gaps: true)
        #expect(abs(strips.total.covered - whole.total.covered) < 1e-9 * whole.total.covered, "\(strips.total.covered) vs \(whole.total.covered)")
        let (stripGaps, wholeGaps) = (try #require(strips.gaps?.first), try #require(whole.gaps?.first))
        #expect(stripGaps.count == wholeGaps.count && stripGaps.map(\.holes.count) == wholeGaps.map(\.holes.count), "same parts and holes")
        let (a, b) = (ellipsoidalArea(stripGaps, projection: strips.projection), ellipsoidalArea(wholeGaps, projection: whole.projection))
        #expect(abs(a - b) < 1e-9 * b)
        let dense = CoverageInternalsTests.randomCircles(count: 500, around: Coordinate(latitude: 39.9, longitude: 116.4), spread: 0.05, radius: 1_000, seed: 9)
        let jobs = UnionJob.plan(CircleComponents.find(dense), circles: dense, workers: 3, threshold: 100)
        #expect(jobs.count == 6 && jobs.allSatisfy { $0.strip != nil }, "one component, two strips per core")
    }

    /// The same input gives the same report, whatever the number of threads.
    @Test func deterministicAcrossThreadCounts() throws {
        let region = try AnalysisRegion.resolve("北京")
        let stations = Self.defaultStations + (0..<500).map { testStation("x\($0)", 39.9 + Double($0 % 25) * 0.004, 116.3 + Double($0 / 25) * 0.005) }
        let one = try CoverageAnalysis(radius: 800, workers: 1).run(stations, in: region, gaps: true)
        let four = try CoverageAnalysis(radius: 800, workers: 4).run(stations, in: region, gaps: true)
        #expect(one.rows == four.rows && one.total == four.total)
        #expect(one.gaps == four.gaps)
    }
}
