import StationKit

/// What ``ServiceAreaAnalysis`` found: each matching station's service area in the region.
public struct ServiceAreaReport: Sendable {
    /// One station's cell.
    public struct Area: Hashable, Sendable {
        /// Position in the stations given of the station the cell belongs to: of stations at one
        /// position, the first in id order.
        public var station: Int
        /// The other stations at the same position (within 1 cm), in id order; they share the cell.
        public var sharedWith: [Int]
        /// Square metres on the WGS84 ellipsoid.
        public var area: Double
        /// The cell clipped to the region, in WGS84 (usually one polygon; more where the region's
        /// outline cuts the cell apart).
        public var polygons: [GeoPolygon]
    }

    /// One part of the region: its area and the matching stations in it.
    public struct Row: Hashable, Sendable {
        public var name: String
        /// Square metres on the WGS84 ellipsoid.
        public var area: Double
        public var stations: Int

        /// Square metres per station (0 without stations).
        public var areaPerStation: Double { stations > 0 ? area / Double(stations) : 0 }
    }

    public var regionName: String
    /// The equal-area projection the cells were built and measured in.
    public var projection: LambertAzimuthalEqualArea
    /// The cells, in the id order of their stations.
    public var areas: [Area]
    /// One row per part of the region.
    public var rows: [Row]
    /// The whole region (the union of the parts).
    public var total: Row
}
