import Foundation

/// One leg of a route: the great-circle arc between two consecutive vertices.
///
/// Arcs are great circles through the vertices' latitudes and longitudes taken as spherical
/// coordinates (the same convention the index's keys use). The closest point of an arc to a
/// station is found on that sphere, then moved to the closest point on the WGS84 ellipsoid.
struct RouteSegment: Sendable {
    /// The vertices, as given (WGS84).
    let start: Coordinate
    let end: Coordinate
    /// The vertices on the unit sphere.
    let a: Vector3
    let b: Vector3
    /// Unit normal of the arc's great circle (a × b normalised); zero when the arc is a point.
    let normal: Vector3
    /// n × a: the unit tangent at `a` pointing along the arc. A point lies beyond `a`'s end of the
    /// arc exactly when its dot product with this is negative.
    let alongFromStart: Vector3
    /// b × n: the unit tangent at `b` pointing back along the arc (the same test for `b`'s end).
    let backFromEnd: Vector3
    /// Both vertices at the same place (within ~6 nm): the closest point is the vertex itself.
    let isPoint: Bool
    /// Central angle from `a` to `b`, radians.
    let angle: Double
    /// Metres along the route where this arc starts (geodesic lengths of what comes before).
    let offset: Double
    /// Geodesic length of the arc on the WGS84 ellipsoid, metres.
    let length: Double

    init(from start: Coordinate, to end: Coordinate, offset: Double) {
        self.start = start
        self.end = end
        a = start.vector
        b = end.vector
        let cross = a.cross(b)
        // Below 1e-15 (a few nanometres) the normal would be rounding noise.
        isPoint = cross.length < 1e-15
        normal = isPoint ? Vector3(x: 0, y: 0, z: 0) : cross.normalized
        alongFromStart = normal.cross(a)
        backFromEnd = b.cross(normal)
        angle = a.angle(to: b)
        self.offset = offset
        length = start == end ? 0 : start.geodesicDistance(to: end)
    }

    /// Where on the arc the closest point to `p` lies.
    enum Foot: Equatable {
        case start, end
        /// Strictly between the vertices: the perpendicular foot, on the unit sphere.
        case inside(Vector3)
    }

    /// The closest point of the arc to the unit vector `p` on the sphere, and the squared chord to it
    /// (a key that ranks like the central angle and needs no trigonometry).
    ///
    /// The nearest point of the whole great circle is the foot of the perpendicular,
    /// p − (p·n)n normalised. If it lies on the arc, it is the answer; otherwise the distance along
    /// the circle grows away from the foot, so the answer is the vertex nearer to `p`.
    @inline(__always)
    func sphereFoot(of p: Vector3) -> (foot: Foot, chordSquared: Double) {
        if !isPoint && p.dot(alongFromStart) >= 0 && p.dot(backFromEnd) >= 0 {
            let height = p.dot(normal)
            let foot = p - height * normal
            // At the great circle's pole every point of the arc is equally far (90°): take the start.
            if foot.length > 1e-12 {
                // chord² = 2 − 2 cos θ with sin θ = |height|, written without cancellation.
                let squared = height * height
                return (.inside(foot.normalized), 2 * squared / (1 + (1 - min(squared, 1)).squareRoot()))
            }
        }
        let toStart = p.chordSquared(to: a), toEnd = p.chordSquared(to: b)
        return toEnd < toStart ? (.end, toEnd) : (.start, toStart)
    }

    /// The point of the arc with the shortest WGS84 geodesic to `station` (unit vector `p`), and that
    /// geodesic, starting from the sphere's foot (`sphere`, at `spherePoint`, `sphereDetour` away).
    ///
    /// On the ellipsoid the nearest point lies a little along the arc from the sphere's foot (up to
    /// ~0.35 % of the distance: the sphere's right angle is not the ellipsoid's). Near its minimum the
    /// squared geodesic distance along the arc is a parabola in the arc angle (exactly so on a plane),
    /// so three geodesics around the sphere's foot place the minimum; it is clamped to the arc.
    func nearestPoint(to station: Coordinate, _ p: Vector3, from sphere: Foot, at spherePoint: Coordinate,
                      detour sphereDetour: Double) -> (foot: Foot, point: Coordinate, detour: Double) {
        guard !isPoint else { return (sphere, spherePoint, sphereDetour) }
        // Where the station's foot lies along the great circle, as an angle from `a` towards `b`.
        let alongAngle = atan2(p.dot(alongFromStart), p.dot(a))
        let crossAngle = asin(min(1, abs(p.dot(normal))))
        // A step wider than the ellipsoid's displacement, and never below 0.6 m for a well-conditioned fit.
        let step = max(0.01 * crossAngle, 1e-7)
        // A foot beyond an end by more than the displacement: the end is the nearest point.
        guard alongAngle >= -step && alongAngle <= angle + step else { return (sphere, spherePoint, sphereDetour) }
        func point(_ t: Double) -> Vector3 { cos(t) * a + sin(t) * alongFromStart }
        func squared(_ t: Double) -> Double {
            let distance = station.geodesicDistance(to: Coordinate(point(t)))
            return distance * distance
        }
        let before = squared(alongAngle - step), middle = squared(alongAngle), after = squared(alongAngle + step)
        let curvature = before - 2 * middle + after
        var best = alongAngle
        if curvature > 0 {
            let vertex = alongAngle + step * (before - after) / (2 * curvature)
            if vertex.isFinite { best = vertex }
        }
        let foot: Foot = best <= 0 ? .start : best >= angle ? .end : .inside(point(best))
        let refined = coordinate(of: foot)
        let detour = station.geodesicDistance(to: refined)
        // Near the minimum the distance is flat: a centimetre along the arc changes it by less than
        // Vincenty's micrometre noise, so the fitted point is kept unless it is clearly worse.
        return detour <= sphereDetour + 1e-6 ? (foot, refined, detour) : (sphere, spherePoint, sphereDetour)
    }

    /// The coordinate of a foot (the vertices exactly as given, so a vertex is one point for both
    /// arcs that share it).
    func coordinate(of foot: Foot) -> Coordinate {
        switch foot {
        case .start: start
        case .end: end
        case .inside(let vector): Coordinate(vector)
        }
    }

    /// Metres along the route of a foot: the arc's offset plus the geodesic from its start.
    func distanceAlong(_ foot: Foot, at point: Coordinate) -> Double {
        switch foot {
        case .start: offset
        case .end: offset + length
        case .inside: offset + start.geodesicDistance(to: point)
        }
    }
}
