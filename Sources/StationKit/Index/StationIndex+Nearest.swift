import Foundation

extension StationIndex {
    /// The `limit` nearest stations to `point` that pass `filter`, nearest first.
    ///
    /// Distances are WGS84 geodesics; equal distances are ordered by station id, so the answer is
    /// deterministic. With `maxDistance` (metres, inclusive) only stations that close are returned.
    ///
    /// The search grows a box of cells around the query one side at a time, always the side whose
    /// outside could hold the nearest unseen station, and stops once nothing outside the box can
    /// beat the k-th answer (see ``NearestSearch``).
    public func nearest(to point: Coordinate, limit: Int = 1, filter: StationFilter = StationFilter(),
                        maxDistance: Double? = nil) -> [Match] {
        precondition(point.isValid, "query point out of range: \(point)")
        guard limit > 0, !stations.isEmpty else { return [] }
        if let maxDistance, !(maxDistance >= 0) { return [] }
        // An amenity or kind that no station has: answered from the OR of every mask at once.
        let required = filter.requiredBits, kinds = filter.kindBits
        guard dataMask & required == required, dataMask & kinds != 0 else { return [] }
        let grid = grid(required: required, kinds: kinds)
        // The candidate list starts on the stack (a heap allocation per query showed in profiles)
        // and moves to the heap only if it outgrows that.
        let capacity = limit > NearestSearch.sortedLimit ? 64 : 2 * limit + 8
        return withUnsafeTemporaryAllocation(of: NearestSearch.Candidate.self, capacity: capacity) { buffer in
            var search = NearestSearch(grid: grid, stationCount: stations.count, point: point, limit: limit,
                                       required: required, kinds: kinds, maxDistance: maxDistance, candidates: buffer)
            defer { if search.ownsCandidates { search.candidates.deallocate() } }
            // The index is lent to the search's last step, not stored in it: a stored copy would
            // cost a retain and a release of each of its arrays on every query.
            search.run()
            return search.finish(in: self)
        }
    }

    /// Every station within `radius` metres (inclusive, geodesic) of `point` that passes `filter`, nearest first.
    public func within(_ radius: Double, of point: Coordinate, filter: StationFilter = StationFilter()) -> [Match] {
        nearest(to: point, limit: stations.count, filter: filter, maxDistance: radius)
    }
}

/// The state of one nearest-neighbour search.
///
/// The box is rows `south ... north` and the columns `westCount` to the west of the query's column
/// through `eastCount` to its east (wrapping round the antimeridian). Every station outside it lies
/// beyond one of its four sides, and ``SideBounds`` gives, for each side, an angle on the sphere
/// that no such station is nearer than. The box grows on the side with the smallest bound until
/// that bound, turned into metres on the ellipsoid, exceeds the reach: a distance no answer lies
/// beyond, from the k-th nearest chord found so far (``ChordBound``).
///
/// Cells are thin latitude strips; inside one, stations are sorted by how far east they lie along
/// the column's east axis (``StationGrid/eastAxes(columns:width:in:)``). A difference of keys never
/// exceeds the chord, which never exceeds the geodesic: the scan walks outward from the query's key
/// and stops on both sides once the key difference passes the reach. So a city cell holding
/// thousands of stations costs a search among its fences and a short stretch, not a full pass.
/// In a row north or south of the query's, the z difference to the row's nearer edge narrows
/// the walk further, to the disc's width there (``StationGrid/rowEdgeZ``).
struct NearestSearch {
    let grid: StationGrid
    let point: Coordinate
    let query: EarthCentred
    let limit: Int
    let maxDistance: Double?
    let required: UInt32
    let kindBits: UInt32
    /// Large limits (``StationIndex/within(_:of:filter:)``) collect and sort once at the end.
    let collectsAll: Bool

    let latitudeRadians: Double
    let cosLatitude: Double
    /// Query's row and column (clamped into the grid), and the box around them.
    let queryRow: Int
    let queryColumn: Int
    var south: Int
    var north: Int
    var westCount = 0
    var eastCount = 0

    /// Filtered stations whose chord is within the reach, by squared chord, nearest first. The
    /// geodesic is measured only at the end, for these few (``finish(in:)``): ranking by chord is a
    /// subtraction and three products, and ``ChordBound`` turns the k-th chord into a reach that
    /// no answer lies beyond.
    var candidates: UnsafeMutableBufferPointer<Candidate>
    var candidateCount = 0
    /// Whether `candidates` was allocated here (it outgrew the caller's buffer).
    var ownsCandidates = false
    /// No station farther than this can still be an answer: `maxDistance`, then the longest geodesic
    /// the k-th chord allows.
    var reach: Double
    /// `reach²` widened by a hair: a station whose squared chord exceeds it is out (its geodesic is
    /// longer than its chord) whatever the rounding.
    var reachChordSquared: Double
    /// Stations in the list; a damaged snapshot's station number beyond it is never a candidate.
    let stationCount: Int

    struct Candidate {
        var chordSquared: Double
        var position: Int
        /// Its geodesic once measured (only far searches measure before the end); NaN until then.
        var geodesic = Double.nan
    }

    /// A search of `grid` for stations with every bit of `required` and one of `kinds`, its
    /// candidates kept in `candidates` (at least 2 × `limit` + 8 of them, or 64) until they outgrow it.
    init(grid: StationGrid, stationCount: Int, point: Coordinate, limit: Int, required: UInt32, kinds: UInt32,
         maxDistance: Double?, candidates: UnsafeMutableBufferPointer<Candidate>) {
        self.grid = grid
        self.point = point
        (query, cosLatitude) = point.earthCentredAndCosLatitude
        self.limit = limit
        self.maxDistance = maxDistance
        self.required = required
        kindBits = kinds
        collectsAll = limit > Self.sortedLimit
        latitudeRadians = point.latitude * degreesToRadians
        queryRow = grid.row(of: point.latitude)
        queryColumn = grid.column(of: point.longitude)
        south = queryRow
        north = queryRow
        reach = maxDistance ?? .infinity
        reachChordSquared = .infinity
        self.stationCount = stationCount
        self.candidates = candidates
        updateChordLimit()
    }

    /// Limits above this collect every station in reach and sort once.
    static let sortedLimit = 64
    /// Sphere angle × this ≤ geodesic on WGS84 (``Earth/geodesicToSphereMin`` on the mean sphere).
    static let metresPerRadianAtLeast = Earth.geodesicToSphereMin * Earth.meanRadius
    /// Extra degrees each side of a cell, to absorb rounding in cell assignment.
    static let slack = 1e-9

    mutating func run() {
        visitRow(queryRow)
        while true {
            let sides = SideBounds(of: self)
            guard let side = sides.nearest, sides.angle(of: side) * Self.metresPerRadianAtLeast <= reach else { break }
            switch side {
            case .north:
                north += 1
                visitRow(north)
            case .south:
                south -= 1
                visitRow(south)
            case .east:
                eastCount += 1
                visitColumn(offset: eastCount)
            case .west:
                westCount += 1
                visitColumn(offset: -westCount)
            }
        }
    }

    @inline(__always)
    func matches(_ mask: UInt32) -> Bool { mask & required == required && mask & kindBits != 0 }

    @inline(__always)
    func wrapped(_ column: Int) -> Int {
        let columns = grid.columnCount
        return column < 0 ? column + columns : column >= columns ? column - columns : column
    }

    /// The cells of row `row` across the box's columns.
    mutating func visitRow(_ row: Int) {
        guard matches(grid.rowMask[row]) else { return }
        let separation = zSeparationSquared(row)
        let base = row * grid.columnCount
        for offset in -westCount...eastCount where separation < reachChordSquared {
            visitCell(base + wrapped(queryColumn + offset), separationSquared: separation)
        }
    }

    /// A lower bound on the squared z difference between the query and any station in `row`
    /// (``StationGrid/rowEdgeZ``), a metre short for rounding: no chord from the query into the
    /// row is shorter, and the walk there narrows to match (``keyLimit(separationSquared:)``).
    @inline(__always)
    func zSeparationSquared(_ row: Int) -> Double {
        let gap = max(grid.rowEdgeZ[row] - query.z, query.z - grid.rowEdgeZ[row + 1]) - 1
        return gap > 0 ? gap * gap : 0
    }

    /// How far in key the walk goes in a row `separationSquared` away in z: k² + Δz² ≤ c² ≤ reach².
    @inline(__always)
    func keyLimit(separationSquared: Double) -> Double {
        (reachChordSquared - separationSquared).squareRoot()
    }

    /// The cells of the column at `offset` from the query's across the box's rows.
    mutating func visitColumn(offset: Int) {
        let column = wrapped(queryColumn + offset)
        for row in south...north where matches(grid.rowMask[row]) {
            let separation = zSeparationSquared(row)
            if separation < reachChordSquared { visitCell(row * grid.columnCount + column, separationSquared: separation) }
        }
    }

    mutating func visitCell(_ cell: Int, separationSquared: Double) {
        guard matches(grid.cellMask[cell]) else { return }
        let first = Int(grid.cellStart[cell]), end = Int(grid.cellStart[cell + 1])
        if end - first <= Self.smallCell {
            for position in first..<end { _ = consider(position) }
            return
        }
        // Outward from the query's east key: each step takes the nearer of the two neighbours in
        // key, and the walk ends once both are farther in key alone than the current reach.
        let column = cell % grid.columnCount
        let points = UnsafeRawPointer(grid.entries.baseAddress!).assumingMemoryBound(to: Double.self)
        let axisX = grid.eastAxis[2 * column], axisY = grid.eastAxis[2 * column + 1]
        let key = query.x * axisX + query.y * axisY
        // First position whose key is at least the query's: among the cell's fences (every 16th
        // key, a few cache lines) the first at or past it; the start lies after the fence before
        // that one and no later than that one, a bisection of 16 entries. Probing the entries of a
        // city cell directly cost a cache miss a probe.
        let spacing = StationGrid.fenceSpacing
        var fenceLow = (first + spacing - 1) / spacing, fenceHigh = (end - 1) / spacing + 1
        let firstFence = fenceLow
        while fenceLow < fenceHigh {
            let middle = (fenceLow + fenceHigh) / 2
            if grid.fences[middle] < key { fenceLow = middle + 1 } else { fenceHigh = middle }
        }
        var low = fenceLow > firstFence ? (fenceLow - 1) * spacing + 1 : first
        var high = min(end, fenceLow * spacing + 1)
        while low < high {
            let middle = (low + high) / 2
            if points[4 * middle] * axisX + points[4 * middle + 1] * axisY < key { low = middle + 1 } else { high = middle }
        }
        var up = low, down = low - 1
        var upGap = up < end ? points[4 * up] * axisX + points[4 * up + 1] * axisY - key : .infinity
        var downGap = down >= first ? key - (points[4 * down] * axisX + points[4 * down + 1] * axisY) : .infinity
        var gapLimit = keyLimit(separationSquared: separationSquared)
        // Written so that a key that is not a number (damage) is walked past, not taken for a wall.
        while up < end || down >= first {
            if up < end && (down < first || !(upGap > downGap)) {
                guard !(upGap > gapLimit) else { return }
                if consider(up) { gapLimit = keyLimit(separationSquared: separationSquared) }
                up += 1
                upGap = up < end ? points[4 * up] * axisX + points[4 * up + 1] * axisY - key : .infinity
            } else {
                guard !(downGap > gapLimit) else { return }
                if consider(down) { gapLimit = keyLimit(separationSquared: separationSquared) }
                down -= 1
                downGap = down >= first ? key - (points[4 * down] * axisX + points[4 * down + 1] * axisY) : .infinity
            }
        }
    }

    /// Cells up to this size are scanned whole.
    static let smallCell = 8
    /// Relative widening of the reach in the key and chord tests: rounding never excludes a station
    /// that is exactly at the k-th distance.
    static let reachWidening = 1 + 1e-9

    /// Tests the entry at `position`; true when it was taken as a candidate (the reach may have
    /// shrunk). The chord test inline, the rest (a few entries per query) out of line.
    @inline(__always)
    mutating func consider(_ position: Int) -> Bool {
        let entry = grid.entries[position]
        guard matches(entry.mask) else { return false }
        let dx = query.x - entry.x, dy = query.y - entry.y, dz = query.z - entry.z
        let chordSquared = dx * dx + dy * dy + dz * dz
        guard chordSquared <= reachChordSquared, Int(entry.station) < stationCount else { return false }
        take(Candidate(chordSquared: chordSquared, position: position))
        return true
    }

    /// Inserts a candidate by chord; once `limit` are in, the k-th chord bounds the reach, and
    /// candidates beyond the new reach are dropped.
    @inline(never)
    mutating func take(_ candidate: Candidate) {
        if candidateCount == candidates.count {
            let larger = UnsafeMutableBufferPointer<Candidate>.allocate(capacity: 2 * candidates.count)
            _ = larger.initialize(from: candidates)
            if ownsCandidates { candidates.deallocate() }
            candidates = larger
            ownsCandidates = true
        }
        if collectsAll {
            candidates[candidateCount] = candidate
            candidateCount += 1
            return
        }
        var slot = candidateCount
        while slot > 0 && candidates[slot - 1].chordSquared > candidate.chordSquared {
            candidates[slot] = candidates[slot - 1]
            slot -= 1
        }
        candidates[slot] = candidate
        candidateCount += 1
        guard candidateCount >= limit, slot < limit else { return }
        var longest = ChordBound.longestGeodesic(chord: candidates[limit - 1].chordSquared.squareRoot())
        if longest >= ChordBound.longestGeodesic {
            // A k-th chord beyond the bound's range (a rare amenity over sparse data): the k
            // nearest by chord, measured, bound the k-th geodesic instead. Each is measured once.
            longest = 0
            for i in 0..<limit {
                if candidates[i].geodesic.isNaN { candidates[i].geodesic = query.geodesicLength(to: grid.entries[candidates[i].position].point) ?? .nan }
                longest = max(longest, candidates[i].geodesic.isNaN ? ChordBound.longestGeodesic : candidates[i].geodesic)
            }
        }
        guard longest < reach else { return }
        reach = longest
        updateChordLimit()
        while candidateCount > limit && !(candidates[candidateCount - 1].chordSquared <= reachChordSquared) {
            candidateCount -= 1
        }
    }

    /// The geodesics of the candidates, ranked by (distance, id); at most `limit` of them.
    func finish(in index: StationIndex) -> [Match] {
        var answers: [Match] = []
        answers.reserveCapacity(candidateCount)
        for candidate in candidates[0..<candidateCount] {
            let measured = candidate.geodesic.isNaN ? geodesic(to: candidate.position, in: index) : candidate.geodesic
            guard let distance = measured, distance.isFinite else { continue }
            if let maxDistance, !(distance <= maxDistance) { continue }
            answers.append(Match(index: Int(grid.entries[candidate.position].station), distance: distance))
        }
        // By (distance, id). Collected candidates (any number, in walk order) by a sort; the
        // sorted list by insertion: it comes nearest chord first, so nearly in order already, and
        // no closure holds a copy of the index (a retain of each of its arrays).
        if collectsAll {
            answers.sort { $0.distance < $1.distance || ($0.distance == $1.distance && index.idPrecedes($0.index, $1.index)) }
        } else {
            insertionSort(&answers, in: index)
        }
        if answers.count > limit { answers.removeLast(answers.count - limit) }
        return answers
    }

    func insertionSort(_ answers: inout [Match], in index: StationIndex) {
        // Through a buffer: the array's own subscripts checked bounds and uniqueness on every move.
        answers.withUnsafeMutableBufferPointer { answers in
            for i in answers.indices.dropFirst() {
                let answer = answers[i]
                var slot = i
                while slot > 0 && (answer.distance < answers[slot - 1].distance
                    || (answer.distance == answers[slot - 1].distance && index.idPrecedes(answer.index, answers[slot - 1].index))) {
                    answers[slot] = answers[slot - 1]
                    slot -= 1
                }
                answers[slot] = answer
            }
        }
    }

    /// The geodesic from the query to the entry at `position`, computed as `geodesicDistance` does,
    /// so the index agrees with brute force to the last bit; nil when damaged data gives no number.
    func geodesic(to position: Int, in index: StationIndex) -> Double? {
        let entry = grid.entries[position]
        let distance: Double
        if let measured = query.geodesicLength(to: entry.point) {
            distance = measured
        } else {
            // Nearly antipodal: the sphere, from the record, as `geodesicDistance` does.
            let coordinate = index.stations.coordinate(at: Int(entry.station))
            guard coordinate.isValid else { return nil }
            distance = point.geodesicDistance(to: coordinate)
        }
        return distance.isFinite ? distance : nil
    }

    mutating func updateChordLimit() {
        let widened = reach * Self.reachWidening
        reachChordSquared = widened * widened
    }
}

/// Lower bounds, as angles on the unit sphere, on the distance from the query to any point beyond
/// each side of the search box. A side that has nothing beyond it (the grid's first or last row,
/// or columns that already go all the way round) is absent.
struct SideBounds {
    enum Side { case north, south, east, west }

    var north = Double.infinity, south = Double.infinity, east = Double.infinity, west = Double.infinity

    @inline(__always)
    init(of search: borrowing NearestSearch) {
        let grid = search.grid
        let latitude = search.point.latitude
        let slack = NearestSearch.slack
        if search.north < grid.rowCount - 1 {
            // Any point north of the box's top edge is at least the latitude difference away.
            let edge = grid.minLatitude + Double(search.north + 1) * grid.rowHeight - slack
            north = max(0, edge - latitude) * degreesToRadians
        }
        if search.south > 0 {
            let edge = grid.minLatitude + Double(search.south) * grid.rowHeight + slack
            south = max(0, latitude - edge) * degreesToRadians
        }
        if search.westCount + search.eastCount + 1 < grid.columnCount {
            // The rest of the circle of longitude, beyond either meridian edge of the box.
            let queryEast = search.point.longitude + 180
            let eastEdge = Double(search.queryColumn + search.eastCount + 1) * grid.columnWidth
            let westEdge = Double(search.queryColumn - search.westCount) * grid.columnWidth
            east = Self.meridianAngle(max(0, eastEdge - queryEast - slack) * degreesToRadians, search: search)
            west = Self.meridianAngle(max(0, queryEast - westEdge - slack) * degreesToRadians, search: search)
        }
    }

    /// Least angle from the query to a meridian `deltaLongitude` radians away, and so to anything
    /// beyond it: asin(cos φ · sin Δλ) while Δλ < 90°, else the distance to the nearer pole.
    /// Taken from below with sin x ≥ x − x³/6 and asin x ≥ x, to spare the trigonometry.
    @inline(__always)
    static func meridianAngle(_ deltaLongitude: Double, search: borrowing NearestSearch) -> Double {
        if deltaLongitude >= Double.pi / 2 { return max(0, Double.pi / 2 - abs(search.latitudeRadians) - 1e-12) }
        let sine = deltaLongitude - deltaLongitude * deltaLongitude * deltaLongitude / 6
        return max(0, search.cosLatitude * sine * (1 - 1e-12))
    }

    /// The side with the smallest bound, nil when no side is left.
    var nearest: Side? {
        var side: Side? = nil, angle = Double.infinity
        if north < angle { (side, angle) = (.north, north) }
        if south < angle { (side, angle) = (.south, south) }
        if east < angle { (side, angle) = (.east, east) }
        if west < angle { (side, angle) = (.west, west) }
        return side
    }

    func angle(of side: Side) -> Double {
        switch side {
        case .north: north
        case .south: south
        case .east: east
        case .west: west
        }
    }
}
