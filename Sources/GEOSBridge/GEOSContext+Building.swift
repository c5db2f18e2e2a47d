internal import CGEOS

// Building geometries from plain values. GEOS takes ownership of what it is given — a coordinate
// sequence by its ring, rings by their polygon, parts by their collection — and frees it itself when
// the call fails (GEOS ticket #1111), so after a hand-over nothing here is freed twice.
extension GEOSContext {
    /// A polygon from closed rings (`GEOSCoordSeq_copyFromBuffer_r`, `GEOSGeom_createLinearRing_r`
    /// and `GEOSGeom_createPolygon_r`; each returns NULL on exception, e.g. for a ring that is not
    /// closed or has fewer than four points). The polygon is not checked for validity.
    public func polygon(_ polygon: PlanarPolygon) throws(GEOSError) -> Geometry {
        Geometry(owning: try makePolygon(polygon), in: self)
    }

    /// A MultiPolygon of `polygons` (`GEOSGeom_createCollection_r`; returns NULL on exception).
    /// GEOS does not check that the parts are disjoint; ``Geometry/isValid()`` does.
    public func multiPolygon(_ polygons: [PlanarPolygon]) throws(GEOSError) -> Geometry {
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(polygons.count)
        for polygon in polygons {
            do {
                parts.append(try makePolygon(polygon))
            } catch {
                for part in parts { GEOSGeom_destroy_r(handle, part) }
                throw error
            }
        }
        return try collection(of: parts, type: GEOS_MULTIPOLYGON, function: "GEOSGeom_createCollection_r")
    }

    /// A MultiPoint of `points` (`GEOSGeom_createPointFromXY_r` and `GEOSGeom_createCollection_r`;
    /// both return NULL on exception).
    public func multiPoint(_ points: [PlanarPoint]) throws(GEOSError) -> Geometry {
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(points.count)
        lastError = nil
        for point in points {
            guard let part = GEOSGeom_createPointFromXY_r(handle, point.x, point.y) else {
                for part in parts { GEOSGeom_destroy_r(handle, part) }
                throw .operation(function: "GEOSGeom_createPointFromXY_r", message: takeError())
            }
            parts.append(part)
        }
        return try collection(of: parts, type: GEOS_MULTIPOINT, function: "GEOSGeom_createCollection_r")
    }

    /// Hands `parts` to a new collection, which owns them from then on, also when it fails.
    private func collection(of parts: [OpaquePointer?], type: GEOSGeomTypes, function: String) throws(GEOSError) -> Geometry {
        var parts = parts
        lastError = nil
        let made = parts.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        guard let made else { throw .operation(function: function, message: takeError()) }
        return Geometry(owning: made, in: self)
    }

    /// An owned polygon handle; the caller must hand it over or destroy it.
    private func makePolygon(_ polygon: PlanarPolygon) throws(GEOSError) -> OpaquePointer {
        let shell = try makeRing(polygon.exterior)
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(polygon.holes.count)
        for hole in polygon.holes {
            do {
                holes.append(try makeRing(hole))
            } catch {
                GEOSGeom_destroy_r(handle, shell)
                for made in holes { GEOSGeom_destroy_r(handle, made) }
                throw error
            }
        }
        lastError = nil
        let made = holes.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress, UInt32(buffer.count))
        }
        guard let made else { throw .operation(function: "GEOSGeom_createPolygon_r", message: takeError()) }
        return made
    }

    /// An owned linear ring handle.
    private func makeRing(_ points: [PlanarPoint]) throws(GEOSError) -> OpaquePointer {
        // x, y pairs for one bulk copy (GEOS 3.10+), rather than a call per coordinate.
        var buffer = [Double](repeating: 0, count: points.count * 2)
        for (i, point) in points.enumerated() {
            buffer[2 * i] = point.x
            buffer[2 * i + 1] = point.y
        }
        lastError = nil
        guard let sequence = GEOSCoordSeq_copyFromBuffer_r(handle, buffer, UInt32(points.count), 0, 0) else {
            throw .operation(function: "GEOSCoordSeq_copyFromBuffer_r", message: takeError())
        }
        guard let ring = GEOSGeom_createLinearRing_r(handle, sequence) else {
            throw .operation(function: "GEOSGeom_createLinearRing_r", message: takeError())
        }
        return ring
    }
}
