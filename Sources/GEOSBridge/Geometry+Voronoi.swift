internal import CGEOS

extension Geometry {
    /// The Voronoi cells of this geometry's vertices, as a GeometryCollection of Polygons
    /// (`GEOSVoronoiDiagram_r`; returns NULL on exception).
    ///
    /// GEOS removes repeated vertices first, so there is one cell per distinct site, and returns the
    /// cells in no particular order (GEOS 3.11 cannot keep the input order): match cells back to
    /// sites by containment. The diagram covers the larger of `envelope`'s bounding box and an
    /// extent around the sites; `tolerance` is GEOS's snapping distance (0 for none).
    public func voronoiDiagram(envelope: Geometry? = nil, tolerance: Double = 0) throws(GEOSError) -> Geometry {
        precondition(envelope.map { $0.context === context } ?? true, "geometries of two GEOS contexts in one operation")
        context.lastError = nil
        guard let cells = GEOSVoronoiDiagram_r(context.handle, pointer, envelope?.pointer, tolerance, 0) else {
            throw .operation(function: "GEOSVoronoiDiagram_r", message: context.takeError())
        }
        return Geometry(owning: cells, in: context)
    }
}
