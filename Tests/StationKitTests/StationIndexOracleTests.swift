import Foundation
import Testing
@testable import StationKit
import TestSupport

/// Every query answered by the index must equal brute force: same stations, same order, same distances.
@Suite struct StationIndexOracleTests {
    static let chinaCities = [
        Coordinate(latitude: 37.87, longitude: 112.55), Coordinate(latitude: 39.9, longitude: 116.4),
        Coordinate(latitude: 31.23, longitude: 121.47), Coordinate(latitude: 43.65, longitude: 111.98),
        Coordinate(latitude: 22.54, longitude: 114.06), Coordinate(latitude: 43.8, longitude: 87.6),
    ]

    func check(stations: [Station], queries: Int, seed: UInt64, queryCentres: [Coordinate], querySpread: Double) {
        var rng = SeededGenerator(seed: seed)
        let index = StationIndex(stations)
        var compared = 0
        for _ in 0..<queries {
            let centre = queryCentres.randomElement(using: &rng)!
            let point = Coordinate(
                latitude: min(max(centre.latitude + Double.random(in: -querySpread...querySpread, using: &rng), -90), 90),
                longitude: remainder(centre.longitude + Double.random(in: -querySpread...querySpread, using: &rng), 360))
            var need = AmenitySet()
            for _ in 0..<Int.random(in: 0...2, using: &rng) { need.insert(Amenity.allCases.randomElement(using: &rng)!) }
            let kinds: Set<Kind> = Bool.random(using: &rng) ? [] : [Kind.allCases.randomElement(using: &rng)!]
            let filter = StationFilter(need: need, kinds: kinds)
            let limit = [1, 1, 3, 10, 50].randomElement(using: &rng)!
            let maxDistance: Double? = Bool.random(using: &rng) ? nil : Double.random(in: 0...2_000_000, using: &rng)
            let got = index.nearest(to: point, limit: limit, filter: filter, maxDistance: maxDistance)
            let expected = bruteForceNearest(stations, to: point, limit: limit, filter: filter, maxDistance: maxDistance)
            #expect(got == expected, "query \(point) need \(need) kinds \(kinds) k \(limit) max \(String(describing: maxDistance))")
            if got != expected { return }
            compared += 1
        }
        #expect(compared == queries)
    }

    @Test func clusteredChina() {
        var rng = SeededGenerator(seed: 1)
        let stations = randomStations(count: 3000, centres: Self.chinaCities, spread: 0.6, using: &rng)
        check(stations: stations, queries: 2000, seed: 2, queryCentres: Self.chinaCities, querySpread: 3)
    }

    /// City-centre clusters far denser than the grid's cells (hundreds of stations per cell, as in
    /// real registries), plus a sparse background: exercises the seeding of dense cells.
    @Test func denseCellsAmongSparseOnes() {
        var rng = SeededGenerator(seed: 21)
        let dense = randomStations(count: 2500, centres: Array(Self.chinaCities.prefix(2)), spread: 0.02, using: &rng, idPrefix: "d")
        let sparse = randomStations(count: 300, centres: [Coordinate(latitude: 35, longitude: 105)], spread: 15, using: &rng, idPrefix: "b")
        let stations = dense + sparse
        let index = StationIndex(stations)
        let fullest = (0..<index.cellStart.count - 1).map { index.cellStart[$0 + 1] - index.cellStart[$0] }.max()!
        #expect(fullest > 100, "the test needs cells far above the seeding threshold")
        check(stations: stations, queries: 1500, seed: 22, queryCentres: Array(Self.chinaCities.prefix(2)), querySpread: 0.3)
        check(stations: stations, queries: 500, seed: 23, queryCentres: [Coordinate(latitude: 35, longitude: 105)], querySpread: 15)
    }

    @Test func uniformWorld() {
        var rng = SeededGenerator(seed: 3)
        let stations = randomStations(count: 2000, centres: [Coordinate(latitude: 0, longitude: 0)], spread: 180, using: &rng)
        check(stations: stations, queries: 1500, seed: 4, queryCentres: [Coordinate(latitude: 0, longitude: 0)], querySpread: 180)
    }

    @Test func antimeridian() {
        var rng = SeededGenerator(seed: 5)
        let centres = [Coordinate(latitude: -17, longitude: 179.9), Coordinate(latitude: 52, longitude: -179.9)]
        let stations = randomStations(count: 1500, centres: centres, spread: 0.5, using: &rng)
        check(stations: stations, queries: 1500, seed: 6, queryCentres: centres, querySpread: 1)
    }

    @Test func poles() {
        var rng = SeededGenerator(seed: 7)
        let centres = [Coordinate(latitude: 89.9, longitude: 0), Coordinate(latitude: -89.9, longitude: 120)]
        let stations = randomStations(count: 1500, centres: centres, spread: 0.4, using: &rng)
        check(stations: stations, queries: 1500, seed: 8, queryCentres: centres, querySpread: 0.5)
    }

    @Test func tiesAreOrderedByID() {
        let spot = Coordinate(latitude: 37.9, longitude: 112.5)
        let ids = ["c", "a", "d", "b"]
        let stations = ids.map { Station(id: $0, name: $0, kind: .driverHome, coordinate: spot, amenities: [.shower]) }
        let index = StationIndex(stations)
        let got = index.nearest(to: Coordinate(latitude: 37.91, longitude: 112.5), limit: 3)
        #expect(got.map { stations[$0.index].id } == ["a", "b", "c"])
        #expect(Set(got.map(\.distance)).count == 1)
    }

    /// Stations tied at the k-th distance all stay candidates, so their list outgrows the buffer a
    /// search starts with (2k + 8 on the stack) and moves to the heap: the answers must not change.
    @Test func tiesBeyondTheFirstCandidateBufferMatchBruteForce() {
        let spot = Coordinate(latitude: 31.2, longitude: 121.5)
        let stations = (0..<200).map { i in
            Station(id: String(format: "s%03d", (i * 37) % 200), name: "s", kind: .driverHome, coordinate: spot, amenities: [.shower])
        }
        let index = StationIndex(stations)
        let query = Coordinate(latitude: 31.21, longitude: 121.49)
        for limit in [1, 3, 10, 64, 65, 150] {
            let expected = bruteForceNearest(stations, to: query, limit: limit, filter: StationFilter(), maxDistance: nil)
            #expect(index.nearest(to: query, limit: limit) == expected)
            #expect(index.nearest(to: query, limit: limit).map { stations[$0.index].id } == (0..<limit).map { String(format: "s%03d", $0) })
        }
    }

    @Test func emptyIndexAndNoMatch() {
        let point = Coordinate(latitude: 37.9, longitude: 112.5)
        #expect(StationIndex([]).nearest(to: point, limit: 5).isEmpty)
        #expect(StationIndex([]).within(1000, of: point).isEmpty)
        let one = [Station(id: "x", name: "x", kind: .outdoorWorkerStation, coordinate: point, amenities: [.toilet])]
        let index = StationIndex(one)
        #expect(index.nearest(to: point, limit: 5, filter: StationFilter(need: [.shower])).isEmpty)
        #expect(index.nearest(to: point, limit: 5, filter: StationFilter(kinds: [.driverHome])).isEmpty)
        #expect(index.nearest(to: point, limit: 0).isEmpty)
    }

    @Test func limitLargerThanMatchesReturnsAllMatches() {
        var rng = SeededGenerator(seed: 9)
        let stations = randomStations(count: 200, centres: Self.chinaCities, spread: 1, using: &rng)
        let index = StationIndex(stations)
        let filter = StationFilter(need: [.shower, .toilet])
        let matching = stations.filter(filter.accepts).count
        let got = index.nearest(to: Self.chinaCities[0], limit: 10_000, filter: filter)
        #expect(got.count == matching)
        #expect(got == bruteForceNearest(stations, to: Self.chinaCities[0], limit: 10_000, filter: filter, maxDistance: nil))
    }

    @Test func maxDistanceIsInclusive() {
        let a = Coordinate(latitude: 37.9, longitude: 112.5)
        let b = Coordinate(latitude: 37.95, longitude: 112.55)
        let stations = [Station(id: "b", name: "b", kind: .driverHome, coordinate: b, amenities: [])]
        let exact = a.geodesicDistance(to: b)
        let index = StationIndex(stations)
        #expect(index.nearest(to: a, limit: 1, maxDistance: exact).count == 1)
        #expect(index.nearest(to: a, limit: 1, maxDistance: exact.nextDown).isEmpty)
    }

    @Test func withinRadiusMatchesBruteForce() {
        var rng = SeededGenerator(seed: 10)
        let stations = randomStations(count: 2000, centres: Self.chinaCities, spread: 0.3, using: &rng)
        let index = StationIndex(stations)
        for centre in Self.chinaCities {
            for radius in [0.0, 500, 5_000, 40_000] {
                let expected = bruteForceNearest(stations, to: centre, limit: .max, filter: StationFilter(), maxDistance: radius)
                #expect(index.within(radius, of: centre) == expected)
            }
        }
    }

    @Test func boundingBoxMatchesBruteForce() {
        var rng = SeededGenerator(seed: 11)
        let stations = randomStations(count: 2000, centres: [Coordinate(latitude: 10, longitude: 179.5)], spread: 3, using: &rng)
        let index = StationIndex(stations)
        let boxes = [
            BoundingBox(south: 8, west: 178, north: 12, east: 180),
            BoundingBox(south: 8, west: 179, north: 12, east: -179),  // crosses the antimeridian
            BoundingBox(south: -90, west: -180, north: 90, east: 180),
            BoundingBox(south: 20, west: 0, north: 30, east: 10),
        ]
        let filter = StationFilter(need: [.toilet])
        for box in boxes {
            let expected = stations.indices.filter { box.contains(stations[$0].coordinate) && filter.accepts(stations[$0]) }
                .sorted { stations[$0].id < stations[$1].id }
            #expect(index.inBoundingBox(box, filter: filter) == expected, "\(box)")
        }
    }
}
