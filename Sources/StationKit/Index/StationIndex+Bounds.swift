import Foundation

/// Lower bounds of the haversine of the central angle from a query point to parts of the grid.
///
/// Exact for the sphere, widened by a hair so floating-point rounding can never make a bound
/// exceed the true distance of a station inside (a too-high bound could skip the right answer).
struct QueryGeometry {
    let latitude: Double
    let longitude: Double
    let cosLatitude: Double
    let tanLatitude: Double

    /// Extra degrees each cell is widened by, to absorb rounding in cell assignment.
    static let slack = 1e-9

    init(_ point: Coordinate) {
        latitude = point.latitude
        longitude = point.longitude
        cosLatitude = cos(point.latitude * degreesToRadians)
        tanLatitude = tan(point.latitude * degreesToRadians)
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
    /// Along a meridian at a fixed Δλ, cos(distance) = sinφq·sinφ + cosφq·cosφ·cosΔλ is unimodal
    /// in φ with its peak where tanφ = tanφq / cosΔλ (or at the pole on the query's side when
    /// cosΔλ ≤ 0), so the nearest point of the band is that latitude clamped into the band.
    @inline(__always)
    func cellBound(south: Double, north: Double, deltaLongitude: Double) -> Double {
        let dLon = max(0, deltaLongitude - QueryGeometry.slack)
        if dLon == 0 { return bandBound(south: south, north: north) }
        let cosDLon = cos(dLon * degreesToRadians)
        let peak = cosDLon > 0 ? atan(tanLatitude / cosDLon) / degreesToRadians : (latitude >= 0 ? 90.0 : -90.0)
        let nearest = min(max(peak, south - QueryGeometry.slack), north + QueryGeometry.slack)
        return haversine((nearest - latitude) * degreesToRadians)
            + cosLatitude * cos(nearest * degreesToRadians) * haversine(dLon * degreesToRadians)
    }

    /// The haversine of the central angle to a station.
    @inline(__always)
    func key(latitude other: Double, longitude otherLongitude: Double) -> Double {
        haversineOfCentralAngle(latitude1: latitude, cosLatitude1: cosLatitude, latitude2: other,
                                longitude1: longitude, longitude2: otherLongitude)
    }
}
