extension StationSnapshot {
    /// Maps the snapshot at `path` and returns an index over it, ready to query.
    ///
    /// Checks everything the search needs to stay memory-safe (see ``StationSnapshot``), in a few
    /// milliseconds for a million stations; the data checksums are left to ``verify(atPath:)``.
    /// - Throws: ``SnapshotError`` naming the file and what is wrong with it.
    public static func open(atPath path: String) throws(SnapshotError) -> StationIndex {
        let mapping = try MappedFile(path: path)
        let header = try SnapshotHeader.decode(mapping.bytes, file: path)
        return try index(over: mapping, header: header, file: path)
    }

    /// The index over a mapping whose header has been decoded, after the structural checks.
    static func index(over mapping: MappedFile, header: SnapshotHeader, file: String) throws(SnapshotError) -> StationIndex {
        let sections = MappedSections(mapping: mapping, header: header)
        // A query reads these a page here and there; the sections checked below are read whole,
        // and keep the default read-ahead.
        for entry in header.entries where !entry.section.isReadWholeAtOpen {
            mapping.expectRandomAccess(entry.offset..<entry.end)
        }
        let count = header.stationCount
        let cellStart = sections.array(.cellStart, of: UInt32.self)
        let sortedStation = sections.array(.sortedStation, of: UInt32.self)
        let info = sections.array(.stationInfo, of: UInt32.self)
        let offsets = sections.array(.recordOffsets, of: UInt64.self)
        let coordinates = sections.array(.coordinates, of: Double.self)
        let text = sections.bytes(.records)

        func corrupt(_ section: SnapshotSection, _ message: String) -> SnapshotError {
            SnapshotError(file: file, reason: .corrupt,
                          message: "corrupt section '\(section.name)': \(message); rebuild it with `stations index build`")
        }
        if let cell = SnapshotInvariants.firstDescent(cellStart, from: 0, to: UInt64(count)) {
            throw corrupt(.cellStart, "cell offsets must rise from 0 to the station count \(count) (wrong at cell \(cell))")
        }
        if let position = SnapshotInvariants.firstAtOrAbove(UInt32(count), in: sortedStation) {
            throw corrupt(.sortedStation, "entry \(position) points at station \(sortedStation[position]) of \(count)")
        }
        if let station = SnapshotInvariants.firstInvalidInfo(info) {
            throw corrupt(.stationInfo, "station \(station) has an unknown kind, datum or amenity")
        }
        if let station = SnapshotInvariants.firstDescent(offsets, from: 0, to: UInt64(text.count)) {
            throw corrupt(.recordOffsets, "record offsets must rise from 0 to the length of the records, \(text.count) bytes (wrong at station \(station))")
        }
        if let station = SnapshotInvariants.firstInvalidCoordinate(coordinates) {
            throw corrupt(.coordinates, "station \(station) is at \(coordinates[2 * station]),\(coordinates[2 * station + 1]), not a valid latitude,longitude")
        }

        let records = SnapshotRecords(coordinates: coordinates, info: info, offsets: offsets, text: text, mapping: mapping)
        return StationIndex(stations: StationList(records: records), rowCount: header.rowCount, columnCount: header.columnCount,
                            minLatitude: header.minLatitude, rowHeight: header.rowHeight,
                            cellStart: cellStart, cellMask: sections.array(.cellMask, of: UInt32.self),
                            rowMask: sections.array(.rowMask, of: UInt32.self), blockMask: sections.array(.blockMask, of: UInt32.self),
                            sortedUnit: sections.array(.sortedUnit, of: Float.self), sortedMask: sections.array(.sortedMask, of: UInt32.self),
                            sortedStation: sortedStation, idRank: sections.array(.idRank, of: UInt32.self),
                            memory: IndexMemory(mapping: mapping))
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
