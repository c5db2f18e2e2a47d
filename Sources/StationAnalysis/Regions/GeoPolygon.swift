import GEOSBridge
import StationKit

/// A polygon on the Earth: closed rings of WGS84 coordinates whose edges are straight lines in
/// longitude and latitude, as GeoJSON (RFC 7946) and the boundary files draw them.
public struct GeoPolygon: Hashable, Sendable {
    /// The outer ring; the last coordinate repeats the first.
    public var exterior: [Coordinate]
    /// The holes, each closed the same way.
    public var holes: [[Coordinate]]

    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Every ring, the exterior first.
    public var rings: [[Coordinate]] { [exterior] + holes }

    /// A polygon GEOS read from longitude/latitude text (x = longitude, y = latitude).
    init(lonLat polygon: PlanarPolygon) {
        func ring(_ points: [PlanarPoint]) -> [Coordinate] { points.map { Coordinate(latitude: $0.y, longitude: $0.x) } }
        self.init(exterior: ring(polygon.exterior), holes: polygon.holes.map(ring))
    }

    /// The same polygon with `transform` applied to every coordinate (a datum shift, say).
    public func map(_ transform: (Coordinate) -> Coordinate) -> GeoPolygon {
        GeoPolygon(exterior: exterior.map(transform), holes: holes.map { $0.map(transform) })
    }
}
