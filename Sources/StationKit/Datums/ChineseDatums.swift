import Foundation

// The published GCJ-02 and BD-09 transforms, applied unconditionally: callers decide whether a
// point is in China (``ChinaRegion``). Angles in degrees; `Coordinate` carries the values whatever
// their datum.

/// GCJ-02 ("Mars coordinates", Amap/Tencent): WGS84 plus an offset of 300–700 m given by two
/// polynomials in (lon − 105°, lat − 35°), scaled to degrees on the Krasovsky 1940 ellipsoid.
enum GCJ02 {
    /// Krasovsky 1940 semi-major axis, metres.
    static let semiMajorAxis = 6_378_245.0
    /// Krasovsky 1940 first eccentricity squared.
    static let eccentricitySquared = 0.00669342162296594323

    /// WGS84 → GCJ-02.
    @inline(__always)
    static func forward(_ wgs: Coordinate) -> Coordinate {
        let (dLat, dLon) = offset(latitude: wgs.latitude, longitude: wgs.longitude)
        return Coordinate(latitude: wgs.latitude + dLat, longitude: wgs.longitude + dLon)
    }

    /// GCJ-02 → WGS84: the WGS84 point whose ``forward(_:)`` is within ``inverseTolerance`` of `gcj`.
    static func inverse(_ gcj: Coordinate) -> Coordinate {
        // Start from the offset at the GCJ point itself (off by ~1 mm), then correct.
        let (dLat, dLon) = offset(latitude: gcj.latitude, longitude: gcj.longitude)
        let start = Coordinate(latitude: gcj.latitude - dLat, longitude: gcj.longitude - dLon)
        return invertIteratively(gcj, from: start, forward: forward)
    }

    /// The offset GCJ-02 − WGS84 at a WGS84 point, in degrees of latitude and longitude.
    @inline(__always)
    static func offset(latitude: Double, longitude: Double) -> (latitude: Double, longitude: Double) {
        let x = longitude - 105, y = latitude - 35
        let pi = Double.pi
        // Terms in x shared by both polynomials.
        let waveX = (20 * sin(6 * pi * x) + 20 * sin(2 * pi * x)) * 2 / 3
        let rootX = abs(x).squareRoot()
        var north = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * rootX
        north += waveX
        north += (20 * sin(pi * y) + 40 * sin(pi * y / 3)) * 2 / 3
        north += (160 * sin(pi * y / 12) + 320 * sin(pi * y / 30)) * 2 / 3
        var east = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * rootX
        east += waveX
        east += (20 * sin(pi * x) + 40 * sin(pi * x / 3)) * 2 / 3
        east += (150 * sin(pi * x / 12) + 300 * sin(pi * x / 30)) * 2 / 3

        // The polynomials give metres-ish values; turn them into degrees with the Krasovsky
        // meridional (M) and prime-vertical (N) radii of curvature at the latitude.
        let phi = latitude * pi / 180
        let sinPhi = sin(phi)
        let w2 = 1 - eccentricitySquared * sinPhi * sinPhi
        let w = w2.squareRoot()
        let meridionalRadius = semiMajorAxis * (1 - eccentricitySquared) / (w2 * w)
        let primeVerticalRadius = semiMajorAxis / w
        let dLat = north * 180 / (meridionalRadius * pi)
        let dLon = east * 180 / (primeVerticalRadius * cos(phi) * pi)
        return (dLat, dLon)
    }
}

/// BD-09 (Baidu): GCJ-02 rotated and scaled slightly about the origin (wobbles of 0.00002 in
/// radius and 0.000003 rad in angle) and then offset by (0.006°, 0.0065°), ~1 km in all.
enum BD09 {
    /// Baidu's `x_pi`: π · 3000 / 180.
    static let xPi = Double.pi * 3000 / 180

    /// GCJ-02 → BD-09.
    @inline(__always)
    static func fromGCJ02(_ gcj: Coordinate) -> Coordinate {
        let x = gcj.longitude, y = gcj.latitude
        let radius = (x * x + y * y).squareRoot() + 0.00002 * sin(y * xPi)
        let angle = atan2(y, x) + 0.000003 * cos(x * xPi)
        return Coordinate(latitude: radius * sin(angle) + 0.006, longitude: radius * cos(angle) + 0.0065)
    }

    /// BD-09 → GCJ-02: the GCJ-02 point whose ``fromGCJ02(_:)`` is within ``inverseTolerance`` of `bd`.
    static func toGCJ02(_ bd: Coordinate) -> Coordinate {
        // Baidu's published approximate inverse (off by up to ~1 m) as the starting point.
        let x = bd.longitude - 0.0065, y = bd.latitude - 0.006
        let radius = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let angle = atan2(y, x) - 0.000003 * cos(x * xPi)
        let start = Coordinate(latitude: radius * sin(angle), longitude: radius * cos(angle))
        return invertIteratively(bd, from: start, forward: fromGCJ02)
    }
}

/// Inverses stop when the forward transform of the answer is this close to the input, in degrees
/// (1e-10° ≈ 11 µm).
let inverseTolerance = 1e-10
/// Iteration cap for the inverses; they converge in 2–5 steps.
let inverseIterationLimit = 30

/// Solves `forward(p) = target` by fixed-point correction p ← p − (forward(p) − target). Both
/// transforms are the identity plus an offset that changes by less than 1% of any change in
/// the point, so each step shrinks the error at least a hundredfold. (Within ~1e-8° of lon 105°
/// the GCJ-02 √|x| terms are steeper and steps shrink the error less, but they still bring it to
/// ~1e-12°, below the tolerance.)
@inline(__always)
func invertIteratively(_ target: Coordinate, from start: Coordinate,
                       forward: (Coordinate) -> Coordinate) -> Coordinate {
    var guess = start
    for _ in 0..<inverseIterationLimit {
        let image = forward(guess)
        let dLat = image.latitude - target.latitude, dLon = image.longitude - target.longitude
        if abs(dLat) <= inverseTolerance, abs(dLon) <= inverseTolerance { break }
        guess.latitude -= dLat
        guess.longitude -= dLon
    }
    return guess
}
