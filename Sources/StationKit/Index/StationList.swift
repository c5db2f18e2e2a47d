/// The stations of a ``StationIndex``, in the order they were given: held in memory, or decoded
/// from a mapped snapshot when asked for.
///
/// A random-access collection, so `index.stations[match.index]`, `count` and iteration work the
/// same either way. Reading a snapshot's station decodes its record each time (a microsecond or
/// so), which is what lets a snapshot open without decoding a million of them; code that visits
/// every station of a snapshot pays that per station.
public struct StationList: RandomAccessCollection, Sendable {
    /// The stations, when they are in memory (empty for a snapshot).
    let array: [Station]
    /// The records, when the stations live in a snapshot.
    let records: SnapshotRecords?

    init(_ array: [Station]) {
        self.array = array
        records = nil
    }

    init(records: SnapshotRecords) {
        array = []
        self.records = records
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { records?.count ?? array.count }

    /// The station at `position` (0 ..< count).
    public subscript(position: Int) -> Station {
        if let records { return records.station(at: position) }
        return array[position]
    }

    /// Position of station `position`, without decoding the rest of its record.
    @inline(__always)
    func coordinate(at position: Int) -> Coordinate {
        if let records { return records.coordinate(at: position) }
        return array[position].coordinate
    }

    /// Id of station `position`, without decoding the rest of a snapshot's record.
    func id(at position: Int) -> String {
        if let records { return records.id(at: position) }
        return array[position].id
    }

    /// Whether the stations are read from a mapped snapshot.
    public var isSnapshot: Bool { records != nil }
}
