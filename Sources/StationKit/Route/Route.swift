/// A route to search along: one or more polylines (parts) in order, in WGS84.
///
/// Each leg between consecutive vertices of a part is the great-circle arc between them (on the
/// sphere of latitudes and longitudes; see ``StationIndex/along(_:within:filter:)`` for how
/// distances to it are measured). Lengths are WGS84 geodesics.
///
/// Parts are joined in order. The gap from the end of one part to the start of the next counts in
/// the distance along the route by its geodesic length, as if driven straight, but is not part of
/// the corridor: stations are measured against the parts only.
public struct Route: Sendable {
    /// The polylines, in order, each of at least two points.
    public let parts: [[Coordinate]]
    /// The legs of all parts, in order.
    let segments: [RouteSegment]
    /// Metres from the start to the end: the geodesic lengths of the legs and of the gaps between parts.
    public let length: Double

    /// Builds a route; every part needs at least two points and every point a valid coordinate.
    /// - Throws: ``RouteError`` naming the part and point at fault.
    public init(parts: [[Coordinate]]) throws(RouteError) {
        guard !parts.isEmpty else { throw RouteError("a route needs at least two points") }
        var segments: [RouteSegment] = []
        var offset = 0.0
        for (partIndex, part) in parts.enumerated() {
            let partName = parts.count > 1 ? "part \(partIndex + 1), " : ""
            guard part.count >= 2 else {
                throw RouteError("\(partName)a line needs at least two points (found \(part.count))")
            }
            for (pointIndex, point) in part.enumerated() where !point.isValid {
                throw RouteError("\(partName)point \(pointIndex + 1) (\(point.latitude),\(point.longitude)) is not a valid latitude,longitude")
            }
            if let previous = segments.last {
                offset += previous.end == part[0] ? 0 : previous.end.geodesicDistance(to: part[0])
            }
            for i in 0..<(part.count - 1) {
                let segment = RouteSegment(from: part[i], to: part[i + 1], offset: offset)
                if segment.isPoint && segment.a.dot(segment.b) < 0 {
                    // Opposite ends of the Earth: every great circle through them is as short as any other.
                    throw RouteError("\(partName)points \(i + 1) and \(i + 2) are antipodal; the route between them is undefined (add a point in between)")
                }
                segments.append(segment)
                offset += segment.length
            }
        }
        self.parts = parts
        self.segments = segments
        length = offset
    }

    /// Number of points over all parts.
    public var pointCount: Int { parts.reduce(0) { $0 + $1.count } }
}
