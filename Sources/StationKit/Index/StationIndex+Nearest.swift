import Foundation

extension StationIndex {
    /// The `limit` nearest stations to `point` that pass `filter`, nearest first.
    ///
    /// Distances are WGS84 geodesics; equal distances are ordered by station id, so the answer is
    /// deterministic. With `maxDistance` (metres, inclusive) only stations that close are returned.
    ///
    /// The search is best-first over rows, runs of cells and stations, keyed by exact lower bounds on
    /// the sphere; candidates are then ranked on the ellipsoid. It stops once no unexplored station
    /// can beat the k-th answer even after the largest sphere-to-ellipsoid correction.
    public func nearest(to point: Coordinate, limit: Int = 1, filter: StationFilter = StationFilter(),
                        maxDistance: Double? = nil) -> [Match] {
        precondition(point.isValid, "query point out of range: \(point)")
        guard limit > 0, !stations.isEmpty else { return [] }
        if let maxDistance, !(maxDistance >= 0) { return [] }
        // An amenity or kind that no station has: the row and cell masks would prune every row
        // one by one; the OR of all of them says so at once.
        guard dataMask & filter.requiredBits == filter.requiredBits, dataMask & filter.kindBits != 0 else { return [] }
        var search = NearestSearch(index: self, point: point, limit: limit, filter: filter, maxDistance: maxDistance)
        return search.run()
    }

    /// Every station within `radius` metres (inclusive, geodesic) of `point` that passes `filter`, nearest first.
    public func within(_ radius: Double, of point: Coordinate, filter: StationFilter = StationFilter()) -> [Match] {
        nearest(to: point, limit: stations.count, filter: filter, maxDistance: radius)
    }
}

/// The state of one nearest-neighbour search.
private struct NearestSearch {
    let index: StationIndex
    let point: Coordinate
    let geometry: QueryGeometry
    let limit: Int
    let maxDistance: Double?
    let required: UInt32
    let kindBits: UInt32

    /// Query's column and its position inside it (degrees from the column's west edge).
    let queryColumn: Int
    let offsetInColumn: Double
    /// Column offsets `1...eastCount` are reached going east, `0...westCount - 1` going west.
    let eastCount: Int
    let westCount: Int

    var heap = SearchHeap(capacity: 64)
    /// Best answers so far, ordered by (distance, id rank); at most `limit` long.
    var best: [Match] = []
    /// Keys above this cannot contribute: from `maxDistance`, then from the k-th answer.
    var keyLimit: Double

    init(index: StationIndex, point: Coordinate, limit: Int, filter: StationFilter, maxDistance: Double?) {
        self.index = index
        self.point = point
        geometry = QueryGeometry(point)
        self.limit = limit
        self.maxDistance = maxDistance
        required = filter.requiredBits
        kindBits = filter.kindBits
        keyLimit = maxDistance.map(Self.keyLimit(forGeodesic:)) ?? 2

        let columns = index.columnCount
        let east = point.longitude + 180
        queryColumn = StationIndex.column(of: point.longitude, width: index.columnWidth, columns: columns)
        offsetInColumn = min(max(east - Double(queryColumn) * index.columnWidth, 0), index.columnWidth)
        // Offset +j is east distance j·w − f; the same column as offset −(n−j) is west distance
        // (n−j−1)·w + f. Go east while that is no farther, west for the rest.
        let ratio = offsetInColumn / index.columnWidth
        let eastLimit = Int(((Double(columns - 1) + 2 * ratio) / 2).rounded(.down))
        eastCount = min(max(eastLimit, 0), columns - 1)
        westCount = columns - eastCount
    }

    mutating func run() -> [Match] {
        let startRow = StationIndex.row(of: point.latitude, south: index.minLatitude, height: index.rowHeight, rows: index.rowCount)
        heap.push(SearchEntry(key: rowKey(startRow), tag: .row, row: Int32(startRow), direction: 0))
        while let entry = heap.pop() {
            if entry.key > keyLimit { break }
            switch entry.tag {
            case .row: expandRow(entry)
            case .cell: expandCell(entry)
            case .station: accept(sortedPosition: Int(entry.offset))
            }
        }
        return best
    }

    func rowSouth(_ row: Int) -> Double { index.minLatitude + Double(row) * index.rowHeight }

    func rowKey(_ row: Int) -> Double {
        geometry.bandBound(south: rowSouth(row), north: rowSouth(row + 1))
    }

    func matches(_ mask: UInt32) -> Bool { mask & required == required && mask & kindBits != 0 }

    /// Longitude gap, in degrees, from the query to the column at `offset` in `direction`.
    func longitudeGap(offset: Int, direction: Int) -> Double {
        if direction > 0 { return Double(offset) * index.columnWidth - offsetInColumn }
        return offset == 0 ? 0 : Double(offset - 1) * index.columnWidth + offsetInColumn
    }

    @inline(__always)
    func columnAt(offset: Int, direction: Int) -> Int {
        // Offsets stay below the column count, so one wrap suffices (no division in the hot loop).
        let columns = index.columnCount
        let column = queryColumn + direction * offset
        return column < 0 ? column + columns : column >= columns ? column - columns : column
    }

    mutating func expandRow(_ entry: SearchEntry) {
        let row = Int(entry.row)
        // Queue the next row outward first: its bound never beats this one's.
        for direction in entry.direction == 0 ? [-1, 1] : [Int(entry.direction)] {
            let next = row + direction
            if next >= 0 && next < index.rowCount {
                heap.push(SearchEntry(key: rowKey(next), tag: .row, row: Int32(next), direction: Int8(direction)))
            }
        }
        guard matches(index.rowMask[row]) else { return }
        pushNextCell(row: row, direction: -1, from: 0, through: westCount - 1)
        pushNextCell(row: row, direction: 1, from: 1, through: eastCount)
    }

    mutating func expandCell(_ entry: SearchEntry) {
        let row = Int(entry.row), direction = Int(entry.direction), offset = Int(entry.offset)
        pushNextCell(row: row, direction: direction, from: offset + 1, through: Int(entry.lastOffset))
        let cell = StationIndex.cell(row: row, column: columnAt(offset: offset, direction: direction), columns: index.columnCount)
        let range = Int(index.cellStart[cell])..<Int(index.cellStart[cell + 1])
        // A dense cell (a city centre in a clustered registry holds thousands) would fill the heap
        // before the first answer exists. Accepting its few best candidates at once sets the k-th
        // distance, and with it `keyLimit`, so that only stations that can still compete are queued.
        // Any k stations bound the k-th nearest distance, so this prunes nothing that could win.
        var seeded: [Int] = []
        if best.count < limit && limit <= Self.seedLimit && range.count > Self.denseCell {
            seeded = closest(in: range, count: limit - best.count)
            for position in seeded { accept(sortedPosition: position) }
        }
        for position in range where matches(index.sortedMask[position]) {
            let key = key(at: position)
            if key <= keyLimit && (seeded.isEmpty || !seeded.contains(position)) {
                heap.push(SearchEntry(key: key, tag: .station, offset: Int32(position)))
            }
        }
    }

    /// Cells with more stations than this are seeded (see ``expandCell(_:)``).
    static let denseCell = 32
    /// Seeding keeps its candidates in a small sorted array; larger `limit`s (``StationIndex/within(_:of:filter:)``) skip it.
    static let seedLimit = 64

    /// haversine(θ) = chord² / 4 between the query and a station, from the unit vectors.
    @inline(__always)
    func key(at position: Int) -> Double {
        let dx = geometry.unit.x - Double(index.sortedUnit[3 * position])
        let dy = geometry.unit.y - Double(index.sortedUnit[3 * position + 1])
        let dz = geometry.unit.z - Double(index.sortedUnit[3 * position + 2])
        return (dx * dx + dy * dy + dz * dz) / 4
    }

    /// Positions of the `count` matching stations in `range` with the smallest keys.
    func closest(in range: Range<Int>, count: Int) -> [Int] {
        var chosen: [(key: Double, position: Int)] = []
        chosen.reserveCapacity(count + 1)
        for position in range where matches(index.sortedMask[position]) {
            let key = key(at: position)
            if chosen.count == count, let last = chosen.last, key >= last.key { continue }
            var at = chosen.count
            while at > 0 && chosen[at - 1].key > key { at -= 1 }
            chosen.insert((key, position), at: at)
            if chosen.count > count { chosen.removeLast() }
        }
        return chosen.map(\.position)
    }

    /// Queues the first cell at or after `from` along the run whose mask can match.
    /// Skipping non-matching cells here, without the heap, is what makes rare amenities cheap.
    mutating func pushNextCell(row: Int, direction: Int, from: Int, through last: Int) {
        guard from <= last else { return }
        let rowBase = row * index.columnCount
        let blockBase = row * index.blocksPerRow
        var offset = from
        while offset <= last {
            let column = columnAt(offset: offset, direction: direction)
            let block = column >> 6
            if !matches(index.blockMask[blockBase + block]) {
                // Nothing in this block of 64 columns can match: step past its edge in one go.
                offset += direction > 0 ? min((block + 1) << 6, index.columnCount) - column : column - (block << 6) + 1
                continue
            }
            if matches(index.cellMask[rowBase + column]) { break }
            offset += 1
        }
        guard offset <= last else { return }
        let key = geometry.cellBound(south: rowSouth(row), north: rowSouth(row + 1),
                                     deltaLongitude: longitudeGap(offset: offset, direction: direction))
        guard key <= keyLimit else { return }
        heap.push(SearchEntry(key: key, tag: .cell, row: Int32(row), direction: Int8(direction),
                              offset: Int32(offset), lastOffset: Int32(last)))
    }

    /// Ranks a candidate on the ellipsoid and keeps it if it is among the best so far.
    mutating func accept(sortedPosition: Int) {
        let stationIndex = Int(index.sortedStation[sortedPosition])
        let coordinate = index.stations.coordinate(at: stationIndex)
        // Always true in memory; a damaged snapshot's garbage position is no answer (and would
        // give a distance that is not a number).
        guard coordinate.isValid else { return }
        let distance = point.geodesicDistance(to: coordinate)
        if let maxDistance, distance > maxDistance { return }
        let rank = index.idRank[stationIndex]
        if best.count == limit, let last = best.last, !precedes(distance, rank, last) { return }
        let match = Match(index: stationIndex, distance: distance)
        var insertAt = best.count
        while insertAt > 0 && precedes(distance, rank, best[insertAt - 1]) { insertAt -= 1 }
        best.insert(match, at: insertAt)
        if best.count > limit { best.removeLast() }
        if best.count == limit, let last = best.last {
            // Nothing whose sphere distance exceeds kth / (min ratio) can come before the k-th answer.
            keyLimit = min(keyLimit, Self.keyLimit(forGeodesic: last.distance))
        }
    }

    /// The largest key a station within `distance` (geodesic) can have. The millimetre absorbs
    /// rounding noise of both formulas, which dominates for points a nanometre apart (e.g. at a pole).
    ///
    /// Station keys come from 32-bit unit vectors: each component is off by at most 2⁻²⁴, so the
    /// chord by at most √3·2⁻²⁴ < 1.2e-7 (under a metre on the Earth). A key is chord²/4 = h with
    /// chord = 2√h, so a station whose true key is at most h has a computed key at most
    /// (√h + 0.6e-7)².
    static func keyLimit(forGeodesic distance: Double) -> Double {
        let root = haversine(ofSphereDistance: distance / Earth.geodesicToSphereMin + 0.001).squareRoot() + 0.6e-7
        return root * root
    }

    func precedes(_ distance: Double, _ rank: UInt32, _ other: Match) -> Bool {
        distance < other.distance || (distance == other.distance && rank < index.idRank[other.index])
    }
}
