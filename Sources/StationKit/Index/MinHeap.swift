/// A binary min-heap of search entries keyed by a lower bound, reused across the steps of one query.
///
/// Hand-written rather than a general priority queue so the hot loop does no dynamic dispatch
/// and no allocation once the storage has grown.
struct SearchHeap {
    private(set) var entries: [SearchEntry] = []

    init(capacity: Int) { entries.reserveCapacity(capacity) }

    var isEmpty: Bool { entries.isEmpty }

    mutating func push(_ entry: SearchEntry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if entries[parent].key <= entry.key { break }
            entries[child] = entries[parent]
            child = parent
        }
        entries[child] = entry
    }

    mutating func pop() -> SearchEntry? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        if entries.isEmpty { return top }
        var parent = 0
        let count = entries.count
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && entries[child + 1].key < entries[child].key { child += 1 }
            if last.key <= entries[child].key { break }
            entries[parent] = entries[child]
            parent = child
        }
        entries[parent] = last
        return top
    }
}

/// One item of the best-first search: a row of the grid, a run of cells along a row, or a station.
struct SearchEntry {
    enum Tag: UInt8 { case row, cell, station }

    /// Lower bound of the haversine of the central angle to anything this entry can lead to.
    var key: Double
    var tag: Tag
    /// Row (for rows and cells).
    var row: Int32 = 0
    /// For rows: −1 or +1, the direction the next row lies in (0 for the query's own row).
    /// For cells: −1 (west) or +1 (east), the direction the cell run goes in.
    var direction: Int8 = 0
    /// For cells: the column offset from the query's column; for stations: the sorted position.
    var offset: Int32 = 0
    /// For cells: the last offset this run may visit.
    var lastOffset: Int32 = 0
}
