/// A station in a route's corridor: which station, where along the route, and how far off it.
public struct RouteMatch: Hashable, Sendable {
    /// Position of the station in ``StationIndex/stations``.
    public var index: Int
    /// Metres from the start of the route to the point of the route closest to the station
    /// (the kilometre mark, in metres).
    public var distanceAlong: Double
    /// Geodesic distance (WGS84) from the station to that closest point, metres.
    public var detour: Double
    /// The closest point of the route to the station (WGS84).
    public var closestPoint: Coordinate

    public init(index: Int, distanceAlong: Double, detour: Double, closestPoint: Coordinate) {
        self.index = index
        self.distanceAlong = distanceAlong
        self.detour = detour
        self.closestPoint = closestPoint
    }
}
