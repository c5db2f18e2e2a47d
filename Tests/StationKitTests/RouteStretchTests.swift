import Foundation
import Testing
@testable import StationKit
import TestSupport

/// One station per stretch of the route: the smallest detour in each, ties by position then id.
@Suite struct RouteStretchTests {
    @Test func picksEqualBruteForceOnRandomCorridors() throws {
        var rng = SeededGenerator(seed: 81)
        for _ in 0..<20 {
            let parts = RouteOracleTests.randomRoute(near: Coordinate(latitude: 40.66, longitude: 109.84), using: &rng)
            let route = try Route(parts: parts)
            let stations = RouteOracleTests.stations(around: parts, spread: 0.05, count: 800, using: &rng)
            let index = StationIndex(stations)
            let matches = index.along(route, within: 3_000)
            for every in [1_000.0, 25_000, 200_000, route.length + 1] {
                let stretches = index.onePerStretch(matches, every: every, routeLength: route.length)
                let count = max(1, Int((route.length / every).rounded(.up)))
                #expect(stretches.count == count)
                #expect(stretches.first?.start == 0 && stretches.last?.end == route.length)
                for (number, stretch) in stretches.enumerated() {
                    let inside = matches.filter { min(Int($0.distanceAlong / every), count - 1) == number }
                    let expected = inside.min {
                        ($0.detour, $0.distanceAlong, stations[$0.index].id) < ($1.detour, $1.distanceAlong, stations[$1.index].id)
                    }
                    #expect(stretch.pick == expected, "every \(every) stretch \(number)")
                    if let pick = stretch.pick {
                        #expect(pick.distanceAlong >= stretch.start && (pick.distanceAlong < stretch.end || number == count - 1))
                    }
                }
            }
        }
    }

    @Test func tiesGoToTheEarlierThenTheSmallerID() {
        let spot = Coordinate(latitude: 40, longitude: 110)
        let stations = ["b", "a", "c"].map { Station(id: $0, name: $0, kind: .driverHome, coordinate: spot, amenities: []) }
        let index = StationIndex(stations)
        let same = [RouteMatch(index: 0, distanceAlong: 500, detour: 10, closestPoint: spot),
                    RouteMatch(index: 1, distanceAlong: 500, detour: 10, closestPoint: spot),
                    RouteMatch(index: 2, distanceAlong: 400, detour: 10, closestPoint: spot)]
        #expect(index.onePerStretch(same, every: 1_000, routeLength: 900)[0].pick?.index == 2)
        #expect(index.onePerStretch(Array(same.prefix(2)), every: 1_000, routeLength: 900)[0].pick?.index == 1)
        // A mark exactly on a boundary opens the next stretch; the route's very end stays in the last
        // (both land in stretch 1 here, where the earlier wins the tie).
        let onBoundary = [RouteMatch(index: 0, distanceAlong: 1_000, detour: 5, closestPoint: spot),
                          RouteMatch(index: 1, distanceAlong: 2_000, detour: 5, closestPoint: spot)]
        let stretches = index.onePerStretch(onBoundary, every: 1_000, routeLength: 2_000)
        #expect(stretches.count == 2 && stretches[0].pick == nil && stretches[1].pick?.index == 0)
    }
}
