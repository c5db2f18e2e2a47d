import Foundation

extension StationIndex {
    /// The stations within `width` metres of `route` that pass `filter`, in order along the route
    /// (then by detour, then by id).
    ///
    /// **Definition.** The route's legs are great-circle arcs between consecutive vertices (latitude
    /// and longitude taken as spherical coordinates). A station's detour from a leg is the shortest
    /// WGS84 geodesic from the station to a point of the leg; its detour from the route is the
    /// smallest over all legs (ties: the earlier point along the route), and it is in the corridor
    /// when that is at most `width` (inclusive). Its distance along the route is the geodesic
    /// length of the route up to that leg (gaps between parts included, see ``Route``) plus the
    /// geodesic from the leg's start to the closest point.
    ///
    /// **Method.** The closest point is first found on the sphere (the perpendicular foot of the
    /// station on the leg's great circle, or the nearer vertex when the foot falls outside the leg),
    /// then moved to the ellipsoid's closest point by a parabola through three geodesics around it
    /// (on the ellipsoid the right angle falls up to 0.35 % of the detour further along). Checked
    /// against an independent search on the ellipsoid: detours agree to 0.01 µm and points to 0.2 mm
    /// for detours up to 50 km (the sphere's foot alone is up to 8 m along the route off at a 2 km
    /// detour, and its detour 2 cm long).
    ///
    /// **Search.** The route is cut into short pieces, each bounded by a spherical cap. Only the
    /// grid cells that a cap widened by the corridor can reach are opened (cells and rows whose
    /// masks cannot match the filter are skipped), each station of such a cell meets only the
    /// pieces that reach its cell, and only legs that may come within the corridor on the sphere
    /// (with the ellipsoid's largest correction as margin) are measured on the ellipsoid.
    public func along(_ route: Route, within width: Double, filter: StationFilter = StationFilter()) -> [RouteMatch] {
        guard width >= 0, !stations.isEmpty, !route.segments.isEmpty else { return [] }
        guard dataMask & filter.requiredBits == filter.requiredBits, dataMask & filter.kindBits != 0 else { return [] }
        var search = CorridorSearch(index: self, route: route, width: width, filter: filter)
        return search.run()
    }
}

/// The state of one corridor search.
private struct CorridorSearch {
    let index: StationIndex
    let route: Route
    let segments: [RouteSegment]
    let width: Double
    let required: UInt32
    let kindBits: UInt32
    /// Largest central angle (radians) at which a point can be within `width` of another on the
    /// ellipsoid: the geodesic is never shorter than 0.993 × the sphere's distance.
    let reach: Double
    /// `reach` widened by 5e-7 rad (3 m) for stations read from the index's 32-bit unit vectors
    /// (off by at most 1.2e-7 rad), and the same as a sine and a squared chord for the tests.
    let candidateReach: Double
    let candidateSine: Double
    let candidateChordSquared: Double
    /// With a reach of a quarter circle or more, the sine test no longer bounds anything.
    let acceptsEverything: Bool

    /// The route cut into capped pieces (see ``run()``).
    var pieces: [RoutePiece] = []
    /// Scratch space reused from station to station: the pieces that may reach the station, and
    /// the candidate legs' feet.
    var reaching: [Int] = []
    var order: [(bound: Double, piece: Int)] = []
    var feet: [Foot] = []

    init(index: StationIndex, route: Route, width: Double, filter: StationFilter) {
        self.index = index
        self.route = route
        segments = route.segments
        self.width = width
        required = filter.requiredBits
        kindBits = filter.kindBits
        reach = min(Double.pi, width / Earth.geodesicToSphereMin / Earth.meanRadius + 1e-9)
        candidateReach = reach + 5e-7
        acceptsEverything = candidateReach >= Double.pi / 2
        candidateSine = sin(min(candidateReach, Double.pi / 2))
        let chord = 2 * sin(min(candidateReach, Double.pi) / 2)
        candidateChordSquared = chord * chord
    }

    func matches(_ mask: UInt32) -> Bool { mask & required == required && mask & kindBits != 0 }

    mutating func run() -> [RouteMatch] {
        // Pieces about half a cell long (or as long as the corridor is wide): short enough that
        // their caps reject most of a cell, long enough that a station meets only a few of them.
        // Never under 1e-4 rad (640 m): a one-station index has rows a micro-degree high, and a
        // zero-width corridor would otherwise cut a long route into millions of pieces.
        let pieceAngle = max(index.rowHeight * degreesToRadians / 2, reach, 1e-4)
        pieces = route.pieces(maxAngle: pieceAngle)
        // A station can meet a piece only within its radius plus the reach of its centre.
        let chordLimits = pieces.map { piece -> Double in
            let angle = piece.radius + candidateReach
            guard angle < Double.pi else { return .infinity }
            let chord = 2 * sin(angle / 2)
            return chord * chord
        }
        // (cell, piece) pairs, sorted by cell: every cell is opened once, with all its pieces.
        var pairs: [UInt64] = []
        for (number, piece) in pieces.enumerated() {
            forEachCell(near: piece) { cell in pairs.append(UInt64(cell) << 32 | UInt64(number)) }
        }
        pairs.sort()

        var found: [RouteMatch] = []
        var first = 0
        while first < pairs.count {
            let cell = Int(pairs[first] >> 32)
            var end = first + 1
            while end < pairs.count && Int(pairs[end] >> 32) == cell { end += 1 }
            for position in Int(index.cellStart[cell])..<Int(index.cellStart[cell + 1]) where matches(index.entries[position].mask) {
                let p = index.entries[position].point.unitVector
                reaching.removeAll(keepingCapacity: true)
                for pair in pairs[first..<end] {
                    let number = Int(pair & 0xFFFF_FFFF)
                    if p.chordSquared(to: pieces[number].center) > chordLimits[number] { continue }
                    if pieces[number].segments.contains(where: { mayReach(segments[$0], from: p) }) { reaching.append(number) }
                }
                if reaching.isEmpty { continue }
                // A damaged snapshot's station number beyond the list is no answer.
                let station = Int(index.entries[position].station)
                if station < index.stations.count, let match = measure(station) { found.append(match) }
            }
            first = end
        }
        found.sort {
            if $0.distanceAlong != $1.distanceAlong { return $0.distanceAlong < $1.distanceAlong }
            if $0.detour != $1.detour { return $0.detour < $1.detour }
            return index.idPrecedes($0.index, $1.index)
        }
        return found
    }

    /// Whether the leg can come within `candidateReach` of `p` on the sphere.
    @inline(__always)
    func mayReach(_ segment: RouteSegment, from p: Vector3) -> Bool {
        if acceptsEverything { return true }
        if !segment.isPoint {
            // Farther than the reach from the whole great circle: no point of the leg is closer.
            if abs(p.dot(segment.normal)) > candidateSine { return false }
            if p.dot(segment.alongFromStart) >= 0 && p.dot(segment.backFromEnd) >= 0 { return true }
        }
        return p.chordSquared(to: segment.a) <= candidateChordSquared || p.chordSquared(to: segment.b) <= candidateChordSquared
    }

    /// The station's detour and distance along the route over the legs of the ``reaching`` pieces,
    /// if within `width`.
    ///
    /// Four stages, each keeping only legs that can still hold the nearest point: pieces in order of
    /// their lower bound on the sphere, until the bound passes what the legs seen so far allow; feet
    /// on the sphere for their legs; a geodesic to the sphere's foot for legs within the ellipsoid's
    /// largest correction near the station (``Earth/geodesicRatioSpread(latitude:reach:)``) of the
    /// nearest on the sphere; the nearest point on the
    /// ellipsoid for legs whose geodesic is within what that refinement can gain (under 0.001 % of
    /// the distance, as the accuracy tests measure; 0.01 % is allowed) of the best.
    mutating func measure(_ stationIndex: Int) -> RouteMatch? {
        let station = index.stations[stationIndex].coordinate
        let p = station.vector
        let ratio = Earth.geodesicToSphereMax / Earth.geodesicToSphereMin
        // A wide corridor reaches many pieces; the nearest leg is nearly always in the first one or two.
        order.removeAll(keepingCapacity: true)
        for number in reaching {
            let centerAngle = 2 * asin(min(1, p.chordSquared(to: pieces[number].center).squareRoot() / 2))
            order.append((max(0, centerAngle - pieces[number].radius), number))
        }
        order.sort { $0.bound < $1.bound }
        feet.removeAll(keepingCapacity: true)
        var nearest = Double.infinity, nearestSoFar = Double.infinity
        for (bound, number) in order {
            if bound > nearestSoFar * ratio + 1e-9 { break }
            // A leg cut into several pieces may be met twice; both give the same answer.
            for segment in pieces[number].segments where mayReach(segments[segment], from: p) {
                let (foot, chordSquared) = segments[segment].sphereFoot(of: p)
                feet.append(Foot(segment: segment, foot: foot, key: chordSquared))
                if chordSquared < nearest {
                    nearest = chordSquared
                    nearestSoFar = 2 * asin(min(1, chordSquared.squareRoot() / 2))
                }
            }
        }
        guard !feet.isEmpty else { return nil }
        let nearestAngle = 2 * asin(min(1, nearest.squareRoot() / 2))
        let limitAngle = min(Double.pi, nearestAngle * Earth.geodesicRatioSpread(latitude: station.latitude, reach: nearestAngle * ratio) + 1e-9)
        let limitChord = 2 * sin(limitAngle / 2)
        var shortest = Double.infinity
        for i in feet.indices where feet[i].key <= limitChord * limitChord {
            feet[i].point = segments[feet[i].segment].coordinate(of: feet[i].foot)
            feet[i].detour = station.geodesicDistance(to: feet[i].point)
            shortest = min(shortest, feet[i].detour)
        }
        // Refinement only ever shortens a detour, and by far less than this.
        let refinable = shortest * (1 + 1e-4) + 1e-3
        guard shortest * (1 - 1e-4) - 1e-3 <= width else { return nil }
        var best: (detour: Double, segment: Int, foot: RouteSegment.Foot, point: Coordinate)?
        for candidate in feet where candidate.detour <= refinable {
            let leg = segments[candidate.segment]
            let nearest = leg.nearestPoint(to: station, p, from: candidate.foot, at: candidate.point, detour: candidate.detour)
            if let current = best {
                if nearest.detour > current.detour { continue }
                if nearest.detour == current.detour {
                    // The same distance from two legs (a vertex they share): the earlier point wins.
                    let here = leg.distanceAlong(nearest.foot, at: nearest.point)
                    let there = segments[current.segment].distanceAlong(current.foot, at: current.point)
                    if here >= there { continue }
                }
            }
            best = (nearest.detour, candidate.segment, nearest.foot, nearest.point)
        }
        guard let best, best.detour <= width else { return nil }
        return RouteMatch(index: stationIndex, distanceAlong: segments[best.segment].distanceAlong(best.foot, at: best.point),
                          detour: best.detour, closestPoint: best.point)
    }

    /// A candidate leg's foot for one station, with its geodesic once measured.
    struct Foot {
        var segment: Int
        var foot: RouteSegment.Foot
        /// Squared chord to the sphere's foot.
        var key: Double
        var point = Coordinate(latitude: 0, longitude: 0)
        var detour = Double.infinity
    }

    /// Calls `body` with every cell, whose mask can match, within the piece's cap widened by the reach.
    func forEachCell(near piece: RoutePiece, _ body: (Int) -> Void) {
        let slack = 1e-9  // degrees, as in the nearest search: rounding in cell assignment
        let center = Coordinate(piece.center)
        let extent = min(piece.radius + reach, Double.pi)
        let extentDegrees = extent / degreesToRadians + slack
        let south = center.latitude - extentDegrees, north = center.latitude + extentDegrees
        let dataNorth = index.minLatitude + Double(index.rowCount) * index.rowHeight
        guard north >= index.minLatitude - slack && south <= dataNorth + slack else { return }
        let firstRow = StationIndex.row(of: south, south: index.minLatitude, height: index.rowHeight, rows: index.rowCount)
        let lastRow = StationIndex.row(of: north, south: index.minLatitude, height: index.rowHeight, rows: index.rowCount)
        let columns = index.columnCount
        var firstColumn = 0, lastColumn = columns - 1
        if north < 90 && south > -90 {
            // The widest longitude span of a cap of angle ρ around latitude φ: asin(sin ρ / cos φ).
            let half = asin(min(1, sin(extent) / cos(center.latitude * degreesToRadians))) / degreesToRadians + slack
            let west = Int(((center.longitude - half + 180) / index.columnWidth).rounded(.down))
            let east = Int(((center.longitude + half + 180) / index.columnWidth).rounded(.down))
            if east - west + 1 < columns { (firstColumn, lastColumn) = (west, east) }
        }
        for row in firstRow...lastRow where matches(index.rowMask[row]) {
            for unwrapped in firstColumn...lastColumn {
                // Columns past either edge wrap round the antimeridian.
                let column = (unwrapped % columns + columns) % columns
                let cell = StationIndex.cell(row: row, column: column, columns: columns)
                if matches(index.cellMask[cell]) { body(cell) }
            }
        }
    }
}
