import Foundation

extension Coordinate {
    /// The geodesic distance to `other` on the WGS84 ellipsoid, in metres.
    ///
    /// Points whose chord is at most 200 km apart get the chord-and-curvature series of
    /// ``ShortGeodesic`` (within 8 µm of GeographicLib, no iteration); the index computes the
    /// same expression from the same Earth-centred points, so its distances equal this function's
    /// to the last bit. Longer lines get Vincenty's inverse method (Survey Review 1975), started
    /// from the same Earth-centred points, accurate to about 0.5 mm, far inside the 1 m this
    /// package promises (both checked against GeographicLib's vectors in the tests). For nearly
    /// antipodal pairs, where the iteration does not converge, it falls back to the spherical distance scaled by the ellipsoid's mean radius
    /// ratio: such pairs are more than 19 000 km apart and never decide a nearest-station answer.
    public func geodesicDistance(to other: Coordinate) -> Double {
        earthCentred.geodesicLength(to: other.earthCentred) ?? sphericalDistance(to: other)
    }
}

/// WGS84 half meridian ÷ half great circle of the mean sphere.
private let antipodalScale = 20_003_931.4586 / (Double.pi * Earth.meanRadius)

/// Vincenty's inverse on WGS84 in its classic form, from latitudes and longitudes; nil when the
/// longitude iteration does not converge. The tests' reference for the two forms in use.
func vincentyDistance(_ p: Coordinate, _ q: Coordinate) -> Double? {
    let f = Earth.wgs84Flattening

    var deltaLongitude = (q.longitude - p.longitude) * degreesToRadians
    // Bring Δλ into (−π, π] so the antimeridian needs no special case.
    deltaLongitude = remainder(deltaLongitude, 2 * Double.pi)
    if p.latitude == q.latitude && deltaLongitude == 0 { return 0 }

    // Reduced latitudes.
    let tanU1 = (1 - f) * tan(p.latitude * degreesToRadians)
    let tanU2 = (1 - f) * tan(q.latitude * degreesToRadians)
    let cosU1 = 1 / (1 + tanU1 * tanU1).squareRoot(), sinU1 = tanU1 * cosU1
    let cosU2 = 1 / (1 + tanU2 * tanU2).squareRoot(), sinU2 = tanU2 * cosU2

    var lambda = deltaLongitude
    var sinSigma = 0.0, cosSigma = 0.0, sigma = 0.0
    var cosSquaredAlpha = 0.0, cos2SigmaM = 0.0
    for _ in 0..<200 {
        let sinLambda = sin(lambda), cosLambda = cos(lambda)
        let t1 = cosU2 * sinLambda
        let t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
        sinSigma = (t1 * t1 + t2 * t2).squareRoot()
        if sinSigma == 0 { return 0 }  // coincident points
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
        sigma = atan2(sinSigma, cosSigma)
        let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
        cosSquaredAlpha = 1 - sinAlpha * sinAlpha
        // On the equator cos²α = 0 and the term vanishes.
        cos2SigmaM = cosSquaredAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSquaredAlpha : 0
        let c = f / 16 * cosSquaredAlpha * (4 + f * (4 - 3 * cosSquaredAlpha))
        let previous = lambda
        lambda = deltaLongitude + (1 - c) * f * sinAlpha
            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
        if abs(lambda - previous) < 1e-12 {
            return vincentyLength(sigma: sigma, sinSigma: sinSigma, cosSigma: cosSigma, cos2SigmaM: cos2SigmaM,
                                  cosSquaredAlpha: cosSquaredAlpha)
        }
        if abs(lambda) > Double.pi { return nil }
    }
    return nil
}

/// The last step of Vincenty's inverse, once the longitude on the auxiliary sphere has converged:
/// the geodesic's length from the arc σ and the azimuth at the equator (Vincenty's A, B and Δσ).
@inline(__always)
func vincentyLength(sigma: Double, sinSigma: Double, cosSigma: Double, cos2SigmaM: Double, cosSquaredAlpha: Double) -> Double {
    let a = Earth.wgs84SemiMajorAxis
    let b = a * (1 - Earth.wgs84Flattening)
    let uSquared = cosSquaredAlpha * (a * a - b * b) / (b * b)
    let bigA = 1 + uSquared / 16384 * (4096 + uSquared * (-768 + uSquared * (320 - 175 * uSquared)))
    let bigB = uSquared / 1024 * (256 + uSquared * (-128 + uSquared * (74 - 47 * uSquared)))
    let deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
        - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
    return b * bigA * (sigma - deltaSigma)
}
