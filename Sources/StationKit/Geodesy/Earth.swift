import Foundation

/// Earth models used for ranking (sphere) and for reported distances (WGS84 ellipsoid).
public enum Earth {
    /// Mean radius of the sphere used for ranking, in metres (IUGG mean radius R₁ of WGS84).
    public static let meanRadius = 6_371_008.8
    /// WGS84 semi-major axis, metres.
    public static let wgs84SemiMajorAxis = 6_378_137.0
    /// WGS84 flattening.
    public static let wgs84Flattening = 1 / 298.257223563

    /// Bounds on (ellipsoidal geodesic) ÷ (great-circle distance on the mean sphere), over all pairs.
    ///
    /// The ratio lies between the meridional radius of curvature at the equator (6 335 439 m) and the
    /// polar radius of curvature (6 399 594 m) divided by R: 0.99442 … 1.00448. The margins
    /// below are wider so that rounding can never make the search stop early.
    static let geodesicToSphereMin = 0.993
    static let geodesicToSphereMax = 1.006
}

let degreesToRadians = Double.pi / 180

/// Haversine of an angle in radians: sin²(θ/2).
@inline(__always)
func haversine(_ theta: Double) -> Double {
    let s = sin(theta / 2)
    return s * s
}

/// The haversine of the central angle between two points, the ranking key of the index:
/// monotone in distance, and cheaper than the distance itself (no `asin`, no `sqrt`).
@inline(__always)
func haversineOfCentralAngle(latitude1: Double, cosLatitude1: Double, latitude2: Double, longitude1: Double, longitude2: Double) -> Double {
    let hLat = haversine((latitude2 - latitude1) * degreesToRadians)
    let hLon = haversine((longitude2 - longitude1) * degreesToRadians)
    return hLat + cosLatitude1 * cos(latitude2 * degreesToRadians) * hLon
}

/// Metres on the mean sphere for a haversine value.
@inline(__always)
func sphereDistance(fromHaversine h: Double) -> Double {
    2 * Earth.meanRadius * asin(min(1, sqrt(max(0, h))))
}

/// The haversine value for a distance in metres on the mean sphere (inverse of ``sphereDistance(fromHaversine:)``).
@inline(__always)
func haversine(ofSphereDistance metres: Double) -> Double {
    let angle = metres / Earth.meanRadius
    return angle >= Double.pi ? 1 : haversine(angle)
}

extension Coordinate {
    /// Great-circle distance to `other` on the mean sphere (R = 6 371 008.8 m), in metres.
    public func sphericalDistance(to other: Coordinate) -> Double {
        let h = haversineOfCentralAngle(
            latitude1: latitude, cosLatitude1: cos(latitude * degreesToRadians),
            latitude2: other.latitude, longitude1: longitude, longitude2: other.longitude)
        return sphereDistance(fromHaversine: h)
    }
}

extension Coordinate {
    /// The point on the unit sphere: (cos φ cos λ, cos φ sin λ, sin φ).
    var unitVector: (x: Double, y: Double, z: Double) {
        let latitude = self.latitude * degreesToRadians, longitude = self.longitude * degreesToRadians
        return (cos(latitude) * cos(longitude), cos(latitude) * sin(longitude), sin(latitude))
    }
}
