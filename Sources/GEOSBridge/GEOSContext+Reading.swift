internal import CGEOS

extension GEOSContext {
    /// Parses Well-Known Text (`GEOSWKTReader_read_r`; returns NULL on a parse error).
    public func geometry(wkt: String) throws(GEOSError) -> Geometry {
        // GEOSWKTReader_create_r returns NULL only when out of memory.
        guard let reader = GEOSWKTReader_create_r(handle) else {
            throw .operation(function: "GEOSWKTReader_create_r", message: takeError())
        }
        defer { GEOSWKTReader_destroy_r(handle, reader) }
        lastError = nil
        guard let pointer = GEOSWKTReader_read_r(handle, reader, wkt) else {
            throw .parse(format: "WKT", message: takeError())
        }
        return Geometry(owning: pointer, in: self)
    }

    /// Parses a GeoJSON geometry, Feature or FeatureCollection (`GEOSGeoJSONReader_readGeometry_r`;
    /// returns NULL on a parse error). A collection becomes a GeometryCollection.
    public func geometry(geoJSON: String) throws(GEOSError) -> Geometry {
        guard let reader = GEOSGeoJSONReader_create_r(handle) else {
            throw .operation(function: "GEOSGeoJSONReader_create_r", message: takeError())
        }
        defer { GEOSGeoJSONReader_destroy_r(handle, reader) }
        lastError = nil
        guard let pointer = GEOSGeoJSONReader_readGeometry_r(handle, reader, geoJSON) else {
            throw .parse(format: "GeoJSON", message: takeError())
        }
        return Geometry(owning: pointer, in: self)
    }

    /// A point geometry at planar `x`, `y` (longitude, latitude for geographic data).
    public func point(x: Double, y: Double) throws(GEOSError) -> Geometry {
        lastError = nil
        // GEOSGeom_createPointFromXY_r returns NULL on exception.
        guard let pointer = GEOSGeom_createPointFromXY_r(handle, x, y) else {
            throw .operation(function: "GEOSGeom_createPointFromXY_r", message: takeError())
        }
        return Geometry(owning: pointer, in: self)
    }
}
