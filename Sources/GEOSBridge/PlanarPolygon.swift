/// A position in the plane of a geometry's coordinates (projected metres, or longitude and latitude).
public struct PlanarPoint: Hashable, Sendable {
    /// East (projected metres, or longitude).
    public var x: Double
    /// North (projected metres, or latitude).
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A polygon as plain values: what goes into GEOS and what comes back out, so that geometries can
/// cross threads (a ``Geometry`` is tied to its context) and be projected vertex by vertex.
///
/// Rings are closed: the last point repeats the first, as GEOS and GeoJSON both require.
public struct PlanarPolygon: Hashable, Sendable {
    /// The outer ring.
    public var exterior: [PlanarPoint]
    /// The holes, in order.
    public var holes: [[PlanarPoint]]

    public init(exterior: [PlanarPoint], holes: [[PlanarPoint]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Every ring, the exterior first.
    public var rings: [[PlanarPoint]] { [exterior] + holes }

    /// The same polygon with `transform` applied to every vertex (projecting, say).
    public func map(_ transform: (PlanarPoint) throws -> PlanarPoint) rethrows -> PlanarPolygon {
        PlanarPolygon(exterior: try exterior.map(transform), holes: try holes.map { try $0.map(transform) })
    }
}

extension Array where Element == PlanarPoint {
    /// Twice the signed area of a closed ring (shoelace formula): positive when counterclockwise.
    public var doubleSignedArea: Double {
        guard count > 2 else { return 0 }
        var sum = 0.0
        // Relative to the first vertex, so large projected coordinates lose no digits.
        let origin = self[0]
        for i in 1..<(count - 1) {
            let a = self[i], b = self[i + 1]
            sum += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return sum
    }
}
