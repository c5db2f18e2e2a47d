import GEOSBridge
import StationKit

/// What ``CoverageAnalysis`` found: per part of the region, how much of its area lies within the
/// radius of a matching station, and (when asked) the uncovered area as polygons.
public struct CoverageReport: Sendable {
    /// One part of the region (a province, a box, a feature of a file), or the whole.
    public struct Row: Hashable, Sendable {
        public var name: String
        /// Area of the part on the WGS84 ellipsoid, square metres.
        public var area: Double
        /// The part of it within the radius of a matching station, square metres.
        public var covered: Double
        /// Matching stations inside the part (on its boundary included).
        public var stations: Int

        /// `covered ÷ area`, 0…1 (0 for an empty part).
        public var share: Double { area > 0 ? min(1, covered / area) : 0 }
        /// `area − covered`, square metres.
        public var uncovered: Double { max(0, area - covered) }
    }

    /// What the region is called (a province, `box …`, a file path).
    public var regionName: String
    /// The radius, metres (geodesic, WGS84).
    public var radius: Double
    /// Vertices per circle.
    public var segments: Int
    /// The equal-area projection the areas were measured in.
    public var projection: LambertAzimuthalEqualArea
    /// One row per part of the region, in its order.
    public var rows: [Row]
    /// The whole region: the sums of the rows when the parts do not overlap, else measured on their union.
    public var total: Row
    /// Matching stations whose circle reaches the region (inside it, or within the radius of it).
    public var circles: Int
    /// Per row, the uncovered area as WGS84 polygons (GEOS-normalized, so runs are identical);
    /// nil unless asked for.
    public var gaps: [[GeoPolygon]]?
}
