import Foundation

/// A point on the WGS84 ellipsoid in Earth-centred, Earth-fixed coordinates (metres).
///
/// The index keeps every station in this form: the straight chord between two such points is a
/// few multiplications, never longer than the geodesic, and turns into the geodesic itself for
/// lines up to ``ShortGeodesic/maxChord`` with no trigonometry (see ``ShortGeodesic``).
struct EarthCentred: Hashable, Sendable {
    var x: Double, y: Double, z: Double

    @inline(__always)
    func chordSquared(to other: EarthCentred) -> Double {
        let dx = x - other.x, dy = y - other.y, dz = z - other.z
        return dx * dx + dy * dy + dz * dz
    }

    /// The geodesic to `other`: the chord series up to ``ShortGeodesic/maxChord``, Vincenty
    /// beyond; nil where Vincenty does not converge (nearly antipodal). The one definition that
    /// `geodesicDistance` and the index share, so that they agree to the last bit.
    func geodesicLength(to other: EarthCentred) -> Double? {
        let chordSquared = self.chordSquared(to: other)
        if chordSquared <= ShortGeodesic.maxChordSquared {
            return ShortGeodesic.length(self, other, chordSquared: chordSquared)
        }
        return vincentyDistance(self, other)
    }

    /// The direction of the point as seen from the centre of a sphere with the same latitude and
    /// longitude: (x, y, z / (1 − e²)) normalised, since the ellipsoid's normal at geodetic
    /// latitude φ points along (cos φ cos λ, cos φ sin λ, sin φ) and z = N (1 − e²) sin φ.
    var unitVector: Vector3 {
        Vector3(x: x, y: y, z: z / (1 - ShortGeodesic.eccentricitySquared)).normalized
    }
}

extension Coordinate {
    /// This point on the WGS84 ellipsoid (height 0) in Earth-centred coordinates.
    var earthCentred: EarthCentred { earthCentredAndCosLatitude.point }

    /// The point and cos φ, which a search needs too: one cosine fewer per query.
    var earthCentredAndCosLatitude: (point: EarthCentred, cosLatitude: Double) {
        let φ = latitude * degreesToRadians, λ = longitude * degreesToRadians
        let sinφ = sin(φ), cosφ = cos(φ)
        let e2 = ShortGeodesic.eccentricitySquared
        let n = Earth.wgs84SemiMajorAxis / (1 - e2 * sinφ * sinφ).squareRoot()
        return (EarthCentred(x: n * cosφ * cos(λ), y: n * cosφ * sin(λ), z: n * (1 - e2) * sinφ), cosφ)
    }
}

/// The geodesic between two nearby points from their chord, without iteration or trigonometry.
///
/// A curve of curvature κ spans a chord c = s − κ²s³/24 + … over an arc of length s, taken about
/// its midpoint (the terms in κ′ first appear in c², at order s⁶). A geodesic is a curve
/// whose curvature in space is the normal curvature of the ellipsoid in its direction, by Euler
/// 1/R = cos²α / M + sin²α / N. Inverting the circle's series with that R at the chord's midpoint
/// gives s = c + c³/(24R²) + 3c⁵/(640R⁴); what it leaves out grows like f·s⁵/R⁴.
///
/// Measured against GeographicLib (Karney's algorithm, `geographiclib` 2.0 for Python) on
/// random lines at every latitude and azimuth: largest error 3.5 nm up to 10 km, 7.3 nm up to
/// 50 km, 0.24 µm up to 100 km and 7.7 µm up to 200 km; 0.8 mm at 500 km, so longer lines are
/// left to Vincenty. A test repeats the comparison against Vincenty in the package.
enum ShortGeodesic {
    static let eccentricitySquared = Earth.wgs84Flattening * (2 - Earth.wgs84Flattening)

    /// Longest chord the series is used for, in metres.
    static let maxChord = 200_000.0
    static let maxChordSquared = maxChord * maxChord

    /// The geodesic length between `p` and `q`, given their squared chord (at most ``maxChordSquared``).
    /// Symmetric in `p` and `q`, so a distance does not depend on which end asks.
    @inline(__always)
    static func length(_ p: EarthCentred, _ q: EarthCentred, chordSquared c2: Double) -> Double {
        guard c2 > 0 else { return 0 }
        let e2 = eccentricitySquared, a = Earth.wgs84SemiMajorAxis
        let dx = p.x - q.x, dy = p.y - q.y
        // The chord's midpoint: under the surface by c²/8R at most, which moves its latitude far
        // too little to matter here.
        let mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2, mz = (p.z + q.z) / 2
        let rho2 = mx * mx + my * my
        let oneMinusE2 = 1 - e2
        // sin²φ of the geodetic latitude there: tan φ = z / ((1 − e²) ρ).
        let sin2 = mz * mz / (mz * mz + oneMinusE2 * oneMinusE2 * rho2)
        let w2 = 1 - e2 * sin2, w = w2.squareRoot()
        let inverseN = w / a, inverseM = w2 * w / (a * oneMinusE2)
        // Squared east component of the chord (the chord is horizontal at its midpoint to first
        // order); at a pole M = N and the direction does not matter.
        let east = dx * my - dy * mx
        let east2 = rho2 > 1 ? min(east * east / rho2, c2) : 0
        let curvature = ((c2 - east2) * inverseM + east2 * inverseN) / c2
        let k2c2 = curvature * curvature * c2
        return c2.squareRoot() * (1 + k2c2 / 24 + 3 * k2c2 * k2c2 / 640)
    }
}

/// How long a geodesic can be, given its chord: what lets a search rank candidates by chord alone
/// and measure geodesics only for the few that can still be answers.
enum ChordBound {
    /// The smallest radius of curvature of the ellipsoid: the meridian's at the equator, a(1 − e²).
    static let leastRadius = Earth.wgs84SemiMajorAxis * (1 - ShortGeodesic.eccentricitySquared)
    /// More than any geodesic on WGS84 (half a meridian is 20,003,931 m).
    static let longestGeodesic = 20_100_000.0

    /// A length no geodesic with chord `chord` (metres) exceeds.
    ///
    /// A geodesic's curvature in space is the ellipsoid's normal curvature along it, at most
    /// 1 / ``leastRadius``. By Schur's comparison theorem a curve whose curvature never exceeds
    /// that of a circular arc of the same length (at most a half circle) spans a chord at least
    /// as long as the arc's: c ≥ 2R sin(s / 2R), so s ≤ 2R asin(c / 2R). Beyond c = 0.2R the
    /// bound falls back to the longest geodesic there is, which no long line can exceed either.
    /// Widened by 10⁻⁸ and a millimetre so that neither rounding nor the series' and Vincenty's
    /// own micrometre errors can put a computed distance above it.
    @inline(__always)
    static func longestGeodesic(chord: Double) -> Double {
        let x = chord / (2 * leastRadius)
        guard x <= 0.1 else { return longestGeodesic }
        // asin x ≤ x + x³/6 + 0.076 x⁵ for 0 ≤ x ≤ 0.1 (the tail's coefficients are 3/40, 5/112, …
        // and sum to under 0.0755 there).
        let x2 = x * x
        let arc = 2 * leastRadius * x * (1 + x2 / 6 + 0.076 * x2 * x2)
        return arc * (1 + 1e-8) + 1e-3
    }
}
