internal import CGEOS

extension Geometry {
    /// The polygons of a Polygon, MultiPolygon or GeometryCollection as plain values, in GEOS's order;
    /// points, lines and empty polygons are skipped (an overlay of polygons can leave none of those
    /// behind, but a collection read from a file can hold anything).
    ///
    /// Walks the geometry with `GEOSGeomTypeId_r` and `GEOSGetNumGeometries_r` (-1 on exception),
    /// `GEOSGetGeometryN_r`, `GEOSGetExteriorRing_r`, `GEOSGetInteriorRingN_r` and
    /// `GEOSGeom_getCoordSeq_r` (NULL on exception; the results are borrowed, never freed), and
    /// copies each ring with `GEOSCoordSeq_copyToBuffer_r` (0 on exception).
    public func polygons() throws(GEOSError) -> [PlanarPolygon] {
        var found: [PlanarPolygon] = []
        try collectPolygons(pointer, into: &found)
        return found
    }

    private func collectPolygons(_ geometry: OpaquePointer, into found: inout [PlanarPolygon]) throws(GEOSError) {
        let handle = context.handle
        context.lastError = nil
        let type = GEOSGeomTypeId_r(handle, geometry)
        guard type >= 0 else { throw .operation(function: "GEOSGeomTypeId_r", message: context.takeError()) }
        switch UInt32(type) {
        case GEOS_POLYGON.rawValue:
            if let polygon = try polygon(geometry) { found.append(polygon) }
        case GEOS_MULTIPOLYGON.rawValue, GEOS_GEOMETRYCOLLECTION.rawValue:
            let count = GEOSGetNumGeometries_r(handle, geometry)
            guard count >= 0 else { throw .operation(function: "GEOSGetNumGeometries_r", message: context.takeError()) }
            for i in 0..<count {
                guard let part = GEOSGetGeometryN_r(handle, geometry, i) else {
                    throw .operation(function: "GEOSGetGeometryN_r", message: context.takeError())
                }
                try collectPolygons(part, into: &found)
            }
        default:
            break
        }
    }

    private func polygon(_ polygon: OpaquePointer) throws(GEOSError) -> PlanarPolygon? {
        let handle = context.handle
        guard let shell = GEOSGetExteriorRing_r(handle, polygon) else {
            throw .operation(function: "GEOSGetExteriorRing_r", message: context.takeError())
        }
        let exterior = try ring(shell)
        guard !exterior.isEmpty else { return nil }
        let holeCount = GEOSGetNumInteriorRings_r(handle, polygon)
        guard holeCount >= 0 else { throw .operation(function: "GEOSGetNumInteriorRings_r", message: context.takeError()) }
        var holes: [[PlanarPoint]] = []
        for i in 0..<holeCount {
            guard let hole = GEOSGetInteriorRingN_r(handle, polygon, i) else {
                throw .operation(function: "GEOSGetInteriorRingN_r", message: context.takeError())
            }
            holes.append(try ring(hole))
        }
        return PlanarPolygon(exterior: exterior, holes: holes)
    }

    private func ring(_ ring: OpaquePointer) throws(GEOSError) -> [PlanarPoint] {
        let handle = context.handle
        guard let sequence = GEOSGeom_getCoordSeq_r(handle, ring) else {
            throw .operation(function: "GEOSGeom_getCoordSeq_r", message: context.takeError())
        }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(handle, sequence, &size) != 0 else {
            throw .operation(function: "GEOSCoordSeq_getSize_r", message: context.takeError())
        }
        guard size > 0 else { return [] }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        guard GEOSCoordSeq_copyToBuffer_r(handle, sequence, &buffer, 0, 0) != 0 else {
            throw .operation(function: "GEOSCoordSeq_copyToBuffer_r", message: context.takeError())
        }
        return (0..<Int(size)).map { PlanarPoint(x: buffer[2 * $0], y: buffer[2 * $0 + 1]) }
    }
}
