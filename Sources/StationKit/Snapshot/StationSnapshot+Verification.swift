import Dispatch

/// What ``StationSnapshot/verify(atPath:)`` checked, for the report `stations index verify` prints.
public struct SnapshotReport: Sendable, Hashable {
    /// One section of the file.
    public struct Section: Sendable, Hashable {
        public var name: String
        public var offset: Int
        public var bytes: Int
    }

    public var formatVersion: Int
    public var stationCount: Int
    public var rowCount: Int
    public var columnCount: Int
    /// Length of the whole file.
    public var fileBytes: Int
    /// In file order.
    public var sections: [Section]
}

extension StationSnapshot {
    /// Checks every byte of the snapshot at `path`: everything ``open(atPath:)`` checks, the
    /// checksum of each section against the section table, that the padding between sections is
    /// zero, and the structure opening leaves to decoding: kinds, datums and amenity bits known,
    /// record offsets rising, coordinates valid, every record exactly its eight text fields in
    /// valid UTF-8.
    ///
    /// Reads the whole file (about 0.1 s for a million stations from the page cache).
    /// - Throws: ``SnapshotError``; damage found by a checksum names its section and byte range.
    public static func verify(atPath path: String) throws(SnapshotError) -> SnapshotReport {
        let mapping = try MappedFile(path: path)
        let header = try SnapshotHeader.decode(mapping.bytes, file: path)

        // Checksums before the structure, so that damage is reported as damage of its section
        // rather than as whichever invariant it happens to break.
        let entries = header.entries
        let sums = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: entries.count)
        defer { sums.deallocate() }
        nonisolated(unsafe) let shared = sums
        nonisolated(unsafe) let bytes = mapping.bytes
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            shared[i] = SnapshotChecksum.hash(UnsafeRawBufferPointer(rebasing: bytes[entries[i].offset..<entries[i].end]))
        }
        let damaged = entries.indices.filter { sums[$0] != entries[$0].checksum }.map { entries[$0] }
        if !damaged.isEmpty {
            let names = damaged.map { "'\($0.section.name)' (bytes \($0.offset)..<\($0.end))" }.joined(separator: ", ")
            throw SnapshotError(file: path, reason: .corrupt,
                                message: "checksum mismatch in section\(damaged.count == 1 ? "" : "s") \(names): the file is damaged; rebuild it with `stations index build`")
        }

        // The padding that aligns the sections belongs to no checksum: it must be zero.
        var end = SnapshotLayout.headerSize
        for entry in entries.sorted(by: { $0.offset < $1.offset }) {
            if let nonzero = bytes[end..<entry.offset].firstIndex(where: { $0 != 0 }) {
                throw SnapshotError(file: path, reason: .corrupt,
                                    message: "corrupt: byte \(nonzero), in the padding before section '\(entry.section.name)', is not zero; the file is damaged")
            }
            end = entry.end
        }

        let index = try index(over: mapping, header: header, file: path)
        // What opening leaves to the search and to decoding (which cope with any value, at worst wrongly).
        if let position = SnapshotInvariants.firstStation(atOrAbove: UInt32(index.count), in: index.entries) {
            throw corrupt(.sortedEntry, "entry \(position) points at station \(index.entries[position].station) of \(index.count)", file: path)
        }
        if let fence = index.grid.firstWrongFence() {
            throw corrupt(.fence, "fence \(fence) is not the east key of entry \(fence * StationGrid.fenceSpacing)", file: path)
        }
        guard let records = index.stations.records else { preconditionFailure("an opened snapshot has records") }
        if let station = SnapshotInvariants.firstInvalidInfo(records.info) {
            throw corrupt(.stationInfo, "station \(station) has an unknown kind, datum or amenity", file: path)
        }
        if let station = SnapshotInvariants.firstDescent(records.offsets, from: 0, to: UInt64(records.text.count)) {
            throw corrupt(.recordOffsets, "record offsets must rise from 0 to the length of the records, \(records.text.count) bytes (entry \(station) of \(records.offsets.count) is wrong)", file: path)
        }
        if let station = SnapshotInvariants.firstInvalidCoordinate(records.coordinates) {
            throw corrupt(.coordinates, "station \(station) is at \(records.coordinates[2 * station]),\(records.coordinates[2 * station + 1]), not a valid latitude,longitude", file: path)
        }
        if let station = firstMalformedRecord(records) {
            throw corrupt(.records, "the record of station \(station) is not eight length-prefixed UTF-8 fields", file: path)
        }
        return SnapshotReport(formatVersion: formatVersion, stationCount: header.stationCount, rowCount: header.rowCount,
                              columnCount: header.columnCount, fileBytes: mapping.bytes.count,
                              sections: entries.sorted { $0.offset < $1.offset }.map {
                                  SnapshotReport.Section(name: $0.section.name, offset: $0.offset, bytes: $0.length)
                              })
    }

    /// The first station whose record is not exactly eight valid UTF-8 fields, checked on all cores.
    static func firstMalformedRecord(_ records: SnapshotRecords) -> Int? {
        let block = 1 << 14
        let blocks = (records.count + block - 1) / block
        let firstBad = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(blocks, 1))
        defer { firstBad.deallocate() }
        nonisolated(unsafe) let shared = firstBad
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            shared[b] = (b * block..<min(records.count, (b + 1) * block)).first { !records.recordIsWellFormed($0) } ?? -1
        }
        return firstBad.prefix(blocks).first { $0 >= 0 }
    }
}
