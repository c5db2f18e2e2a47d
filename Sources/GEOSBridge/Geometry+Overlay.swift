internal import CGEOS

extension Geometry {
    /// The part of this geometry inside `other` (`GEOSIntersection_r`; returns NULL on exception).
    public func intersection(_ other: Geometry) throws(GEOSError) -> Geometry {
        try overlay(other, "GEOSIntersection_r") { GEOSIntersection_r($0, $1, $2) }
    }

    /// The part of this geometry outside `other` (`GEOSDifference_r`; returns NULL on exception).
    public func difference(_ other: Geometry) throws(GEOSError) -> Geometry {
        try overlay(other, "GEOSDifference_r") { GEOSDifference_r($0, $1, $2) }
    }

    /// Everything in this geometry or in `other` (`GEOSUnion_r`; returns NULL on exception).
    public func union(_ other: Geometry) throws(GEOSError) -> Geometry {
        try overlay(other, "GEOSUnion_r") { GEOSUnion_r($0, $1, $2) }
    }

    /// A copy in GEOS's canonical form: parts, rings and start points in a fixed order, so equal
    /// shapes print equally (`GEOSGeom_clone_r`, NULL on exception, then `GEOSNormalize_r`, which
    /// returns -1 on exception). GEOS orients shells clockwise and holes counterclockwise.
    public func normalized() throws(GEOSError) -> Geometry {
        context.lastError = nil
        guard let copy = GEOSGeom_clone_r(context.handle, pointer) else {
            throw .operation(function: "GEOSGeom_clone_r", message: context.takeError())
        }
        let result = Geometry(owning: copy, in: context)
        guard GEOSNormalize_r(context.handle, copy) != -1 else {
            throw .operation(function: "GEOSNormalize_r", message: context.takeError())
        }
        return result
    }

    private func overlay(_ other: Geometry, _ function: String,
                         _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws(GEOSError) -> Geometry {
        precondition(other.context === context, "geometries of two GEOS contexts in one operation")
        context.lastError = nil
        guard let result = call(context.handle, pointer, other.pointer) else {
            throw .operation(function: function, message: context.takeError())
        }
        return Geometry(owning: result, in: context)
    }
}
