import Foundation
import Testing
@testable import StationKit
import TestSupport

/// How far the sphere's closest point is from the ellipsoid's: the detour and the kilometre mark
/// of ``StationIndex/along(_:within:filter:)`` against a fine search along each leg on the ellipsoid.
@Suite struct RouteAccuracyTests {
    /// The point of the leg (as the search defines it: a great-circle arc) with the shortest
    /// geodesic to `station`: 4,000 samples, then golden-section refinement around the best.
    static func ellipsoidClosest(_ station: Coordinate, on leg: RouteSegment) -> (point: Coordinate, detour: Double) {
        func point(_ t: Double) -> Coordinate {
            leg.isPoint ? leg.start : Coordinate(cos(t * leg.angle) * leg.a + sin(t * leg.angle) * leg.alongFromStart)
        }
        func detour(_ t: Double) -> Double { station.geodesicDistance(to: point(t)) }
        let samples = 4_000
        var bestT = 0.0, best = detour(0)
        for i in 1...samples {
            let t = Double(i) / Double(samples)
            let d = detour(t)
            if d < best { (bestT, best) = (t, d) }
        }
        var low = max(0, bestT - 1 / Double(samples)), high = min(1, bestT + 1 / Double(samples))
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<80 {
            let left = high - ratio * (high - low), right = low + ratio * (high - low)
            if detour(left) < detour(right) { high = right } else { low = left }
        }
        let t = (low + high) / 2
        return detour(t) < best ? (point(t), detour(t)) : (point(bestT), best)
    }

    struct Worst {
        /// Largest excess of the reported detour over the ellipsoid's shortest, metres.
        var detour = 0.0
        /// Largest distance between the reported closest point and the ellipsoid's, metres.
        var point = 0.0
    }

    /// Random legs of 0.1 to 50 km in China's latitudes and stations up to `maxDetour` off them:
    /// the search's answer, and for comparison the sphere's foot alone, against the ellipsoid's
    /// nearest point (detour from a fine search, position from the azimuth bisection of the oracle).
    static func measure(maxDetour: Double, cases: Int, seed: UInt64) throws -> (search: Worst, sphere: Worst) {
        var rng = SeededGenerator(seed: seed)
        var search = Worst(), sphere = Worst()
        for _ in 0..<cases {
            let start = Coordinate(latitude: Double.random(in: 18...54, using: &rng), longitude: Double.random(in: 74...134, using: &rng))
            let end = RouteOracleTests.destination(start, bearing: Double.random(in: 0..<(2 * .pi), using: &rng),
                                                   angle: Double.random(in: 100...50_000, using: &rng) / Earth.meanRadius)
            let station = RouteOracleTests.destination(
                RouteOracleTests.destination(start, bearing: RouteOracleTests.bearing(start, end),
                                             angle: Double.random(in: 0...1, using: &rng) * RouteOracleTests.centralAngle(start, end)),
                bearing: Double.random(in: 0..<(2 * .pi), using: &rng), angle: Double.random(in: 0...maxDetour, using: &rng) / Earth.meanRadius)
            let route = try Route(parts: [[start, end]])
            let index = StationIndex([Station(id: "s", name: "s", kind: .driverHome, coordinate: station, amenities: [])])
            let match = try #require(index.along(route, within: maxDetour * 1.01).first)
            let fine = ellipsoidClosest(station, on: route.segments[0])
            let exact = RouteOracleTests.oracleNearest(station, start, end)
            let exactDetour = min(fine.detour, station.geodesicDistance(to: exact))
            let leg = route.segments[0]
            let spherePoint = leg.coordinate(of: leg.sphereFoot(of: station.vector).foot)
            // A point of the leg can only be farther than the shortest (up to Vincenty's noise).
            #expect(match.detour >= exactDetour - 1e-6)
            search.detour = max(search.detour, match.detour - exactDetour)
            search.point = max(search.point, match.closestPoint.geodesicDistance(to: exact))
            sphere.detour = max(sphere.detour, station.geodesicDistance(to: spherePoint) - exactDetour)
            sphere.point = max(sphere.point, spherePoint.geodesicDistance(to: exact))
        }
        return (search, sphere)
    }

    @Test func closestPointAgainstEllipsoidSearch() throws {
        for (maxDetour, seed) in [(2_000.0, UInt64(71)), (20_000, 72), (50_000, 73)] {
            let (search, sphere) = try Self.measure(maxDetour: maxDetour, cases: 150, seed: seed)
            print("route accuracy, detours up to \(Int(maxDetour / 1000)) km: search +\(search.detour) m, point \(search.point) m; "
                  + "sphere's foot alone +\(sphere.detour) m, point \(sphere.point) m")
            // The reported detour is the ellipsoid's shortest to the micrometre; its point to a millimetre.
            #expect(search.detour < 1e-5, "detours up to \(maxDetour) m")
            #expect(search.point < 1e-3, "detours up to \(maxDetour) m")
        }
    }

    /// The search skips a leg whose sphere foot is farther than the nearest by more than this ratio:
    /// it must hold for any two points near a station, at every latitude.
    @Test func ratioSpreadBoundsPairsOfNearbyDistances() {
        var rng = SeededGenerator(seed: 74)
        for _ in 0..<3_000 {
            let latitude = [Double.random(in: -90...90, using: &rng), Double.random(in: -1...1, using: &rng),
                            Double.random(in: 88...90, using: &rng), Double.random(in: 18...54, using: &rng)].randomElement(using: &rng)!
            let station = Coordinate(latitude: latitude, longitude: Double.random(in: -180...180, using: &rng))
            let reach = [1e-6, 1e-4, 3e-3, 2e-2].randomElement(using: &rng)!
            // Half the pairs in the extreme directions: along the meridian (where the ellipsoid's
            // scale is M) against along the parallel (N), which a too-tight bound fails.
            let extreme = Bool.random(using: &rng)
            func nearby(_ bearing: Double) -> (Double, Double) {
                let angle = Double.random(in: 0.01...1, using: &rng) * reach
                let point = RouteOracleTests.destination(station, bearing: bearing, angle: angle)
                return (station.geodesicDistance(to: point), RouteOracleTests.centralAngle(station, point))
            }
            let (e1, s1) = nearby(extreme ? .pi / 2 : Double.random(in: 0..<(2 * .pi), using: &rng))
            let (e2, s2) = nearby(extreme ? (latitude > 0 ? .pi : 0) : Double.random(in: 0..<(2 * .pi), using: &rng))
            let spread = Earth.geodesicRatioSpread(latitude: latitude, reach: reach)
            // Vincenty's 0.1 mm over distances of a few metres is itself a part in 10⁵: allow it.
            let noise = 2e-4 / min(e1, e2)
            #expect((e1 / s1) / (e2 / s2) <= spread * (1 + noise), "latitude \(latitude) reach \(reach)")
        }
    }
}
