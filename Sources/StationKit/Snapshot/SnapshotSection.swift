/// The sections of a snapshot file, by the kind number the section table stores.
///
/// Numbers are part of the file format (docs/SNAPSHOT.md): a change to them, or a new section,
/// means a new format version. Version 2 replaced version 1's float unit vectors, id ranks and
/// block masks with entries of Earth-centred point, mask and station together; version 3 added
/// the fences, the east keys that find where a search starts in a big cell.
enum SnapshotSection: UInt32, CaseIterable, Sendable {
    case cellStart = 1
    case cellMask
    case rowMask
    case sortedEntry
    case coordinates
    case stationInfo
    case recordOffsets
    case records
    case fence

    /// The order of the sections in the file (the table lists them in kind order): first the two
    /// that opening reads whole, then the rest, which queries read a page here and there, with
    /// the per-station arrays before the text.
    static let fileOrder: [SnapshotSection] = [
        .cellStart, .sortedEntry,
        .cellMask, .rowMask, .fence,
        .coordinates, .stationInfo, .recordOffsets, .records,
    ]

    /// Whether opening reads the whole section (for its structure checks).
    var isReadWholeAtOpen: Bool { self == .cellStart }

    /// The name messages and docs use.
    var name: String {
        switch self {
        case .cellStart: "cell-start"
        case .cellMask: "cell-mask"
        case .rowMask: "row-mask"
        case .sortedEntry: "sorted-entry"
        case .coordinates: "coordinates"
        case .stationInfo: "station-info"
        case .recordOffsets: "record-offsets"
        case .records: "records"
        case .fence: "fence"
        }
    }

    /// The exact byte length the header's counts imply; nil for ``records``, whose length is
    /// whatever the text takes (the last record offset must equal it).
    func expectedLength(stations: Int, rows: Int, columns: Int) -> Int? {
        let cells = rows * columns
        switch self {
        case .cellStart: return (cells + 1) * 4
        case .cellMask: return cells * 4
        case .rowMask: return rows * 4
        case .sortedEntry: return stations * MemoryLayout<GridEntry>.stride
        case .stationInfo: return stations * 4
        case .coordinates: return stations * 2 * 8
        case .recordOffsets: return (stations + 1) * 8
        case .records: return nil
        case .fence: return StationGrid.fenceCount(entries: stations) * 8
        }
    }
}

/// Constants of the file layout (docs/SNAPSHOT.md).
enum SnapshotLayout {
    /// `STNIDX` and two zero bytes.
    static let magic: [UInt8] = Array("STNIDX".utf8) + [0, 0]
    /// The format this build writes and reads.
    static let version: UInt32 = 3
    /// Fixed part of the header, before the section table.
    static let fixedHeaderSize = 64
    /// One section table entry: kind, reserved, offset, length, checksum.
    static let tableEntrySize = 32
    /// Header, table and the header checksum after it.
    static let headerSize = fixedHeaderSize + SnapshotSection.allCases.count * tableEntrySize + 8
    /// Every section starts at a multiple of this, so mapped arrays are aligned (a cache line).
    static let alignment = 64
    /// The smallest row height a build can produce is 1e-6° / 2¹⁵; anything much smaller is damage
    /// (and would overflow the row computation).
    static let minimumRowHeight = 1e-12

    /// `value` rounded up to the next multiple of ``alignment``.
    static func aligned(_ value: Int) -> Int { (value + alignment - 1) / alignment * alignment }
}
