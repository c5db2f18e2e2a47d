extension StationSnapshot {
    /// Maps the snapshot at `path` and returns an index over it, ready to query.
    ///
    /// Checks the header and the invariants that keep every array access in bounds (see
    /// ``StationSnapshot``), in about a millisecond for a million stations; the data checksums
    /// and the rest of the structure are left to ``verify(atPath:)``.
    /// - Throws: ``SnapshotError`` naming the file and what is wrong with it.
    public static func open(atPath path: String) throws(SnapshotError) -> StationIndex {
        let mapping = try MappedFile(path: path)
        let header = try SnapshotHeader.decode(mapping.bytes, file: path)
        return try index(over: mapping, header: header, file: path)
    }

    /// The index over a mapping whose header has been decoded, after the check the search needs:
    /// cell offsets rise from 0 to the station count (a cell is a valid range of sorted positions).
    /// Station numbers in the entries are checked where they are used (one that is out of range is
    /// no answer) and by `verify`: checking them here would read all 32 MB of entries of a million
    /// stations on every start, which took a cold start from about 35 ms to 110–200 ms.
    static func index(over mapping: MappedFile, header: SnapshotHeader, file: String) throws(SnapshotError) -> StationIndex {
        let sections = MappedSections(mapping: mapping, header: header)
        // A query reads the other sections a page here and there; the cell offsets are read whole.
        for entry in header.entries where !entry.section.isReadWholeAtOpen {
            mapping.expectRandomAccess(entry.offset..<entry.end)
        }
        let count = header.stationCount
        let cellStart = sections.array(.cellStart, of: UInt32.self)
        let entries = sections.array(.sortedEntry, of: GridEntry.self)
        if let cell = SnapshotInvariants.firstDescent(cellStart, from: 0, to: UInt64(count)) {
            throw corrupt(.cellStart, "cell offsets must rise from 0 to the station count \(count) (entry \(cell) of \(cellStart.count) is wrong)", file: file)
        }

        let records = SnapshotRecords(coordinates: sections.array(.coordinates, of: Double.self),
                                      info: sections.array(.stationInfo, of: UInt32.self),
                                      offsets: sections.array(.recordOffsets, of: UInt64.self),
                                      text: sections.bytes(.records), mapping: mapping)
        let memory = IndexMemory(mapping: mapping)
        let grid = StationGrid(rowCount: header.rowCount, columnCount: header.columnCount, minLatitude: header.minLatitude,
                               rowHeight: header.rowHeight, columnWidth: StationGrid.columnWidth(columns: header.columnCount),
                               cellStart: cellStart, cellMask: sections.array(.cellMask, of: UInt32.self),
                               rowMask: sections.array(.rowMask, of: UInt32.self),
                               entries: entries,
                               eastAxis: StationGrid.eastAxes(columns: header.columnCount,
                                                              width: StationGrid.columnWidth(columns: header.columnCount),
                                                              in: memory),
                               fences: sections.array(.fence, of: Double.self),
                               rowEdgeZ: StationGrid.rowEdgeZ(rows: header.rowCount, south: header.minLatitude,
                                                              height: header.rowHeight, in: memory))
        return StationIndex(stations: StationList(records: records), grid: grid, layers: [], memory: memory)
    }

    static func corrupt(_ section: SnapshotSection, _ message: String, file: String) -> SnapshotError {
        SnapshotError(file: file, reason: .corrupt,
                      message: "corrupt section '\(section.name)': \(message); rebuild it with `stations index build`")
    }
}

/// Typed views of a mapped snapshot's sections, whose placement the header has checked.
struct MappedSections {
    let mapping: MappedFile
    let header: SnapshotHeader

    func bytes(_ section: SnapshotSection) -> UnsafeRawBufferPointer {
        let entry = header.entry(section)
        return UnsafeRawBufferPointer(rebasing: mapping.bytes[entry.offset..<entry.end])
    }

    /// The section as an array of `Element`. Sections start at multiples of 64 in a page-aligned
    /// mapping, so the elements are aligned; the header check made the length a whole multiple.
    func array<Element: BitwiseCopyable>(_ section: SnapshotSection, of type: Element.Type) -> UnsafeBufferPointer<Element> {
        let raw = bytes(section)
        let count = raw.count / MemoryLayout<Element>.stride
        guard let base = raw.baseAddress, count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.bindMemory(to: Element.self, capacity: count), count: count)
    }
}
