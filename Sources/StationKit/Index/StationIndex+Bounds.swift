import Foundation

/// Lower bounds of the haversine of the central angle from a query point to parts of the grid.
///
/// Exact for the sphere, widened by a hair so floating-point rounding can never make a bound
/// exceed the true distance of a station inside (a too-high bound could skip the right answer).
struct QueryGeometry {
    let latitude: Double
    let longitude: Double
    let cosLatitude: Double
    let sinLatitude: Double

    /// Extra degrees each cell is widened by, to absorb rounding in cell assignment.
    static let slack = 1e-9

    /// The query's unit vector, for station keys (see ``StationIndex/sortedUnit``).
    let unit: (x: Double, y: Double, z: Double)

    init(_ point: Coordinate) {
        unit = point.unitVector
        latitude = point.latitude
        longitude = point.longitude
        cosLatitude = cos(point.latitude * degreesToRadians)
        sinLatitude = sin(point.latitude * degreesToRadians)
    }

    /// Bound for anything in the latitude band `south ... north` (a whole row).
    @inline(__always)
    func bandBound(south: Double, north: Double) -> Double {
        let gap = max(0, south - QueryGeometry.slack - latitude, latitude - north - QueryGeometry.slack)
        return haversine(gap * degreesToRadians)
    }

    /// Bound for a cell in the band `south ... north` whose nearest meridian is `deltaLongitude`
    /// degrees away (0 when the cell's longitudes contain the query's).
    ///
    /// Along a meridian at a fixed Δλ, cos(distance) = sinφq·sinφ + cosφq·cosφ·cosΔλ = R·cos(φ − θ)
    /// with θ = atan2(sinφq, cosφq·cosΔλ): a single peak at θ and a single trough opposite. So the
    /// nearest point of the band is θ when the band contains it, and otherwise one of its two ends.
    @inline(__always)
    func cellBound(south: Double, north: Double, deltaLongitude: Double) -> Double {
        let dLon = max(0, deltaLongitude - QueryGeometry.slack)
        if dLon == 0 { return bandBound(south: south, north: north) }
        let low = south - QueryGeometry.slack, high = north + QueryGeometry.slack
        let cosDLon = cos(dLon * degreesToRadians)
        let peak = atan2(sinLatitude, cosLatitude * cosDLon) / degreesToRadians
        let hDLon = haversine(dLon * degreesToRadians)
        if peak >= low && peak <= high { return bound(atLatitude: peak, hDLon: hDLon) }
        return min(bound(atLatitude: low, hDLon: hDLon), bound(atLatitude: high, hDLon: hDLon))
    }

    @inline(__always)
    private func bound(atLatitude other: Double, hDLon: Double) -> Double {
        haversine((other - latitude) * degreesToRadians) + cosLatitude * cos(other * degreesToRadians) * hDLon
    }
}
