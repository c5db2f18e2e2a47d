import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The grids of rare amenities and kinds: which bits get one, which grid a filter searches, and
/// that answers through them equal brute force.
@Suite struct RareBitLayerTests {
    /// 20,000 stations in dense city clusters (thousands within a few kilometres, as in a big
    /// registry) plus a background: `airPump` on 1 %, `laundry` on 4 %, `toilet` on 50 %; one
    /// station in ten is a carnation station.
    static let stations: [Station] = {
        var rng = SeededGenerator(seed: 99)
        return (0..<20_000).map { i in
            let coordinate: Coordinate
            if Double.random(in: 0..<1, using: &rng) < 0.8 {
                let city = StationIndexOracleTests.chinaCities.randomElement(using: &rng)!
                coordinate = Coordinate(latitude: city.latitude + Double.random(in: -0.05...0.05, using: &rng),
                                        longitude: city.longitude + Double.random(in: -0.05...0.05, using: &rng))
            } else {
                coordinate = Coordinate(latitude: Double.random(in: 18...54, using: &rng), longitude: Double.random(in: 73...135, using: &rng))
            }
            var amenities = AmenitySet()
            if Double.random(in: 0..<1, using: &rng) < 0.01 { amenities.insert(.airPump) }
            if Double.random(in: 0..<1, using: &rng) < 0.04 { amenities.insert(.laundry) }
            if Double.random(in: 0..<1, using: &rng) < 0.5 { amenities.insert(.toilet) }
            let kind: Kind = i % 10 == 0 ? .carnationStation : .outdoorWorkerStation
            return Station(id: String(format: "r%05d", (i * 7919) % 20_000), name: "站点\(i)", kind: kind,
                           coordinate: coordinate, amenities: amenities)
        }
    }()

    /// The snapshot's `sorted-entry` section stores entries exactly as they lie in memory.
    @Test func entryLayoutIsTheSnapshotLayout() {
        #expect(MemoryLayout<GridEntry>.stride == 32)
        #expect([\GridEntry.x, \GridEntry.y, \GridEntry.z].map { MemoryLayout<GridEntry>.offset(of: $0) } == [0, 8, 16])
        #expect(MemoryLayout<GridEntry>.offset(of: \GridEntry.mask) == 24)
        #expect(MemoryLayout<GridEntry>.offset(of: \GridEntry.station) == 28)
    }

    @Test func rareBitsGetGridsAndCommonOnesDoNot() {
        let index = StationIndex(Self.stations)
        let bits = Set(index.layers.map(\.bit))
        #expect(bits == [Amenity.airPump.bit, Amenity.laundry.bit])
        #expect(index.layers.first?.bit == Amenity.airPump.bit, "rarest first")
        for layer in index.layers {
            let holders = Self.stations.filter { StationIndex.searchMask($0) & layer.bit != 0 }.count
            #expect(layer.grid.entryCount == holders)
            #expect(Set((0..<layer.grid.entryCount).map { layer.grid.entries[$0].station }).count == holders)
        }
        #expect(index.grid(for: StationFilter(need: [.airPump, .laundry])).entryCount == index.layers[0].grid.entryCount)
        #expect(index.grid(for: StationFilter(need: [.toilet])).entryCount == Self.stations.count)
        // Too few stations for layers to pay.
        #expect(StationIndex(Array(Self.stations.prefix(500))).layers.isEmpty)
    }

    @Test func answersThroughLayersEqualBruteForce() {
        let index = StationIndex(Self.stations)
        var rng = SeededGenerator(seed: 5)
        let needs: [AmenitySet] = [[.airPump], [.laundry], [.airPump, .toilet], [.laundry, .toilet]]
        for round in 0..<400 {
            let city = StationIndexOracleTests.chinaCities.randomElement(using: &rng)!
            let point = round.isMultiple(of: 4)
                ? Coordinate(latitude: Double.random(in: 15...56, using: &rng), longitude: Double.random(in: 70...138, using: &rng))
                : Coordinate(latitude: city.latitude + Double.random(in: -0.1...0.1, using: &rng),
                             longitude: city.longitude + Double.random(in: -0.1...0.1, using: &rng))
            let filter = StationFilter(need: needs[round % needs.count],
                                       kinds: round.isMultiple(of: 3) ? [.carnationStation] : [])
            let limit = [1, 10, 100].randomElement(using: &rng)!
            let maxDistance: Double? = round.isMultiple(of: 5) ? 20_000 : nil
            #expect(index.nearest(to: point, limit: limit, filter: filter, maxDistance: maxDistance)
                    == bruteForceNearest(Self.stations, to: point, limit: limit, filter: filter, maxDistance: maxDistance),
                    "round \(round) at \(point)")
        }
    }
}
