import Dispatch

extension StationSnapshot {
    /// Writes `index` and its stations as a snapshot, handing the file's bytes to `write` in order,
    /// a section at a time.
    ///
    /// The index's arrays are written as they are; the stations' positions, fixed fields and text
    /// are encoded on all cores first (about 150 bytes a station in memory while writing). Where
    /// the bytes go is the caller's business: the CLI writes a temporary file and renames it.
    public static func write<Failure: Error>(_ index: StationIndex,
                                             to write: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        let stations = EncodedStations(index.stations)
        defer { stations.deallocate() }
        let payloads: [(SnapshotSection, UnsafeRawBufferPointer)] = [
            (.cellStart, UnsafeRawBufferPointer(index.cellStart)),
            (.cellMask, UnsafeRawBufferPointer(index.cellMask)),
            (.rowMask, UnsafeRawBufferPointer(index.rowMask)),
            (.sortedEntry, UnsafeRawBufferPointer(index.entries)),
            (.coordinates, UnsafeRawBufferPointer(stations.coordinates)),
            (.stationInfo, UnsafeRawBufferPointer(stations.info)),
            (.recordOffsets, UnsafeRawBufferPointer(stations.offsets)),
            (.records, stations.text),
            (.fence, UnsafeRawBufferPointer(index.fences)),
        ]
        assert(payloads.map(\.0) == SnapshotSection.allCases, "one payload per section, in kind order")

        // Checksums first: the table that holds them comes before the data.
        let checksums = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: payloads.count)
        defer { checksums.deallocate() }
        nonisolated(unsafe) let sums = checksums
        nonisolated(unsafe) let sources = payloads
        DispatchQueue.concurrentPerform(iterations: payloads.count) { i in
            sums[i] = SnapshotChecksum.hash(sources[i].1)
        }

        // Offsets in file order; the table lists the sections in kind order.
        var offsets: [SnapshotSection: Int] = [:]
        var offset = SnapshotLayout.aligned(SnapshotLayout.headerSize)
        for section in SnapshotSection.fileOrder {
            offset = SnapshotLayout.aligned(offset)
            offsets[section] = offset
            offset += payloads[Int(section.rawValue) - 1].1.count
        }
        let entries = payloads.enumerated().map { i, payload in
            SnapshotHeader.Entry(section: payload.0, offset: offsets[payload.0]!, length: payload.1.count, checksum: checksums[i])
        }
        let header = SnapshotHeader(stationCount: index.count, rowCount: index.rowCount, columnCount: index.columnCount,
                                    minLatitude: index.minLatitude, rowHeight: index.rowHeight,
                                    fileLength: offset, entries: entries)

        var written = 0
        func emit(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
            guard !bytes.isEmpty else { return }
            try write(bytes)
            written += bytes.count
        }
        let headerBytes = UnsafeMutableRawBufferPointer.allocate(byteCount: SnapshotLayout.headerSize, alignment: 8)
        defer { headerBytes.deallocate() }
        headerBytes.copyBytes(from: header.encoded())
        try emit(UnsafeRawBufferPointer(headerBytes))
        let zeros = UnsafeMutableRawBufferPointer.allocate(byteCount: SnapshotLayout.alignment, alignment: 8)
        defer { zeros.deallocate() }
        zeros.initializeMemory(as: UInt8.self, repeating: 0)
        for section in SnapshotSection.fileOrder {
            let entry = entries[Int(section.rawValue) - 1]
            try emit(UnsafeRawBufferPointer(rebasing: zeros[0..<(entry.offset - written)]))
            try emit(payloads[Int(section.rawValue) - 1].1)
        }
    }
}

/// The station sections of a snapshot, encoded from a station list into memory this owns until
/// ``deallocate()``.
private struct EncodedStations {
    let coordinates: UnsafeMutableBufferPointer<Double>
    let info: UnsafeMutableBufferPointer<UInt32>
    let offsets: UnsafeMutableBufferPointer<UInt64>
    /// The records, in ``storage``.
    let text: UnsafeRawBufferPointer
    private let storage: UnsafeMutableRawPointer

    /// Stations per unit of parallel work.
    static let block = 1 << 14

    init(_ stations: StationList) {
        let count = stations.count
        coordinates = .allocate(capacity: 2 * count)
        info = .allocate(capacity: count)
        offsets = .allocate(capacity: count + 1)
        let blocks = (count + Self.block - 1) / Self.block
        nonisolated(unsafe) let (coordinates, info, offsets) = (self.coordinates, self.info, self.offsets)
        // First pass: the fixed fields, and each record's length in the slot after its offset.
        offsets[0] = 0
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            for i in b * Self.block..<min(count, (b + 1) * Self.block) {
                let station = stations[i]
                coordinates[2 * i] = station.coordinate.latitude
                coordinates[2 * i + 1] = station.coordinate.longitude
                info[i] = StationInfo(station).rawValue
                offsets[i + 1] = UInt64(StationRecordCodec.encodedLength(of: station))
            }
        }
        for i in 0..<count { offsets[i + 1] += offsets[i] }
        storage = .allocate(byteCount: max(Int(offsets[count]), 1), alignment: 8)
        nonisolated(unsafe) let base = storage
        // Second pass: each record straight into its place.
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            for i in b * Self.block..<min(count, (b + 1) * Self.block) {
                StationRecordCodec.encode(stations[i], to: base + Int(offsets[i]))
            }
        }
        text = UnsafeRawBufferPointer(start: storage, count: Int(offsets[count]))
    }

    func deallocate() {
        coordinates.deallocate()
        info.deallocate()
        offsets.deallocate()
        storage.deallocate()
    }
}
