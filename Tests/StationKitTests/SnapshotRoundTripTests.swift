import Foundation
import Testing
@testable import StationKit
import TestSupport

/// A snapshot, written and mapped again, answers every query exactly like the index it was
/// written from (and like brute force), and gives back every station field byte for byte.
@Suite struct SnapshotRoundTripTests {
    /// Random queries: the mapped index, the in-memory index and brute force must all agree.
    func checkQueries(memory: StationIndex, mapped: StationIndex, stations: [Station], queries: Int, seed: UInt64,
                      centres: [Coordinate], spread: Double) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<queries {
            let centre = centres.randomElement(using: &rng)!
            let point = Coordinate(
                latitude: min(max(centre.latitude + Double.random(in: -spread...spread, using: &rng), -90), 90),
                longitude: remainder(centre.longitude + Double.random(in: -spread...spread, using: &rng), 360))
            var need = AmenitySet()
            for _ in 0..<Int.random(in: 0...2, using: &rng) { need.insert(Amenity.allCases.randomElement(using: &rng)!) }
            let kinds: Set<Kind> = Bool.random(using: &rng) ? [] : [Kind.allCases.randomElement(using: &rng)!]
            let filter = StationFilter(need: need, kinds: kinds)
            let limit = [1, 1, 10, 10, 50].randomElement(using: &rng)!
            let maxDistance: Double? = Bool.random(using: &rng) ? nil : Double.random(in: 0...500_000, using: &rng)
            let got = mapped.nearest(to: point, limit: limit, filter: filter, maxDistance: maxDistance)
            let expected = memory.nearest(to: point, limit: limit, filter: filter, maxDistance: maxDistance)
            #expect(got == expected, "query \(point) need \(need) kinds \(kinds) k \(limit) max \(String(describing: maxDistance))")
            #expect(got == bruteForceNearest(stations, to: point, limit: limit, filter: filter, maxDistance: maxDistance))
            if got != expected { return }
        }
    }

    @Test func fixtureAnswersEveryQueryLikeTheIndexItWasWrittenFrom() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stations = try CSVStationReader.read(try fixture("stations-1k.csv"), file: "stations-1k.csv").stations
        let memory = StationIndex(stations)
        let mapped = try roundTrip(memory, in: folder)
        #expect(mapped.stations.isSnapshot && !memory.stations.isSnapshot)
        #expect(mapped.count == 1000)
        #expect(Array(mapped.stations) == stations)
        // A snapshot holds the main grid; the rare-amenity grids are rebuilt from it on request.
        #expect(memory.layers.count > 0 && mapped.layers.isEmpty)
        #expect(mapped.indexBytes == memory.indexBytes - memory.layers.reduce(0) { $0 + $1.grid.bytes })
        let layered = mapped.withRareBitLayers()
        #expect(layered.layers.map(\.bit) == memory.layers.map(\.bit))
        #expect(layered.indexBytes == memory.indexBytes)
        checkQueries(memory: memory, mapped: layered, stations: stations, queries: 300, seed: 32,
                     centres: StationIndexOracleTests.chinaCities, spread: 4)
        #expect((mapped.rowCount, mapped.columnCount, mapped.minLatitude, mapped.rowHeight, mapped.columnWidth, mapped.dataMask)
                == (memory.rowCount, memory.columnCount, memory.minLatitude, memory.rowHeight, memory.columnWidth, memory.dataMask))
        checkQueries(memory: memory, mapped: mapped, stations: stations, queries: 1500, seed: 31,
                     centres: StationIndexOracleTests.chinaCities, spread: 4)
        for centre in StationIndexOracleTests.chinaCities {
            #expect(mapped.within(30_000, of: centre, filter: StationFilter(need: [.toilet])) == memory.within(30_000, of: centre, filter: StationFilter(need: [.toilet])))
            let box = BoundingBox(south: centre.latitude - 1, west: centre.longitude - 1, north: centre.latitude + 1, east: centre.longitude + 1)
            #expect(mapped.inBoundingBox(box) == memory.inBoundingBox(box))
        }
    }

    @Test func referenceQueriesGetTheSameAnswers() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try ReferenceQueriesTests.load()
        let mapped = try roundTrip(reference.index, in: folder)
        for query in reference.file.queries {
            let point = Coordinate(latitude: query.lat, longitude: query.lon)
            let filter = try ReferenceQueriesTests.filter(for: query)
            #expect(mapped.nearest(to: point, limit: query.k, filter: filter, maxDistance: query.max_distance_m)
                    == reference.index.nearest(to: point, limit: query.k, filter: filter, maxDistance: query.max_distance_m), "\(query.id)")
        }
    }

    @Test func worldWideAntimeridianAndPoles() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SeededGenerator(seed: 32)
        let centres = [Coordinate(latitude: -17, longitude: 179.9), Coordinate(latitude: 52, longitude: -179.9),
                       Coordinate(latitude: 89.9, longitude: 0), Coordinate(latitude: -89.9, longitude: 120),
                       Coordinate(latitude: 0, longitude: 0)]
        let stations = randomStations(count: 3000, centres: centres, spread: 2, using: &rng)
            + randomStations(count: 500, centres: [Coordinate(latitude: 0, longitude: 0)], spread: 180, using: &rng, idPrefix: "w")
        let memory = StationIndex(stations)
        let mapped = try roundTrip(memory, in: folder)
        checkQueries(memory: memory, mapped: mapped, stations: stations, queries: 1500, seed: 33, centres: centres, spread: 3)
        let box = BoundingBox(south: -20, west: 179, north: 60, east: -179)
        #expect(mapped.inBoundingBox(box, filter: StationFilter(need: [.toilet])) == memory.inBoundingBox(box, filter: StationFilter(need: [.toilet])))
    }

    /// Every field byte for byte: Chinese text, empty strings, every amenity, kind and datum,
    /// lengths that need one, two and three bytes of length prefix, characters outside the BMP.
    @Test func everyFieldSurvivesByteForByte() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "驿", count: 50)          // 150 bytes: a two-byte length
        let longer = String(repeating: "a", count: 20_000)   // a three-byte length
        var stations: [Station] = []
        for (i, kind) in Kind.allCases.enumerated() {
            for (j, datum) in Datum.allCases.enumerated() {
                stations.append(Station(
                    id: "stn-\(i)-\(j)", name: "太原市迎泽区工会驿站 \(i)\(j)", kind: kind,
                    coordinate: Coordinate(latitude: 37.87 + Double(i) * 0.011, longitude: 112.55 - Double(j) * 0.007),
                    amenities: AmenitySet(Amenity.allCases), address: "山西省太原市迎泽区迎泽大街\(i)号", province: "山西省",
                    city: "太原市", openingHours: "Mo-Fr 08:00-18:00; Sa 09:00-12:00", phone: "0351-1234567",
                    operator: "太原市总工会", sourceDatum: datum))
            }
        }
        stations.append(Station(id: "empty", name: "", kind: .carnationStation, coordinate: Coordinate(latitude: -90, longitude: 180), amenities: []))
        stations.append(Station(id: "odd \"quoted\", comma;\n newline 🚚", name: long, kind: .driverHome,
                                coordinate: Coordinate(latitude: 90, longitude: -180), amenities: [.rainGear, .shower],
                                address: longer, province: "\u{0}", city: "é", openingHours: "24/7", phone: "+86 138 0000 0000",
                                operator: "𠀀𪚥", sourceDatum: .bd09))
        stations.append(Station(id: "", name: "empty id", kind: .outdoorWorkerStation,
                                coordinate: Coordinate(latitude: 0.1 + 0.2, longitude: -0.0), amenities: [.airPump]))
        let memory = StationIndex(stations)
        let mapped = try roundTrip(memory, in: folder)
        #expect(mapped.count == stations.count)
        for (got, expected) in zip(mapped.stations, stations) {
            #expect(got == expected)
            #expect(Array(got.id.utf8) == Array(expected.id.utf8) && Array(got.address.utf8) == Array(expected.address.utf8))
            #expect(got.coordinate.latitude.bitPattern == expected.coordinate.latitude.bitPattern)
            #expect(got.coordinate.longitude.bitPattern == expected.coordinate.longitude.bitPattern)
        }
        // Written again from the mapped index, the file is the same file.
        #expect(snapshotBytes(mapped) == snapshotBytes(memory))
    }

    @Test func emptyAndSingleStationIndexes() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let point = Coordinate(latitude: 37.9, longitude: 112.5)
        let empty = try roundTrip(StationIndex([]), in: folder, name: "empty.idx")
        #expect(empty.count == 0 && empty.nearest(to: point, limit: 5).isEmpty && empty.within(1000, of: point).isEmpty)
        let one = [Station(id: "x", name: "x", kind: .driverHome, coordinate: point, amenities: [.shower])]
        let single = try roundTrip(StationIndex(one), in: folder, name: "one.idx")
        #expect(single.nearest(to: point, limit: 5) == [Match(index: 0, distance: 0)])
        #expect(single.nearest(to: point, limit: 5, filter: StationFilter(need: [.toilet])).isEmpty)
    }

    /// The station list keeps the mapping alive after the index that made it is gone.
    @Test func stationsOutliveTheirIndex() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SeededGenerator(seed: 34)
        let stations = randomStations(count: 300, centres: StationIndexOracleTests.chinaCities, spread: 1, using: &rng)
        let list = try roundTrip(StationIndex(stations), in: folder).stations
        #expect(Array(list) == stations)
    }

    @Test func recognisedByMagicBytesNotByName() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try writeFile(snapshotBytes(StationIndex([])), named: "stations.csv", in: folder)
        #expect(StationSnapshot.hasSnapshotMagic(atPath: path))
        let csv = try writeFile(Array("id,name\n".utf8), named: "data.idx", in: folder)
        #expect(!StationSnapshot.hasSnapshotMagic(atPath: csv))
        #expect(!StationSnapshot.hasSnapshotMagic(atPath: folder.appendingPathComponent("missing.idx").path))
        #expect(try StationSnapshot.open(atPath: path).count == 0)
    }

    /// The vectors in docs/SNAPSHOT.md, computed by an independent Python implementation of the
    /// definition there.
    @Test func checksumMatchesTheDocumentedVectors() {
        func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { SnapshotChecksum.hash($0) } }
        #expect(hash([]) == 0xD38C_F6A3_D3EF_8213)
        #expect(hash(Array("a".utf8)) == 0x00BD_A5CD_F0F0_8B76)
        #expect(hash(SnapshotLayout.magic) == 0x3C29_04F3_D25B_17B9)
        #expect(hash(Array(0..<32)) == 0x0D26_49C5_161A_D6B2)
        #expect(hash(Array(0..<100)) == 0x07FE_897D_8FF9_4834)
        #expect(hash(Array("工会驿站".utf8)) == 0x2EB1_768A_BBE5_3A62)
    }

    @Test func checksumDetectsEverySingleWordChange() {
        var rng = SeededGenerator(seed: 35)
        for length in [0, 1, 7, 8, 31, 32, 33, 100, 1000] {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let original = bytes.withUnsafeBytes { SnapshotChecksum.hash($0) }
            for position in 0..<length {
                let saved = bytes[position]
                bytes[position] ^= UInt8.random(in: 1...255, using: &rng)
                #expect(bytes.withUnsafeBytes { SnapshotChecksum.hash($0) } != original, "length \(length) position \(position)")
                bytes[position] = saved
            }
        }
        // Trailing zeros are not the same data as no bytes.
        #expect([UInt8]().withUnsafeBytes { SnapshotChecksum.hash($0) } != [UInt8(0)].withUnsafeBytes { SnapshotChecksum.hash($0) })
    }
}
