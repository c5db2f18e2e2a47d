import Foundation

/// Vincenty's inverse method started from Earth-centred points instead of latitudes and longitudes.
///
/// On the ellipsoid x = a cos β cos λ, y = a cos β sin λ, z = b sin β (β the reduced latitude), so
/// the points give sin β, cos β, and the sine and cosine of the longitude difference by dot and
/// cross products, where the classic form needs two tangents, two square roots and a remainder.
/// Each iteration moves λ from the longitude difference L by a small δ (|δ| ≤ f·π < 0.011), so
/// sin(L + δ) and cos(L + δ) come from those of L and a short series in δ (exact to the last bit
/// for such δ) instead of calling sin and cos. What is left per iteration is one square root,
/// one atan2 and two divisions: about half the cost, and the index needs no station record.
///
/// Nil where the iteration does not converge (nearly antipodal points), like the classic form.
func vincentyDistance(_ p: EarthCentred, _ q: EarthCentred) -> Double? {
    let a = Earth.wgs84SemiMajorAxis
    let f = Earth.wgs84Flattening
    let b = a * (1 - f)

    let rho1 = (p.x * p.x + p.y * p.y).squareRoot(), rho2 = (q.x * q.x + q.y * q.y).squareRoot()
    // Reduced latitudes, renormalised against rounding.
    let (sinU1, cosU1) = normalised(p.z / b, rho1 / a)
    let (sinU2, cosU2) = normalised(q.z / b, rho2 / a)
    // The longitude difference; at a pole any longitude will do.
    var sinL = 0.0, cosL = 1.0
    if rho1 > 0 && rho2 > 0 {
        sinL = (p.x * q.y - p.y * q.x) / (rho1 * rho2)
        cosL = (p.x * q.x + p.y * q.y) / (rho1 * rho2)
        (sinL, cosL) = normalised(sinL, cosL)
    }

    var sinLambda = sinL, cosLambda = cosL
    var delta = 0.0
    for _ in 0..<200 {
        let t1 = cosU2 * sinLambda
        let t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
        let sinSigma = (t1 * t1 + t2 * t2).squareRoot()
        if sinSigma == 0 { return 0 }  // coincident points
        let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
        let sigma = atan2(sinSigma, cosSigma)
        let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
        let cosSquaredAlpha = 1 - sinAlpha * sinAlpha
        // On the equator cos²α = 0 and the term vanishes.
        let cos2SigmaM = cosSquaredAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSquaredAlpha : 0
        let c = f / 16 * cosSquaredAlpha * (4 + f * (4 - 3 * cosSquaredAlpha))
        let next = (1 - c) * f * sinAlpha
            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
        if abs(next - delta) < 1e-12 {
            return vincentyLength(sigma: sigma, sinSigma: sinSigma, cosSigma: cosSigma, cos2SigmaM: cos2SigmaM,
                                  cosSquaredAlpha: cosSquaredAlpha)
        }
        // A converging iteration keeps δ within f·π; beyond it, the points are nearly antipodal.
        guard abs(next) < 0.011 else { return nil }
        delta = next
        let (sinDelta, cosDelta) = smallAngleSineCosine(delta)
        sinLambda = sinL * cosDelta + cosL * sinDelta
        cosLambda = cosL * cosDelta - sinL * sinDelta
    }
    return nil
}

/// (s, c) scaled to unit length.
@inline(__always)
private func normalised(_ s: Double, _ c: Double) -> (Double, Double) {
    let length = (s * s + c * c).squareRoot()
    return length > 0 ? (s / length, c / length) : (0, 1)
}

/// sin x and cos x for |x| < 0.011 by their Taylor series: the first omitted terms, x⁹/9! and
/// x¹⁰/10!, are below 10⁻²³.
@inline(__always)
private func smallAngleSineCosine(_ x: Double) -> (Double, Double) {
    let x2 = x * x
    let sine = x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72))))
    let cosine = 1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30 * (1 - x2 / 56)))
    return (sine, cosine)
}
