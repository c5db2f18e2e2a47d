internal import CGEOS

/// GEOS's STRtree over points, queried for the nearest point with `GEOSSTRtree_nearest_generic_r`:
/// the peer our grid index is benchmarked against.
///
/// GEOS measures in the plane of its coordinates; with longitude and latitude in degrees that is
/// not the distance on the Earth, which is why the benchmark reports how often its answer differs
/// from the true nearest station.
public final class PointTree {
    private let context: GEOSContext
    private let tree: OpaquePointer
    /// The inserted points, which the tree references but does not own.
    private var points: [OpaquePointer] = []
    /// `x, y` pairs, read by the distance callback.
    private let coordinates: UnsafeMutableBufferPointer<Double>

    /// Builds the tree over `(x, y)` points (longitude, latitude); item `i` is `points[i]`.
    public init(points xy: [(x: Double, y: Double)], nodeCapacity: Int = 10, context: GEOSContext = GEOSContext()) {
        self.context = context
        guard let tree = GEOSSTRtree_create_r(context.handle, nodeCapacity) else { preconditionFailure("GEOSSTRtree_create_r failed") }
        self.tree = tree
        coordinates = .allocate(capacity: xy.count * 2)
        points.reserveCapacity(xy.count)
        for (i, point) in xy.enumerated() {
            coordinates[2 * i] = point.x
            coordinates[2 * i + 1] = point.y
            guard let geometry = GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y) else {
                preconditionFailure("GEOSGeom_createPointFromXY_r failed")
            }
            points.append(geometry)
            // Items are opaque pointers to GEOS; an index + 1 keeps them non-null.
            GEOSSTRtree_insert_r(context.handle, tree, geometry, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
        // The tree is built on the first query; do it now so that build time is build time.
        if let first = xy.first { _ = nearest(x: first.x, y: first.y) }
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, tree)
        for point in points { GEOSGeom_destroy_r(context.handle, point) }
        coordinates.deallocate()
    }

    /// The point the query is measured from, and the inserted coordinates, for the C callback.
    private struct Query {
        var x: Double
        var y: Double
        var coordinates: UnsafeMutablePointer<Double>
    }

    /// The index of the inserted point nearest to `(x, y)` in the plane; nil for an empty tree.
    public func nearest(x: Double, y: Double) -> Int? {
        guard !points.isEmpty, let envelope = GEOSGeom_createPointFromXY_r(context.handle, x, y) else { return nil }
        defer { GEOSGeom_destroy_r(context.handle, envelope) }
        var query = Query(x: x, y: y, coordinates: coordinates.baseAddress!)
        let found = withUnsafeMutablePointer(to: &query) { userdata in
            // The query item is the null pointer; tree items are index + 1.
            GEOSSTRtree_nearest_generic_r(context.handle, tree, nil, envelope, { first, second, distance, userdata in
                let query = userdata!.assumingMemoryBound(to: Query.self).pointee
                func position(_ item: UnsafeRawPointer?) -> (Double, Double) {
                    guard let item else { return (query.x, query.y) }
                    let index = Int(bitPattern: item) - 1
                    return (query.coordinates[2 * index], query.coordinates[2 * index + 1])
                }
                let (a, b) = (position(first), position(second))
                distance!.pointee = ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()
                return 1
            }, userdata)
        }
        return found.map { Int(bitPattern: $0) - 1 }
    }
}
