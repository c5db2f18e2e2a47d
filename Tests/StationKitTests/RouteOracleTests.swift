import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The corridor search against brute force: every station measured against every leg of the route,
/// with the closest point found independently (bearings and a right spherical triangle, not unit
/// vectors), on random routes and random stations.
@Suite struct RouteOracleTests {
    /// The closest point of the great-circle arc a → b to p on the sphere, by the navigation
    /// formulas: the along-track angle from the cross-track right triangle, then the destination
    /// point at that angle on a's bearing; outside the arc, the nearer end.
    static func oracleFoot(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> (point: Coordinate, along: Double, cross: Double) {
        if a == b { return (a, 0, centralAngle(p, a)) }
        let toP = centralAngle(a, p), toB = centralAngle(a, b)
        let turn = bearing(a, p) - bearing(a, b)
        let alongTrack = atan2(sin(toP) * cos(turn), cos(toP))
        let crossTrack = asin(sin(toP) * sin(turn))
        if alongTrack > 0 && alongTrack < toB {
            return (destination(a, bearing: bearing(a, b), angle: alongTrack), alongTrack, abs(crossTrack))
        }
        return (centralAngle(p, b) < centralAngle(p, a) ? b : a, alongTrack, abs(crossTrack))
    }

    /// The point of the arc a → b with the shortest WGS84 geodesic to p: where the geodesic from the
    /// arc to p leaves it at a right angle on the ellipsoid, found by bisection on the sign of
    /// cos(geodesic azimuth − arc azimuth) (the rate at which the distance falls along the arc), in
    /// a bracket around the sphere's foot six times wider than the ellipsoid's largest displacement.
    /// Azimuths, unlike distances, are not flat at the minimum, so this places it to micrometres.
    static func oracleNearest(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Coordinate {
        let sphere = oracleFoot(p, a, b)
        if a == b { return a }
        let toB = centralAngle(a, b), heading = bearing(a, b)
        let reach = 0.02 * sphere.cross + 1e-6
        var low = max(0, sphere.along - reach), high = min(toB, sphere.along + reach)
        func point(_ t: Double) -> Coordinate { t <= 0 ? a : t >= toB ? b : destination(a, bearing: heading, angle: t) }
        guard low < high else { return p.geodesicDistance(to: a) <= p.geodesicDistance(to: b) ? a : b }
        /// Positive while p is still ahead: moving along the arc brings it closer.
        func approaching(_ t: Double) -> Double {
            let x = point(t)
            // The arc's direction at x on the sphere (the reverse of the way back to a), then on the
            // ellipsoid: the same step (dφ, dλ) measures M·dφ north and N·cos φ·dλ east.
            let sphereAzimuth = t < 1e-12 ? heading : bearing(x, a) + .pi
            let e2 = Earth.wgs84Flattening * (2 - Earth.wgs84Flattening)
            let sinLatitude = sin(radians(x.latitude))
            let nOverM = (1 - e2 * sinLatitude * sinLatitude) / (1 - e2)
            let arcAzimuth = atan2(nOverM * sin(sphereAzimuth), cos(sphereAzimuth))
            return cos(geodesicAzimuth(from: x, to: p) - arcAzimuth)
        }
        if approaching(low) <= 0 { return point(low) }
        if approaching(high) >= 0 { return point(high) }
        for _ in 0..<70 {
            let middle = (low + high) / 2
            if approaching(middle) > 0 { low = middle } else { high = middle }
        }
        return point((low + high) / 2)
    }

    /// The azimuth at `x` of the WGS84 geodesic from `x` to `p` (Vincenty's inverse, written out here
    /// because the library's returns only the distance).
    static func geodesicAzimuth(from x: Coordinate, to p: Coordinate) -> Double {
        let f = Earth.wgs84Flattening
        let u1 = atan((1 - f) * tan(radians(x.latitude))), u2 = atan((1 - f) * tan(radians(p.latitude)))
        let difference = remainder(radians(p.longitude - x.longitude), 2 * .pi)
        var lambda = difference
        for _ in 0..<200 {
            let sinSigma = ((cos(u2) * sin(lambda)) * (cos(u2) * sin(lambda))
                + (cos(u1) * sin(u2) - sin(u1) * cos(u2) * cos(lambda)) * (cos(u1) * sin(u2) - sin(u1) * cos(u2) * cos(lambda))).squareRoot()
            if sinSigma == 0 { break }
            let cosSigma = sin(u1) * sin(u2) + cos(u1) * cos(u2) * cos(lambda)
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cos(u1) * cos(u2) * sin(lambda) / sinSigma
            let cos2Alpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sin(u1) * sin(u2) / cos2Alpha
            let c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let next = difference + (1 - c) * f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            let converged = abs(next - lambda) < 1e-13
            lambda = next
            if converged { break }
        }
        return atan2(cos(u2) * sin(lambda), cos(u1) * sin(u2) - sin(u1) * cos(u2) * cos(lambda))
    }

    static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }

    static func centralAngle(_ p: Coordinate, _ q: Coordinate) -> Double {
        let dLat = radians(q.latitude - p.latitude), dLon = radians(q.longitude - p.longitude)
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(radians(p.latitude)) * cos(radians(q.latitude)) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * atan2(h.squareRoot(), (1 - h).squareRoot())
    }

    static func bearing(_ p: Coordinate, _ q: Coordinate) -> Double {
        let φ1 = radians(p.latitude), φ2 = radians(q.latitude), dλ = radians(q.longitude - p.longitude)
        return atan2(sin(dλ) * cos(φ2), cos(φ1) * sin(φ2) - sin(φ1) * cos(φ2) * cos(dλ))
    }

    static func destination(_ p: Coordinate, bearing θ: Double, angle δ: Double) -> Coordinate {
        let φ1 = radians(p.latitude), λ1 = radians(p.longitude)
        let φ2 = asin(sin(φ1) * cos(δ) + cos(φ1) * sin(δ) * cos(θ))
        let λ2 = λ1 + atan2(sin(θ) * sin(δ) * cos(φ1), cos(δ) - sin(φ1) * sin(φ2))
        return Coordinate(latitude: φ2 * 180 / .pi, longitude: remainder(λ2 * 180 / .pi, 360))
    }

    struct Expected { var index: Int; var along: Double; var detour: Double }

    /// Every station against every leg: the smallest detour (then the earliest point), kept if within `width`.
    static func bruteForce(_ stations: [Station], parts: [[Coordinate]], width: Double, filter: StationFilter) -> [Expected] {
        var legs: [(a: Coordinate, b: Coordinate, offset: Double)] = []
        var offset = 0.0
        for part in parts {
            if let last = legs.last { offset += last.b.geodesicDistance(to: part[0]) }
            for (a, b) in zip(part, part.dropFirst()) {
                legs.append((a, b, offset))
                offset += a.geodesicDistance(to: b)
            }
        }
        var found: [Expected] = []
        for (i, station) in stations.enumerated() where filter.accepts(station) {
            // Sphere feet first, and geodesics to them for legs within 2 % of the nearest on the sphere
            // (the ellipsoid changes distances by at most 0.56 %); then the ellipsoid's nearest point
            // on the legs within 0.1 % of the best of those (the refinement gains far less).
            let feet = legs.map { oracleFoot(station.coordinate, $0.a, $0.b).point }
            let angles = zip(feet, legs).map { centralAngle(station.coordinate, $0.0) }
            guard let nearest = angles.min(), nearest * Earth.meanRadius <= width * 1.01 + 1 else { continue }
            let close = legs.indices.filter { angles[$0] <= nearest * 1.02 + 1e-9 }
            let detours = close.map { station.coordinate.geodesicDistance(to: feet[$0]) }
            let shortest = detours.min()!
            var best: (detour: Double, along: Double)?
            for (leg, sphereDetour) in zip(close, detours) where sphereDetour <= shortest * 1.001 + 0.01 {
                let point = oracleNearest(station.coordinate, legs[leg].a, legs[leg].b)
                let detour = station.coordinate.geodesicDistance(to: point)
                let along = legs[leg].offset + legs[leg].a.geodesicDistance(to: point)
                if let current = best, (current.detour, current.along) <= (detour, along) { continue }
                best = (detour, along)
            }
            if let best, best.detour <= width { found.append(Expected(index: i, along: best.along, detour: best.detour)) }
        }
        return found
    }

    /// A random route: a walk with steps from millimetres to tens of kilometres, sometimes repeating
    /// a vertex, in one to three parts.
    static func randomRoute(near start: Coordinate, using rng: inout SeededGenerator) -> [[Coordinate]] {
        var parts: [[Coordinate]] = []
        var here = start
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            var part = [here]
            var heading = Double.random(in: 0..<(2 * .pi), using: &rng)
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                heading += Double.random(in: -0.8...0.8, using: &rng)
                let step: Double
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: step = 0                                            // a repeated vertex
                case 1: step = Double.random(in: 0.001...1, using: &rng)    // closely spaced vertices
                case 2...6: step = Double.random(in: 100...3_000, using: &rng)
                default: step = Double.random(in: 3_000...60_000, using: &rng)
                }
                here = destination(here, bearing: heading, angle: step / Earth.meanRadius)
                part.append(here)
            }
            parts.append(part)
            // The next part starts after a gap (or at the same point).
            if Bool.random(using: &rng) {
                here = destination(here, bearing: Double.random(in: 0..<(2 * .pi), using: &rng),
                                   angle: Double.random(in: 0...20_000, using: &rng) / Earth.meanRadius)
            }
        }
        return parts
    }

    /// Stations scattered around the route's vertices (so many fall near the corridor's edge) plus a background.
    static func stations(around parts: [[Coordinate]], spread: Double, count: Int, using rng: inout SeededGenerator) -> [Station] {
        let vertices = parts.flatMap { $0 }
        var stations = randomStations(count: count, centres: vertices, spread: spread, using: &rng)
        stations += randomStations(count: count / 4, centres: [vertices[0]], spread: 3, using: &rng, idPrefix: "bg")
        return stations
    }

    /// Returns how many matches were compared, so a test can show it was not vacuous.
    @discardableResult
    func check(centre: Coordinate, seed: UInt64, routes: Int) throws -> Int {
        var rng = SeededGenerator(seed: seed)
        var compared = 0
        for round in 0..<routes {
            let parts = Self.randomRoute(near: centre, using: &rng)
            let route = try Route(parts: parts)
            let stations = Self.stations(around: parts, spread: [0.01, 0.05, 0.3].randomElement(using: &rng)!, count: 1500, using: &rng)
            let index = StationIndex(stations)
            for width in [0.0, 150, 2_000, 25_000] {
                var need = AmenitySet()
                if Bool.random(using: &rng) { need.insert(Amenity.allCases.prefix(4).randomElement(using: &rng)!) }
                let kinds: Set<Kind> = Bool.random(using: &rng) ? [] : [Kind.allCases.randomElement(using: &rng)!]
                let filter = StationFilter(need: need, kinds: kinds)
                let got = index.along(route, within: width, filter: filter)
                let expected = Self.bruteForce(stations, parts: parts, width: width, filter: filter)
                let context = "round \(round) width \(width) filter \(need) \(kinds)"
                // Membership: only a station within a millimetre of the edge may differ (rounding of two methods).
                let gotSet = Set(got.map(\.index)), expectedSet = Set(expected.map(\.index))
                for missing in expectedSet.subtracting(gotSet) {
                    let detour = expected.first { $0.index == missing }!.detour
                    #expect(abs(detour - width) < 1e-3, "\(context): \(stations[missing].id) at \(detour) m missing")
                }
                for extra in gotSet.subtracting(expectedSet) {
                    let detour = got.first { $0.index == extra }!.detour
                    #expect(abs(detour - width) < 1e-3, "\(context): \(stations[extra].id) at \(detour) m not expected")
                }
                let byIndex = Dictionary(uniqueKeysWithValues: expected.map { ($0.index, $0) })
                for match in got {
                    guard let oracle = byIndex[match.index] else { continue }
                    #expect(abs(match.detour - oracle.detour) < 1e-3, "\(context): detour \(match.detour) vs \(oracle.detour)")
                    #expect(abs(match.distanceAlong - oracle.along) < 1e-3, "\(context): along \(match.distanceAlong) vs \(oracle.along) detour \(match.detour)")
                    #expect(abs(match.closestPoint.geodesicDistance(to: stations[match.index].coordinate) - match.detour) < 1e-6)
                }
                // Order: along the route, then detour, then id.
                for (x, y) in zip(got, got.dropFirst()) {
                    #expect((x.distanceAlong, x.detour) <= (y.distanceAlong, y.detour))
                    if (x.distanceAlong, x.detour) == (y.distanceAlong, y.detour) { #expect(stations[x.index].id < stations[y.index].id) }
                }
                compared += got.count
            }
        }
        return compared
    }

    @Test func randomRoutesInChina() throws {
        let compared = try check(centre: Coordinate(latitude: 40.66, longitude: 109.84), seed: 61, routes: 12)
            + check(centre: Coordinate(latitude: 23.1, longitude: 113.3), seed: 62, routes: 8)
        #expect(compared > 5_000, "only \(compared) matches compared")
    }

    /// Not needed for China, but nothing special may happen across 180°, near a pole or across the equator.
    @Test func antimeridianAndPoles() throws {
        let compared = try check(centre: Coordinate(latitude: 52, longitude: 179.95), seed: 63, routes: 6)
            + check(centre: Coordinate(latitude: -16.5, longitude: -179.98), seed: 64, routes: 4)
            + check(centre: Coordinate(latitude: 89.7, longitude: 30), seed: 65, routes: 4)
            + check(centre: Coordinate(latitude: 0.05, longitude: 100), seed: 67, routes: 4)
        #expect(compared > 2_000, "only \(compared) matches compared")
    }

    /// A route that is one very long leg (cut into many pieces) with stations along the whole of it.
    @Test func longLegsAndWideCorridors() throws {
        var rng = SeededGenerator(seed: 66)
        let parts = [[Coordinate(latitude: 39.9, longitude: 116.4), Coordinate(latitude: 43.83, longitude: 87.62)],
                     [Coordinate(latitude: 43.6, longitude: 87.0), Coordinate(latitude: 30, longitude: 100), Coordinate(latitude: 22.5, longitude: 114)]]
        let route = try Route(parts: parts)
        let centres = (0...60).map { Self.destination(parts[0][0], bearing: Self.bearing(parts[0][0], parts[0][1]),
                                                      angle: Self.centralAngle(parts[0][0], parts[0][1]) * Double($0) / 60) }
        let stations = randomStations(count: 3000, centres: centres + parts[1], spread: 0.5, using: &rng)
        let index = StationIndex(stations)
        for width in [1_000.0, 30_000, 120_000] {
            let got = index.along(route, within: width)
            let expected = Self.bruteForce(stations, parts: parts, width: width, filter: StationFilter())
            #expect(got.count > 30, "width \(width): \(got.count)")
            #expect(got.map(\.index) == expected.sorted { ($0.along, $0.detour) < ($1.along, $1.detour) }.map(\.index), "width \(width)")
            for (match, oracle) in zip(got, expected.sorted { ($0.along, $0.detour) < ($1.along, $1.detour) }) {
                #expect(abs(match.detour - oracle.detour) < 1e-3, "width \(width)")
                #expect(abs(match.distanceAlong - oracle.along) < 1e-3, "width \(width): along \(match.distanceAlong - oracle.along) detour \(match.detour)")
            }
        }
    }

    @Test func emptyIndexNoMatchAndHugeWidth() throws {
        let route = try Route(parts: [[Coordinate(latitude: 40, longitude: 110), Coordinate(latitude: 41, longitude: 111)]])
        #expect(StationIndex([]).along(route, within: 5_000).isEmpty)
        let one = [Station(id: "x", name: "x", kind: .driverHome, coordinate: Coordinate(latitude: -40, longitude: -70), amenities: [.shower])]
        let index = StationIndex(one)
        #expect(index.along(route, within: 5_000).isEmpty)
        #expect(index.along(route, within: 5_000, filter: StationFilter(need: [.toilet])).isEmpty)
        // A one-station index has rows a micro-degree high: a long route and a zero-width corridor
        // must still be cut into a sensible number of pieces.
        let long = try Route(parts: [[Coordinate(latitude: 39.9, longitude: 116.4), Coordinate(latitude: 43.83, longitude: 87.62)]])
        #expect(index.along(long, within: 0).isEmpty)
        // Half the Earth's circumference reaches everything; nothing may break on the way.
        let all = index.along(route, within: 25_000_000)
        #expect(all.count == 1)
        #expect(abs(all[0].detour - one[0].coordinate.geodesicDistance(to: all[0].closestPoint)) < 1e-6)
    }

    @Test func stationOnAVertexSharedByTwoLegsTakesTheEarlierMark() throws {
        let a = Coordinate(latitude: 40, longitude: 110), b = Coordinate(latitude: 40.1, longitude: 110.1), c = Coordinate(latitude: 40.2, longitude: 110)
        let route = try Route(parts: [[a, b, c]])
        let stations = [Station(id: "v", name: "v", kind: .driverHome, coordinate: Coordinate(latitude: 40.1, longitude: 110.12), amenities: [])]
        let got = StationIndex(stations).along(route, within: 5_000)
        #expect(got.count == 1)
        #expect(abs(got[0].distanceAlong - a.geodesicDistance(to: b)) < 1e-6)
        #expect(got[0].closestPoint == b)
    }
}
