internal import CGEOS
import Foundation

/// A GEOS geometry owned by Swift: destroyed (`GEOSGeom_destroy_r`) when the last reference goes.
///
/// Tied to the ``GEOSContext`` that made it, which it keeps alive.
public final class Geometry {
    let context: GEOSContext
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer, in context: GEOSContext) {
        self.context = context
        self.pointer = pointer
        LiveGeometries.adjust(by: 1)
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, pointer)
        LiveGeometries.adjust(by: -1)
    }

    /// Whether the geometry is valid in the OGC sense (`GEOSisValid_r`; returns 2 on exception).
    public func isValid() throws(GEOSError) -> Bool {
        context.lastError = nil
        let result = GEOSisValid_r(context.handle, pointer)
        if result == 2 { throw .operation(function: "GEOSisValid_r", message: context.takeError()) }
        return result == 1
    }

    /// GEOS's explanation of why the geometry is invalid, or "Valid Geometry"
    /// (`GEOSisValidReason_r`; returns NULL on exception; the string is freed with `GEOSFree_r`).
    public func validityReason() throws(GEOSError) -> String {
        context.lastError = nil
        guard let reason = GEOSisValidReason_r(context.handle, pointer) else {
            throw .operation(function: "GEOSisValidReason_r", message: context.takeError())
        }
        defer { GEOSFree_r(context.handle, reason) }
        return String(cString: reason)
    }

    /// Planar area in squared input units (`GEOSArea_r`; returns 0 on exception).
    public func area() throws(GEOSError) -> Double {
        context.lastError = nil
        var area = 0.0
        guard GEOSArea_r(context.handle, pointer, &area) != 0 else {
            throw .operation(function: "GEOSArea_r", message: context.takeError())
        }
        return area
    }

    /// The geometry type name, e.g. "Polygon" (`GEOSGeomType_r`; returns NULL on exception).
    public func typeName() throws(GEOSError) -> String {
        context.lastError = nil
        guard let name = GEOSGeomType_r(context.handle, pointer) else {
            throw .operation(function: "GEOSGeomType_r", message: context.takeError())
        }
        defer { GEOSFree_r(context.handle, name) }
        return String(cString: name)
    }

    /// A prepared form of this geometry for fast repeated point-in-polygon tests.
    public func prepared() throws(GEOSError) -> PreparedGeometry {
        try PreparedGeometry(preparing: self)
    }
}

/// Counts geometries alive, so tests can prove that ownership frees every one of them.
public enum LiveGeometries {
    nonisolated(unsafe) private static var live = 0
    private static let lock = NSLock()

    /// Geometries created and not yet destroyed, across all contexts.
    public static var count: Int { lock.withLock { live } }

    static func adjust(by delta: Int) { lock.withLock { live += delta } }
}
