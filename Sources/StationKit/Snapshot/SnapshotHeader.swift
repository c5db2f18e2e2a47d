/// The header and section table of a snapshot: counts, grid parameters and where each section is.
struct SnapshotHeader: Equatable {
    /// One row of the section table.
    struct Entry: Equatable {
        var section: SnapshotSection
        var offset: Int
        var length: Int
        var checksum: UInt64

        var end: Int { offset + length }
    }

    var stationCount: Int
    var rowCount: Int
    var columnCount: Int
    var minLatitude: Double
    var rowHeight: Double
    /// Length of the whole file: the end of the last section.
    var fileLength: Int
    /// One entry per section, in ``SnapshotSection`` order.
    var entries: [Entry]

    /// The entry of `section` (every header has all of them).
    func entry(_ section: SnapshotSection) -> Entry { entries.first { $0.section == section }! }

    /// The ``SnapshotLayout/headerSize`` bytes of the header, section table and header checksum.
    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SnapshotLayout.headerSize)
        bytes += SnapshotLayout.magic
        bytes.appendLittleEndian(SnapshotLayout.version)
        bytes.appendLittleEndian(UInt32(entries.count))
        bytes.appendLittleEndian(UInt64(fileLength))
        bytes.appendLittleEndian(UInt32(stationCount))
        bytes.appendLittleEndian(UInt32(rowCount))
        bytes.appendLittleEndian(UInt32(columnCount))
        bytes.appendLittleEndian(UInt32(0))  // flags, none defined
        bytes.appendLittleEndian(minLatitude.bitPattern)
        bytes.appendLittleEndian(rowHeight.bitPattern)
        bytes.appendLittleEndian(UInt64(0))  // reserved
        for entry in entries {
            bytes.appendLittleEndian(entry.section.rawValue)
            bytes.appendLittleEndian(UInt32(0))  // reserved
            bytes.appendLittleEndian(UInt64(entry.offset))
            bytes.appendLittleEndian(UInt64(entry.length))
            bytes.appendLittleEndian(entry.checksum)
        }
        let checksum = bytes.withUnsafeBytes { SnapshotChecksum.hash($0) }
        bytes.appendLittleEndian(checksum)
        return bytes
    }

    /// Reads and checks the header of `file`'s bytes: magic, version, header checksum, grid
    /// parameters, and that every section lies inside the file, aligned, without overlap, with the
    /// exact length the counts imply. It does not look inside the sections.
    static func decode(_ bytes: UnsafeRawBufferPointer, file: String) throws(SnapshotError) -> SnapshotHeader {
        func fail(_ reason: SnapshotError.Reason, _ message: String) -> SnapshotError {
            SnapshotError(file: file, reason: reason, message: message)
        }
        let magic = SnapshotLayout.magic
        guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else {
            if bytes.count < magic.count && bytes.elementsEqual(magic.prefix(bytes.count)) {
                throw fail(.truncated, "truncated: the file ends at byte \(bytes.count), inside the snapshot's magic bytes")
            }
            throw fail(.notASnapshot, "not a stations index snapshot (it does not start with the bytes STNIDX); `stations index build` writes one")
        }
        guard bytes.count >= 12 else {
            throw fail(.truncated, "truncated: the file ends at byte \(bytes.count), before the format version")
        }
        let version = bytes.littleEndian(UInt32.self, at: 8)
        guard version == SnapshotLayout.version else {
            throw fail(.unsupportedVersion, "snapshot format version \(version), this stations reads version \(SnapshotLayout.version); rebuild it with `stations index build`")
        }
        #if _endian(big)
        throw fail(.unsupportedHost, "snapshots are little-endian and this machine is big-endian; use the GeoJSON or CSV file instead")
        #endif
        guard bytes.count >= SnapshotLayout.headerSize else {
            throw fail(.truncated, "truncated: the header and section table need bytes 0..<\(SnapshotLayout.headerSize) but the file ends at \(bytes.count)")
        }
        let sectionCount = bytes.littleEndian(UInt32.self, at: 12)
        guard sectionCount == SnapshotSection.allCases.count else {
            throw fail(.corrupt, "corrupt header: it lists \(sectionCount) sections, format \(SnapshotLayout.version) has \(SnapshotSection.allCases.count); rebuild it with `stations index build`")
        }
        let checksumOffset = SnapshotLayout.headerSize - 8
        let stored = bytes.littleEndian(UInt64.self, at: checksumOffset)
        guard SnapshotChecksum.hash(UnsafeRawBufferPointer(rebasing: bytes[0..<checksumOffset])) == stored else {
            throw fail(.corrupt, "corrupt: the checksum of the header and section table does not match (the first \(SnapshotLayout.headerSize) bytes are damaged); rebuild it with `stations index build`")
        }

        // The checksum held, so from here on a bad value is a writer's bug or deliberate, not
        // damage; it is still refused rather than trusted.
        let stations = bytes.littleEndian(UInt32.self, at: 24)
        let rows = bytes.littleEndian(UInt32.self, at: 28)
        let columns = bytes.littleEndian(UInt32.self, at: 32)
        let flags = bytes.littleEndian(UInt32.self, at: 36)
        let minLatitude = Double(bitPattern: bytes.littleEndian(UInt64.self, at: 40))
        let rowHeight = Double(bitPattern: bytes.littleEndian(UInt64.self, at: 48))
        let reserved = bytes.littleEndian(UInt64.self, at: 56)
        let declaredLength = bytes.littleEndian(UInt64.self, at: 16)
        guard flags == 0, reserved == 0 else { throw fail(.corrupt, "corrupt header: reserved fields are not zero") }
        guard stations < UInt32(Int32.max) else {
            throw fail(.corrupt, "corrupt header: \(stations) stations, more than an index can hold")
        }
        guard (1...UInt32(StationGrid.maxRows)).contains(rows), (1...UInt32(StationGrid.maxColumns)).contains(columns) else {
            throw fail(.corrupt, "corrupt header: a grid of \(rows) rows × \(columns) columns (at most \(StationGrid.maxRows) × \(StationGrid.maxColumns))")
        }
        guard minLatitude.isFinite, abs(minLatitude) <= 90, rowHeight.isFinite,
              rowHeight >= SnapshotLayout.minimumRowHeight, rowHeight <= 180 else {
            throw fail(.corrupt, "corrupt header: grid origin \(minLatitude)° and row height \(rowHeight)° are out of range")
        }

        var entries: [Entry] = []
        var seen = Set<UInt32>()
        for i in 0..<SnapshotSection.allCases.count {
            let at = SnapshotLayout.fixedHeaderSize + i * SnapshotLayout.tableEntrySize
            let kind = bytes.littleEndian(UInt32.self, at: at)
            guard let section = SnapshotSection(rawValue: kind) else {
                throw fail(.corrupt, "corrupt section table: unknown section kind \(kind) in entry \(i)")
            }
            guard seen.insert(kind).inserted else {
                throw fail(.corrupt, "corrupt section table: section '\(section.name)' is listed twice")
            }
            guard bytes.littleEndian(UInt32.self, at: at + 4) == 0 else {
                throw fail(.corrupt, "corrupt section table: reserved field of section '\(section.name)' is not zero")
            }
            let offset = bytes.littleEndian(UInt64.self, at: at + 8)
            let length = bytes.littleEndian(UInt64.self, at: at + 16)
            // Below 2⁶² both fit an Int and their sum cannot overflow.
            guard offset < 1 << 62, length < 1 << 62 else {
                throw fail(.corrupt, "corrupt section table: section '\(section.name)' at byte \(offset) with length \(length)")
            }
            entries.append(Entry(section: section, offset: Int(offset), length: Int(length),
                                 checksum: bytes.littleEndian(UInt64.self, at: at + 24)))
        }
        entries.sort { $0.section.rawValue < $1.section.rawValue }

        let header = SnapshotHeader(stationCount: Int(stations), rowCount: Int(rows), columnCount: Int(columns),
                                    minLatitude: minLatitude, rowHeight: rowHeight,
                                    fileLength: Int(min(declaredLength, 1 << 62)), entries: entries)
        try header.checkPlacement(fileSize: bytes.count, file: file)
        return header
    }

    /// Every section aligned, after the header, without overlap, of the implied length and inside
    /// the file; the file exactly as long as written.
    private func checkPlacement(fileSize: Int, file: String) throws(SnapshotError) {
        func fail(_ reason: SnapshotError.Reason, _ message: String) -> SnapshotError {
            SnapshotError(file: file, reason: reason, message: message)
        }
        for entry in entries {
            let name = entry.section.name
            guard entry.offset % SnapshotLayout.alignment == 0, entry.offset >= SnapshotLayout.headerSize else {
                throw fail(.corrupt, "corrupt section table: section '\(name)' starts at byte \(entry.offset), not at a multiple of \(SnapshotLayout.alignment) after the header")
            }
            if let expected = entry.section.expectedLength(stations: stationCount, rows: rowCount, columns: columnCount),
               entry.length != expected {
                throw fail(.corrupt, "corrupt section table: section '\(name)' is \(entry.length) bytes, \(stationCount) stations on a \(rowCount) × \(columnCount) grid need \(expected)")
            }
        }
        // In file order: the first section past the end names the truncation. An empty section
        // may share its offset with the next one.
        let byOffset = entries.sorted { ($0.offset, $0.length) < ($1.offset, $1.length) }
        for entry in byOffset where entry.end > fileSize {
            throw fail(.truncated, "truncated: section '\(entry.section.name)' needs bytes \(entry.offset)..<\(entry.end) but the file ends at \(fileSize); rebuild it with `stations index build`")
        }
        for (first, second) in zip(byOffset, byOffset.dropFirst()) where first.end > second.offset {
            throw fail(.corrupt, "corrupt section table: sections '\(first.section.name)' and '\(second.section.name)' overlap")
        }
        let end = byOffset.last?.end ?? SnapshotLayout.headerSize
        guard fileLength == end else {
            throw fail(.corrupt, "corrupt header: it gives the file length as \(fileLength) bytes, its last section ends at \(end)")
        }
        guard fileSize == fileLength else {
            throw fail(.corrupt, "corrupt: \(fileSize - fileLength) unexpected bytes after the end of the snapshot (byte \(fileLength))")
        }
    }
}

extension [UInt8] {
    /// Appends `value` in little-endian byte order.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension UnsafeRawBufferPointer {
    /// The little-endian integer at byte `offset` (which the caller has checked lies inside).
    func littleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
