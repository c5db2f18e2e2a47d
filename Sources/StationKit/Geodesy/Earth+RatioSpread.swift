import Foundation

extension Earth {
    /// The largest ratio between the (ellipsoid geodesic ÷ unit-sphere angle) of two points within
    /// `reach` radians of a point at `latitude` degrees: how much longer on the sphere one of two
    /// nearby distances may be and still be the shorter on the ellipsoid.
    ///
    /// Along any path, the ellipsoid's length element lies between M·dσ and N·dσ (dσ on the unit
    /// sphere of latitudes and longitudes; M and N the meridional and transverse radii of
    /// curvature, both growing with |latitude|). The geodesic and the great circle between points
    /// that close stay within `reach` × 1.02 of the point's latitude (the ellipsoid's length never
    /// exceeds 1.0102 × M(0) per unit angle), so both ratios lie between M at the band's lowest
    /// |latitude| and N at its highest. About 1.004 at 40°, against 1.013 for the whole Earth
    /// (``geodesicToSphereMax`` ÷ ``geodesicToSphereMin``), which it never exceeds.
    static func geodesicRatioSpread(latitude: Double, reach: Double) -> Double {
        let band = 1.02 * reach
        let φ = abs(latitude) * degreesToRadians
        let low = max(0, φ - band), high = min(Double.pi / 2, φ + band)
        let e2 = wgs84Flattening * (2 - wgs84Flattening)
        let sinLow = sin(low), sinHigh = sin(high)
        // N(high) / M(low) = (1 − e² sin² low)^{3/2} / ((1 − e²) (1 − e² sin² high)^{1/2}).
        let wLow = 1 - e2 * sinLow * sinLow, wHigh = 1 - e2 * sinHigh * sinHigh
        let spread = wLow * wLow.squareRoot() / ((1 - e2) * wHigh.squareRoot())
        return min(spread * (1 + 1e-9), geodesicToSphereMax / geodesicToSphereMin)
    }
}
