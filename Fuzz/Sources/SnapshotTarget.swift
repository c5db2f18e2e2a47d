import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Snapshot opening and verification on arbitrary bytes, then queries on whatever opened.
///
/// Opening promises that once it succeeds no file content can make a query trap (ARCHITECTURE.md,
/// "Index snapshots"), and `verify` that it reports damage rather than trapping; both are taken
/// at their word here. A mutated file almost never gets past the header checksum, so each input
/// is tried twice: as it is, and "resealed" with every checksum recomputed, as a writer with a
/// bug or someone rewriting a file on purpose would leave it. The resealed copy is what reaches
/// the section checks, the decoding of records and the search.
enum SnapshotTarget {
    /// Where the input is written for the mapping: memory-backed where the system has it.
    static let path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/stations-fuzz-\(getpid()).idx"
    }()

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let choices = FuzzChoices(bytes)
        openAndQuery(Array(bytes), choices)
        if let resealed = resealed(bytes), !resealed.elementsEqual(bytes) { openAndQuery(resealed, choices) }
    }

    static func openAndQuery(_ bytes: [UInt8], _ choices: FuzzChoices) {
        write(bytes)
        // Opening is what `near` does; verifying reads every byte and is checked on its own.
        if case .success(let report) = Result(catching: { () throws(SnapshotError) in try StationSnapshot.verify(atPath: path) }) {
            fuzzCheck(report.fileBytes == bytes.count, "verify reports \(report.fileBytes) bytes of \(bytes.count)")
        }
        let index: StationIndex
        do throws(SnapshotError) {
            index = try StationSnapshot.open(atPath: path)
        } catch {
            _ = error.description
            return
        }
        query(index, choices)
        query(index.withRareBitLayers(for: StationFilter(need: [.shower])), choices)
    }

    /// A few of every kind of question `near`, `--within`, the bounding box and `along` ask.
    static func query(_ index: StationIndex, _ choices: FuzzChoices) {
        // Every record decodes, damaged or not: the text may be wrong, the call must not trap.
        var points = [Coordinate(latitude: 37.9, longitude: 112.5), Coordinate(latitude: 90, longitude: 180),
                      Coordinate(latitude: -90, longitude: -180), Coordinate(latitude: 0, longitude: 0)]
        for station in index.stations {
            _ = station.name.utf8.count + station.openingHours.utf8.count
            if station.coordinate.isValid && points.count < 8 { points.append(station.coordinate) }
        }
        let filters = [StationFilter(), StationFilter(need: [.shower, .toilet]), StationFilter(kinds: [.driverHome])]
        let filter = choices.pick(filters, bits: 1)
        for point in points {
            for match in index.nearest(to: point, limit: choices.pick([1, 5, 50], bits: 3), filter: filter) {
                fuzzCheck(match.index >= 0 && match.index < index.count, "an answer \(match.index) outside \(index.count) stations")
                _ = index.stations[match.index].id
            }
            _ = index.within(choices.pick([0.0, 1_000, 3e7], bits: 5), of: point, filter: filter)
        }
        for station in index.inBoundingBox(BoundingBox(south: -90, west: -180, north: 90, east: 180), filter: filter) {
            fuzzCheck(station >= 0 && station < index.count, "a box answer \(station) outside \(index.count) stations")
        }
        _ = index.inBoundingBox(BoundingBox(south: 30, west: 170, north: 40, east: -170))
        _ = index.along(route, within: 50_000, filter: filter)
    }

    /// A route across Shanxi and Hebei, through the seeds' stations.
    static let route = try! Route(parts: [[Coordinate(latitude: 37.9, longitude: 112.5), Coordinate(latitude: 38.0, longitude: 114.5),
                                           Coordinate(latitude: 39.9, longitude: 116.4)]])

    /// `bytes` with every section checksum that lies inside the file, and the header checksum,
    /// recomputed; nil when there is no whole header to reseal.
    static func resealed(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count >= SnapshotLayout.headerSize, bytes.starts(with: SnapshotLayout.magic) else { return nil }
        var copy = Array(bytes)
        copy.withUnsafeMutableBytes { raw in
            for i in 0..<SnapshotSection.allCases.count {
                let at = SnapshotLayout.fixedHeaderSize + i * SnapshotLayout.tableEntrySize
                let offset = raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self).littleEndian
                let length = raw.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self).littleEndian
                guard offset <= UInt64(raw.count), length <= UInt64(raw.count) - offset else { continue }
                let sum = SnapshotChecksum.hash(UnsafeRawBufferPointer(rebasing: raw[Int(offset)..<Int(offset + length)]))
                raw.storeBytes(of: sum.littleEndian, toByteOffset: at + 24, as: UInt64.self)
            }
            let end = SnapshotLayout.headerSize - 8
            let sum = SnapshotChecksum.hash(UnsafeRawBufferPointer(rebasing: raw[0..<end]))
            raw.storeBytes(of: sum.littleEndian, toByteOffset: end, as: UInt64.self)
        }
        return copy
    }

    /// Replaces the file at ``path`` with `bytes`.
    static func write(_ bytes: [UInt8]) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        fuzzCheck(descriptor >= 0, "cannot write \(path): \(String(cString: strerror(errno)))")
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        fuzzCheck(written == bytes.count, "wrote \(written) of \(bytes.count) bytes to \(path)")
    }

    /// Writes a snapshot of `STATIONS_FUZZ_SEED_STATIONS` (default 20) embedded stations to `path`:
    /// the seeds of this target (tools/fuzz.sh seeds).
    static func writeSeed(to path: String) {
        let count = Int(ProcessInfo.processInfo.environment["STATIONS_FUZZ_SEED_STATIONS"] ?? "") ?? 20
        var bytes: [UInt8] = []
        StationSnapshot.write(StationIndex(FuzzStations.sample(count))) { bytes.append(contentsOf: $0) }
        fuzzCheck(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write the seed \(path)")
    }
}
