import Foundation

/// A vector in 3-space: points on the unit sphere and the normals of great circles.
///
/// Route geometry works with unit vectors rather than latitudes and longitudes: the closest point
/// of a great-circle arc, and which side of an arc's end a point lies on, are then a few dot and
/// cross products, with no special case at the antimeridian or the poles.
struct Vector3: Hashable, Sendable {
    var x: Double, y: Double, z: Double

    @inline(__always)
    func dot(_ other: Vector3) -> Double { x * other.x + y * other.y + z * other.z }

    @inline(__always)
    func cross(_ other: Vector3) -> Vector3 {
        Vector3(x: y * other.z - z * other.y, y: z * other.x - x * other.z, z: x * other.y - y * other.x)
    }

    @inline(__always)
    static func + (lhs: Vector3, rhs: Vector3) -> Vector3 { Vector3(x: lhs.x + rhs.x, y: lhs.y + rhs.y, z: lhs.z + rhs.z) }

    @inline(__always)
    static func - (lhs: Vector3, rhs: Vector3) -> Vector3 { Vector3(x: lhs.x - rhs.x, y: lhs.y - rhs.y, z: lhs.z - rhs.z) }

    @inline(__always)
    static func * (scale: Double, vector: Vector3) -> Vector3 { Vector3(x: scale * vector.x, y: scale * vector.y, z: scale * vector.z) }

    var length: Double { dot(self).squareRoot() }

    /// The same direction with length 1 (the zero vector stays zero).
    var normalized: Vector3 {
        let length = self.length
        return length > 0 ? (1 / length) * self : self
    }

    /// Squared chord between two points: |a − b|².
    @inline(__always)
    func chordSquared(to other: Vector3) -> Double {
        let dx = x - other.x, dy = y - other.y, dz = z - other.z
        return dx * dx + dy * dy + dz * dz
    }

    /// Central angle to `other`, in radians, for two unit vectors. atan2 of |a × b| and a · b is
    /// accurate at every angle, where acos of the dot product loses half its digits near 0.
    func angle(to other: Vector3) -> Double { atan2(cross(other).length, dot(other)) }
}

extension Coordinate {
    /// The point on the unit sphere with this latitude and longitude (spherical coordinates).
    var vector: Vector3 {
        let (x, y, z) = unitVector
        return Vector3(x: x, y: y, z: z)
    }

    /// The latitude and longitude of a point on the unit sphere (any non-zero length works).
    init(_ vector: Vector3) {
        self.init(latitude: atan2(vector.z, (vector.x * vector.x + vector.y * vector.y).squareRoot()) / degreesToRadians,
                  longitude: atan2(vector.y, vector.x) / degreesToRadians)
    }
}
