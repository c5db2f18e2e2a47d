import Foundation
import Testing
@testable import StationKit
import TestSupport

/// No file content may crash the reader or a query: a damaged, truncated, foreign or future
/// snapshot gets a clear ``SnapshotError``. Damage inside a data section that keeps the
/// structure intact may open (and then may answer wrongly, which is what `verify` is for), but a
/// query on it must still finish, and `verify` must report it.
///
/// These run in debug builds, where every buffer-pointer access is bounds-checked: an index that a
/// missing check let through would trap here.
@Suite struct SnapshotCorruptionTests {
    /// The 1k fixture's snapshot, built once.
    static let original: [UInt8] = {
        let stations = try! CSVStationReader.read(try! fixture("stations-1k.csv"), file: "stations-1k.csv").stations
        return snapshotBytes(StationIndex(stations))
    }()

    static var header: SnapshotHeader {
        original.withUnsafeBytes { try! SnapshotHeader.decode($0, file: "original") }
    }

    /// Opens `bytes` from a file; the error if it fails.
    func openError(_ bytes: [UInt8], in folder: URL, name: String = "s.idx") throws -> SnapshotError? {
        let path = try writeFile(bytes, named: name, in: folder)
        do {
            _ = try StationSnapshot.open(atPath: path)
            return nil
        } catch {
            #expect(error.file == path)
            #expect(error.description.hasPrefix("\(path): "))
            return error
        }
    }

    func verifyError(_ bytes: [UInt8], in folder: URL) throws -> SnapshotError? {
        let path = try writeFile(bytes, named: "v.idx", in: folder)
        do {
            _ = try StationSnapshot.verify(atPath: path)
            return nil
        } catch {
            return error
        }
    }

    /// The bytes with the header checksum recomputed, as a writer with a bug would produce them.
    func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        let end = SnapshotLayout.headerSize - 8
        let sum = copy.withUnsafeBytes { SnapshotChecksum.hash(UnsafeRawBufferPointer(rebasing: $0[0..<end])) }
        withUnsafeBytes(of: sum.littleEndian) { copy.replaceSubrange(end..<end + 8, with: $0) }
        return copy
    }

    func patched<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, _ value: T) -> [UInt8] {
        var copy = bytes
        withUnsafeBytes(of: value.littleEndian) { copy.replaceSubrange(offset..<offset + MemoryLayout<T>.size, with: $0) }
        return copy
    }

    /// Byte offset of the section-table entry of `section`.
    func tableEntry(_ section: SnapshotSection) -> Int {
        SnapshotLayout.fixedHeaderSize + (Int(section.rawValue) - 1) * SnapshotLayout.tableEntrySize
    }

    @Test func emptyForeignAndFutureFiles() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try #require(try openError([], in: folder))
        #expect(empty.reason == .notASnapshot && empty.message.contains("empty file"))
        let csv = try #require(try openError(Array("id,name,kind,lat,lon\n".utf8), in: folder))
        #expect(csv.reason == .notASnapshot)
        #expect(csv.message.contains("not a stations index snapshot"))
        let future = try #require(try openError(patched(Self.original, at: 8, UInt32(4)), in: folder, name: "stations.idx"))
        #expect(future.reason == .unsupportedVersion)
        #expect(future.description == folder.appendingPathComponent("stations.idx").path
                + ": snapshot format version 4, this stations reads version 3; rebuild it with `stations index build`")
        let missing = folder.appendingPathComponent("missing.idx").path
        #expect(throws: SnapshotError(file: missing, reason: .missing, message: "no such file")) { try StationSnapshot.open(atPath: missing) }
        #expect((try? StationSnapshot.open(atPath: folder.path)) == nil)
    }

    @Test func truncatedAnywhereIsRefused() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lengths: Set<Int> = [1, 7, 8, 11, 12, 63, 64, SnapshotLayout.headerSize - 1, SnapshotLayout.headerSize]
        for entry in Self.header.entries {
            lengths.formUnion([entry.offset - 1, entry.offset, entry.offset + 1, entry.end - 1, entry.end])
        }
        var rng = SeededGenerator(seed: 41)
        for _ in 0..<150 { lengths.insert(Int.random(in: 1..<Self.original.count, using: &rng)) }
        lengths = lengths.filter { $0 > 0 && $0 < Self.original.count }
        for length in lengths.sorted() {
            let error = try #require(try openError(Array(Self.original.prefix(length)), in: folder), "length \(length)")
            #expect(error.reason == .truncated, "length \(length): \(error)")
            #expect(error.message.hasPrefix("truncated: "), "length \(length): \(error)")
        }
        // The message names the section and the bytes it needs.
        let records = Self.header.entry(.records)
        let cut = records.offset + 100
        let error = try #require(try openError(Array(Self.original.prefix(cut)), in: folder))
        #expect(error.message == "truncated: section 'records' needs bytes \(records.offset)..<\(records.end) but the file ends at \(cut); rebuild it with `stations index build`")
    }

    @Test func anyDamageToTheHeaderOrTableIsRefused() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SeededGenerator(seed: 42)
        for position in 0..<SnapshotLayout.headerSize {
            var bytes = Self.original
            bytes[position] ^= UInt8.random(in: 1...255, using: &rng)
            let error = try #require(try openError(bytes, in: folder), "byte \(position)")
            switch position {
            case 0..<8: #expect(error.reason == .notASnapshot, "byte \(position): \(error)")
            case 8..<12: #expect(error.reason == .unsupportedVersion, "byte \(position): \(error)")
            default: #expect(error.reason == .corrupt, "byte \(position): \(error)")
            }
        }
        var appended = Self.original
        appended.append(0)
        let extra = try #require(try openError(appended, in: folder))
        #expect(extra.message.contains("1 unexpected bytes after the end"))
    }

    /// Header values that a correct checksum does not make acceptable.
    @Test func resealedHeadersWithImpossibleValuesAreRefused() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = Self.header
        let original = Self.original
        let cases: [(String, [UInt8], String)] = [
            ("stations", patched(original, at: 24, UInt32(header.stationCount + 1)), "section 'sorted-entry' is 32000 bytes, 1001 stations"),
            ("too many stations", patched(original, at: 24, UInt32.max), "more than an index can hold"),
            ("no rows", patched(original, at: 28, UInt32(0)), "a grid of 0 rows"),
            ("too many columns", patched(original, at: 32, UInt32(1 << 20)), "columns (at most"),
            ("flags", patched(original, at: 36, UInt32(1)), "reserved fields are not zero"),
            ("origin", patched(original, at: 40, Double(100).bitPattern), "out of range"),
            ("row height NaN", patched(original, at: 48, Double.nan.bitPattern), "out of range"),
            ("row height 0", patched(original, at: 48, Double(0).bitPattern), "out of range"),
            ("file length", patched(original, at: 16, UInt64(original.count + 64)), "gives the file length as"),
            ("unknown kind", patched(original, at: tableEntry(.rowMask), UInt32(99)), "unknown section kind 99"),
            ("twice", patched(original, at: tableEntry(.rowMask), SnapshotSection.cellMask.rawValue), "'cell-mask' is listed twice"),
            ("entry reserved", patched(original, at: tableEntry(.rowMask) + 4, UInt32(7)), "reserved field of section 'row-mask'"),
            ("misaligned", patched(original, at: tableEntry(.records) + 8, UInt64(header.entry(.records).offset + 8)), "not at a multiple of 64"),
            ("inside the header", patched(original, at: tableEntry(.rowMask) + 8, UInt64(0)), "not at a multiple of 64 after the header"),
            ("overlap", patched(original, at: tableEntry(.rowMask) + 8, UInt64(header.entry(.cellMask).offset)), "overlap"),
            ("huge offset", patched(original, at: tableEntry(.records) + 8, UInt64(1) << 63), "section 'records' at byte"),
            ("huge length", patched(original, at: tableEntry(.records) + 16, UInt64.max - 5), "with length"),
            ("long records", patched(original, at: tableEntry(.records) + 16, UInt64(header.entry(.records).length + 64)), "truncated: section 'records'"),
            ("section count", patched(original, at: 12, UInt32(13)), "it lists 13 sections"),
        ]
        for (label, bytes, expected) in cases {
            let error = try #require(try openError(resealed(bytes), in: folder), "\(label)")
            #expect(error.reason == .corrupt || error.reason == .truncated, "\(label): \(error)")
            #expect(error.message.contains(expected), "\(label): \(error.message)")
        }
    }

    /// Data that breaks an invariant the search indexes by is refused at open, naming its
    /// section; `verify` names the same section by its checksum.
    @Test func brokenSearchInvariantsAreRefusedAtOpen() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = Self.header
        let original = Self.original
        func at(_ section: SnapshotSection, _ element: Int, size: Int) -> Int { header.entry(section).offset + element * size }
        let cases: [(SnapshotSection, [UInt8], String)] = [
            (.cellStart, patched(original, at: at(.cellStart, 5, size: 4), UInt32(900_000)), "cell offsets must rise from 0 to the station count 1000 (entry 6 of \(header.rowCount * header.columnCount + 1) is wrong)"),
            (.cellStart, patched(original, at: at(.cellStart, 0, size: 4), UInt32(1)), "cell offsets must rise from 0 to the station count 1000 (entry 0 of"),
            (.cellStart, patched(original, at: at(.cellStart, header.rowCount * header.columnCount, size: 4), UInt32(999)), "cell offsets must rise from 0 to the station count 1000 (entry \(header.rowCount * header.columnCount) of"),
        ]
        for (section, bytes, expected) in cases {
            let error = try #require(try openError(bytes, in: folder), "\(expected)")
            #expect(error.reason == .corrupt)
            #expect(error.message.hasPrefix("corrupt section '\(section.name)': \(expected)"), "\(error.message)")
            let verified = try #require(try verifyError(bytes, in: folder))
            #expect(verified.message.hasPrefix("checksum mismatch in section '\(section.name)'"), "\(verified.message)")
        }
    }

    /// The per-station sections are not read at open: damage there opens, queries finish (a
    /// station with a garbage position is skipped), and `verify` finds it, by checksum and, with
    /// the checksums rewritten to match, by structure.
    @Test func damagedStationSectionsOpenAndVerifyFindsThem() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = Self.header
        let original = Self.original
        func at(_ section: SnapshotSection, _ element: Int, size: Int) -> Int { header.entry(section).offset + element * size }
        let cases: [(SnapshotSection, [UInt8], String)] = [
            // Station numbers are checked where used, not at open (that would read every entry).
            (.sortedEntry, patched(original, at: at(.sortedEntry, 17, size: 32) + 28, UInt32(1000)), "entry 17 points at station 1000 of 1000"),
            (.stationInfo, patched(original, at: at(.stationInfo, 3, size: 4), UInt32(3) << 24), "station 3 has an unknown kind, datum or amenity"),
            (.stationInfo, patched(original, at: at(.stationInfo, 4, size: 4), UInt32(1) << 30), "station 4 has an unknown kind"),
            (.recordOffsets, patched(original, at: at(.recordOffsets, 10, size: 8), UInt64.max), "record offsets must rise from 0 to the length of the records"),
            (.recordOffsets, patched(original, at: at(.recordOffsets, 1000, size: 8), UInt64(5)), "(entry 1000 of 1001 is wrong)"),
            (.coordinates, patched(original, at: at(.coordinates, 6, size: 8), Double.nan.bitPattern), "station 3 is at nan,"),
            (.coordinates, patched(original, at: at(.coordinates, 9, size: 8), Double(181).bitPattern), "station 4 is at"),
            (.records, patched(original, at: header.entry(.records).offset, UInt8(200)), "the record of station 0 is not eight length-prefixed UTF-8 fields"),
            // A fence only steers where a walk starts; a wrong one is found by recomputing it.
            (.fence, patched(original, at: at(.fence, 2, size: 8), Double(1).bitPattern), "fence 2 is not the east key of entry 32"),
        ]
        var rng = SeededGenerator(seed: 45)
        for (section, bytes, expected) in cases {
            let path = try writeFile(bytes, named: "station.idx", in: folder)
            let index = try StationSnapshot.open(atPath: path)
            exercise(index, using: &rng)
            for station in index.stations { _ = (station.id, station.kind, station.sourceDatum) }
            let byChecksum = try #require(try verifyError(bytes, in: folder))
            #expect(byChecksum.message.hasPrefix("checksum mismatch in section '\(section.name)'"), "\(byChecksum.message)")
            let byStructure = try #require(try verifyError(withMatchingChecksums(bytes), in: folder))
            #expect(byStructure.message.hasPrefix("corrupt section '\(section.name)': "), "\(byStructure.message)")
            #expect(byStructure.message.contains(expected), "\(byStructure.message)")
        }
        // A station whose point is not a number is no answer, rather than a NaN distance.
        let intact = try StationSnapshot.open(atPath: try writeFile(original, named: "intact.idx", in: folder))
        let position = try #require((0..<intact.count).first { intact.grid.entries[$0].station == 0 })
        let hidden = patched(original, at: at(.sortedEntry, position, size: 32), Double.nan.bitPattern)
        let index = try StationSnapshot.open(atPath: try writeFile(hidden, named: "hidden.idx", in: folder))
        let everything = index.within(40_000_000, of: Coordinate(latitude: 30, longitude: 110))
        #expect(everything.count == 999 && !everything.contains { $0.index == 0 })
    }

    /// The bytes with every section checksum and the header checksum rewritten to match the data,
    /// so that only the structure checks can object.
    func withMatchingChecksums(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        for entry in Self.header.entries {
            let sum = copy.withUnsafeBytes { SnapshotChecksum.hash(UnsafeRawBufferPointer(rebasing: $0[entry.offset..<entry.end])) }
            copy = patched(copy, at: tableEntry(entry.section) + 24, sum)
        }
        return resealed(copy)
    }

    /// Random damage inside the data: the reader either refuses the file or opens it, and then every
    /// query finishes and every answer decodes; `verify` refuses every damaged file.
    @Test func randomDamageInsideTheDataNeverCrashes() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SeededGenerator(seed: 43)
        var opened = 0, refused = 0
        for round in 0..<300 {
            var bytes = Self.original
            // Mostly one byte; sometimes a few, sometimes a run of random bytes.
            let flips = [1, 1, 1, 2, 4, 16].randomElement(using: &rng)!
            for _ in 0..<flips {
                bytes[Int.random(in: SnapshotLayout.headerSize..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            #expect(try verifyError(bytes, in: folder)?.reason == .corrupt, "round \(round)")
            let path = try writeFile(bytes, named: "fuzz.idx", in: folder)
            let index: StationIndex
            do { index = try StationSnapshot.open(atPath: path) } catch {
                #expect(error.reason == .corrupt, "round \(round): \(error)")
                refused += 1
                continue
            }
            opened += 1
            exercise(index, using: &rng)
        }
        #expect(opened > 100 && refused > 0, "opened \(opened), refused \(refused)")
    }

    /// Damage aimed at the sections the search reads, structure kept: the answers may be wrong,
    /// but queries finish and their stations decode.
    @Test func damagedSearchArraysAndRecordsNeverCrash() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SeededGenerator(seed: 44)
        let targets: [SnapshotSection] = [.cellMask, .rowMask, .sortedEntry, .records]
        for round in 0..<140 {
            let entry = Self.header.entry(targets[round % targets.count])
            var bytes = Self.original
            for _ in 0..<Int.random(in: 1...64, using: &rng) {
                bytes[Int.random(in: entry.offset..<entry.end, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            let path = try writeFile(bytes, named: "aimed.idx", in: folder)
            let index = try StationSnapshot.open(atPath: path)
            exercise(index, using: &rng)
            for station in index.stations { _ = station.id }
        }
    }

    /// Runs queries of every kind and decodes every answer.
    func exercise(_ index: StationIndex, using rng: inout SeededGenerator) {
        for _ in 0..<20 {
            let point = Coordinate(latitude: Double.random(in: 15...50, using: &rng), longitude: Double.random(in: 75...135, using: &rng))
            let need = Bool.random(using: &rng) ? AmenitySet() : AmenitySet([Amenity.allCases.randomElement(using: &rng)!])
            let kinds: Set<Kind> = Bool.random(using: &rng) ? [] : [Kind.allCases.randomElement(using: &rng)!]
            let filter = StationFilter(need: need, kinds: kinds)
            let limit = [1, 10, 100].randomElement(using: &rng)!
            let maxDistance: Double? = Bool.random(using: &rng) ? nil : 200_000
            for match in index.nearest(to: point, limit: limit, filter: filter, maxDistance: maxDistance) {
                let station = index.stations[match.index]
                _ = (station.id, station.name, station.amenities, match.distance)
                #expect(match.distance.isFinite)
            }
        }
        _ = index.within(50_000, of: Coordinate(latitude: 37.9, longitude: 112.5))
        _ = index.inBoundingBox(BoundingBox(south: 20, west: 100, north: 45, east: 125))
    }
}
