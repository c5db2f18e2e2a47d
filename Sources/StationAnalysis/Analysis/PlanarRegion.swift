import GEOSBridge
import StationKit

/// An axis-aligned box in the plane, for cheap "can these meet?" tests before GEOS is asked.
struct PlanarBox: Hashable, Sendable {
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        (self.minX, self.minY, self.maxX, self.maxY) = (minX, minY, maxX, maxY)
    }

    /// The box around every vertex; nil for none.
    init?<S: Sequence>(around points: S) where S.Element == PlanarPoint {
        var box: PlanarBox?
        for p in points {
            if var b = box {
                b.minX = min(b.minX, p.x); b.maxX = max(b.maxX, p.x)
                b.minY = min(b.minY, p.y); b.maxY = max(b.maxY, p.y)
                box = b
            } else {
                box = PlanarBox(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)
            }
        }
        guard let box else { return nil }
        self = box
    }

    func intersects(_ other: PlanarBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    func contains(_ p: PlanarPoint) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }

    /// The box as a closed counterclockwise ring.
    var polygon: PlanarPolygon {
        PlanarPolygon(exterior: [
            PlanarPoint(x: minX, y: minY), PlanarPoint(x: maxX, y: minY), PlanarPoint(x: maxX, y: maxY),
            PlanarPoint(x: minX, y: maxY), PlanarPoint(x: minX, y: minY),
        ])
    }
}

/// An ``AnalysisRegion`` in the plane of a projection centred on it: each part's polygons (edges
/// densified to 1 km before projecting), area and box, and the union of all parts.
///
/// Plain values, built once; each thread rebuilds the GEOS geometries in its own context with
/// ``geometries(in:)``.
struct PlanarRegion: Sendable {
    struct Part: Sendable {
        var name: String
        var polygons: [PlanarPolygon]
        /// Square metres on the ellipsoid (the projection is equal-area).
        var area: Double
        var box: PlanarBox
    }

    let projection: LambertAzimuthalEqualArea
    let parts: [Part]
    /// The union of the parts.
    let whole: Part
    /// Whether the parts overlap nowhere (their areas add up to the whole's to 10⁻⁶), so that a
    /// total is the sum of the rows; the provinces of the boundary file are an exact coverage.
    let partsAreDisjoint: Bool

    /// Projects `region` on a Lambert azimuthal equal-area projection centred on its bounding box.
    init(_ region: AnalysisRegion, context: GEOSContext) throws(GEOSError) {
        // Every part has a polygon (AnalysisRegion's invariant), so there is a box.
        let projection = LambertAzimuthalEqualArea(centeredOn: region.boundingBox!)
        self.projection = projection
        var parts: [Part] = []
        for part in region.parts {
            let polygons = part.polygons.map { $0.projected(projection) }
            parts.append(Part(name: part.name, polygons: polygons, area: try context.multiPolygon(polygons).area(),
                              box: PlanarBox(around: polygons.lazy.flatMap(\.exterior))!))
        }
        self.parts = parts
        if parts.count == 1 {
            whole = Part(name: region.name, polygons: parts[0].polygons, area: parts[0].area, box: parts[0].box)
            partsAreDisjoint = true
        } else {
            // GEOS's unary union takes the parts as polygons, overlapping or not.
            let union = try context.multiPolygon(parts.flatMap(\.polygons)).unaryUnion()
            let polygons = try union.polygons()
            let area = try union.area()
            whole = Part(name: region.name, polygons: polygons, area: area,
                         box: PlanarBox(around: polygons.lazy.flatMap(\.exterior)) ?? parts[0].box)
            partsAreDisjoint = abs(parts.map(\.area).reduce(0, +) - area) <= 1e-6 * area
        }
    }

    /// One thread's GEOS geometries of the region, prepared for repeated tests.
    struct Geometries {
        let parts: [PreparedGeometry]
        let whole: PreparedGeometry
    }

    func geometries(in context: GEOSContext) throws(GEOSError) -> Geometries {
        var prepared: [PreparedGeometry] = []
        for part in parts { prepared.append(try context.multiPolygon(part.polygons).prepared()) }
        let whole = parts.count == 1 ? prepared[0] : try context.multiPolygon(self.whole.polygons).prepared()
        return Geometries(parts: prepared, whole: whole)
    }
}
