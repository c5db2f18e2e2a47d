import StationKit

/// Small FeatureCollections built in memory (near answers, one station); `export` streams instead.
enum GeoJSONText {
    /// A FeatureCollection with a `bbox` of `positions`, one feature per line so diffs stay readable.
    static func featureCollection(encoder: StationGeoJSONEncoder, positions: [Coordinate],
                                  feature: (Int, inout String) -> Void) -> String {
        var out = encoder.collectionHeader(bbox: BoundingBox(enclosing: positions))
        for i in positions.indices {
            out += i == 0 ? "\n" : ",\n"
            feature(i, &out)
        }
        out += positions.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }
}
