/// One stretch of a route for the spacing rule ("a driver home every 200 km"), and its pick.
public struct RouteStretch: Hashable, Sendable {
    /// Metres along the route where the stretch starts (inclusive) and ends (exclusive, except
    /// for the last stretch, which ends at the route's end and includes it).
    public var start: Double
    public var end: Double
    /// The chosen station, or nil when no station of the corridor lies in this stretch.
    public var pick: RouteMatch?

    public init(start: Double, end: Double, pick: RouteMatch?) {
        self.start = start
        self.end = end
        self.pick = pick
    }
}

extension StationIndex {
    /// One station per stretch: the route is cut into consecutive stretches of `every` metres from
    /// its start (the last one shorter), each match belongs to the stretch its distance along the
    /// route falls in, and each stretch keeps its match with the smallest detour (ties: earliest
    /// along the route, then station id). Stretches with no match are returned with a nil pick,
    /// so gaps in coverage show.
    public func onePerStretch(_ matches: [RouteMatch], every: Double, routeLength: Double) -> [RouteStretch] {
        precondition(every > 0 && every.isFinite, "stretch length must be positive")
        let count = max(1, Int((routeLength / every).rounded(.up)))
        var stretches = (0..<count).map {
            RouteStretch(start: Double($0) * every, end: $0 == count - 1 ? routeLength : Double($0 + 1) * every, pick: nil)
        }
        for match in matches {
            let stretch = min(max(Int((match.distanceAlong / every).rounded(.down)), 0), count - 1)
            if let current = stretches[stretch].pick, !isBetterPick(match, than: current) { continue }
            stretches[stretch].pick = match
        }
        return stretches
    }

    private func isBetterPick(_ match: RouteMatch, than other: RouteMatch) -> Bool {
        if match.detour != other.detour { return match.detour < other.detour }
        if match.distanceAlong != other.distanceAlong { return match.distanceAlong < other.distanceAlong }
        return idPrecedes(match.index, other.index)
    }
}
