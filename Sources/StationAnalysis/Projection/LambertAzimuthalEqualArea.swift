import Foundation
import GEOSBridge
import StationKit

/// The Lambert azimuthal equal-area projection of the WGS84 ellipsoid (oblique aspect), in metres.
///
/// Equal-area on the ellipsoid itself, not on a sphere: every area measured in the plane (GEOS's
/// `GEOSArea_r`) is the area on the WGS84 ellipsoid, whatever the centre; only shapes are distorted,
/// by a few tenths of a per cent at 1,000 km from the centre, which is why coverage centres it on
/// the region. Formulas from Snyder, *Map Projections — A Working Manual* (USGS PP 1395, 1987),
/// pp. 187–190: the authalic latitude β carries the area, a scale `D` keeps the centre true to
/// scale in every direction.
public struct LambertAzimuthalEqualArea: Sendable, Hashable {
    /// The point that projects to (0, 0), where the projection is true to scale.
    public let center: Coordinate

    private static let a = Earth.wgs84SemiMajorAxis
    private static let e2 = Earth.wgs84Flattening * (2 - Earth.wgs84Flattening)
    private static let e = e2.squareRoot()
    /// q at the pole.
    private static let qp = q(sinLatitude: 1)
    /// Radius of the sphere with the ellipsoid's area (the authalic radius, 6,371,007.2 m).
    static let authalicRadius = a * (qp / 2).squareRoot()

    private let sinBeta1: Double, cosBeta1: Double
    private let d: Double
    private let lambda0: Double

    /// A projection centred on `center`. A centre within 1° of a pole is moved to 1° from it (the
    /// oblique formulas divide by cos β₁); the projection stays equal-area, only shapes change.
    public init(center: Coordinate) {
        let latitude = min(max(center.latitude, -89), 89)
        self.center = Coordinate(latitude: latitude, longitude: center.longitude)
        let phi1 = latitude * Double.pi / 180
        let sinPhi1 = sin(phi1)
        let beta1 = asin(Self.q(sinLatitude: sinPhi1) / Self.qp)
        sinBeta1 = sin(beta1)
        cosBeta1 = cos(beta1)
        let m1 = cos(phi1) / (1 - Self.e2 * sinPhi1 * sinPhi1).squareRoot()
        d = Self.a * m1 / (Self.authalicRadius * cosBeta1)
        lambda0 = center.longitude * Double.pi / 180
    }

    /// A projection centred on the middle of `box` (no antimeridian wrap).
    public init(centeredOn box: BoundingBox) {
        self.init(center: Coordinate(latitude: (box.south + box.north) / 2, longitude: (box.west + box.east) / 2))
    }

    /// Snyder's q (eq. 3-12): 2 × (area from the equator to the latitude) ÷ (a² × one radian of longitude).
    static func q(sinLatitude s: Double) -> Double {
        (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
    }

    /// The position in the plane: x east, y north, metres (eqs. 24-2, 24-3, 24-16 to 24-19).
    /// Undefined only at the antipode of the centre.
    public func project(_ coordinate: Coordinate) -> PlanarPoint {
        let beta = asin(max(-1, min(1, Self.q(sinLatitude: sin(coordinate.latitude * Double.pi / 180)) / Self.qp)))
        let sinBeta = sin(beta), cosBeta = cos(beta)
        let deltaLambda = coordinate.longitude * Double.pi / 180 - lambda0
        let cosDelta = cos(deltaLambda)
        let b = Self.authalicRadius * (2 / (1 + sinBeta1 * sinBeta + cosBeta1 * cosBeta * cosDelta)).squareRoot()
        return PlanarPoint(
            x: b * d * cosBeta * sin(deltaLambda),
            y: b / d * (cosBeta1 * sinBeta - sinBeta1 * cosBeta * cosDelta))
    }

    /// The coordinate that projects to `point` (eqs. 24-28 to 24-31, and q → φ by Snyder's
    /// iteration 3-16 to convergence), longitude wrapped into −180…180.
    public func unproject(_ point: PlanarPoint) -> Coordinate {
        let rho = ((point.x / d) * (point.x / d) + (d * point.y) * (d * point.y)).squareRoot()
        guard rho > 0 else { return center }
        let ce = 2 * asin(min(1, rho / (2 * Self.authalicRadius)))
        let sinCe = sin(ce), cosCe = cos(ce)
        let q = Self.qp * (cosCe * sinBeta1 + d * point.y * sinCe * cosBeta1 / rho)
        let lambda = lambda0 + atan2(point.x * sinCe, d * rho * cosBeta1 * cosCe - d * d * point.y * sinBeta1 * sinCe)
        let longitude = remainder(lambda, 2 * Double.pi) * 180 / Double.pi
        return Coordinate(latitude: Self.latitude(q: q) * 180 / Double.pi, longitude: longitude)
    }

    /// φ (radians) from q, by Newton's method on eq. 3-16, from the authalic latitude as first guess.
    static func latitude(q: Double) -> Double {
        guard abs(q) < qp * (1 - 1e-15) else { return q > 0 ? Double.pi / 2 : -Double.pi / 2 }
        var phi = asin(q / qp)
        for _ in 0..<20 {
            let s = sin(phi), c = cos(phi)
            let w = 1 - e2 * s * s
            let step = w * w / (2 * c) * (q / (1 - e2) - s / w + 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
            phi += step
            if abs(step) < 1e-15 { break }
        }
        return phi
    }
}
