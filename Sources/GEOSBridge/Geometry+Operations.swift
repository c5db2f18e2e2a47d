internal import CGEOS

extension Geometry {
    /// The union of all parts, e.g. a FeatureCollection's polygons as one (Multi)Polygon
    /// (`GEOSUnaryUnion_r`; returns NULL on exception).
    public func unaryUnion() throws(GEOSError) -> Geometry {
        context.lastError = nil
        guard let result = GEOSUnaryUnion_r(context.handle, pointer) else {
            throw .operation(function: "GEOSUnaryUnion_r", message: context.takeError())
        }
        return Geometry(owning: result, in: context)
    }

    /// The bounding box as (minX, minY, maxX, maxY) (`GEOSGeom_getExtent_r`; returns 0 on exception,
    /// e.g. for an empty geometry).
    public func extent() throws(GEOSError) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        context.lastError = nil
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        guard GEOSGeom_getExtent_r(context.handle, pointer, &minX, &minY, &maxX, &maxY) != 0 else {
            throw .operation(function: "GEOSGeom_getExtent_r", message: context.takeError())
        }
        return (minX, minY, maxX, maxY)
    }

    /// Whether the geometry has no points (`GEOSisEmpty_r`; returns 2 on exception).
    public func isEmpty() throws(GEOSError) -> Bool {
        context.lastError = nil
        let result = GEOSisEmpty_r(context.handle, pointer)
        if result == 2 { throw .operation(function: "GEOSisEmpty_r", message: context.takeError()) }
        return result == 1
    }
}
