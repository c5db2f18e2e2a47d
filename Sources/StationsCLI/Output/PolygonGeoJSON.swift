import StationAnalysis
import StationKit

/// Polygon features in the conventions of `stations export`: positions `[lon, lat]` in the output
/// datum with 7 decimals, `crs_name`, a top-level `bbox`, one feature per line, so that two runs give
/// byte-identical files. Rings follow RFC 7946's winding (exteriors counterclockwise, holes clockwise)
/// whatever order they came in.
struct PolygonGeoJSON {
    /// One feature: its `id` (nil for none), polygons (none gives a null geometry) and properties.
    struct Feature {
        var id: String?
        var polygons: [GeoPolygon]
        var properties: [(String, JSONValue)]
    }

    let datum: Datum

    /// The whole FeatureCollection as UTF-8 bytes.
    func collection(_ features: [Feature]) -> [UInt8] {
        // Convert first: the bbox is that of the positions written.
        let converted = features.map { feature in
            datum == .wgs84 ? feature.polygons : feature.polygons.map { $0.map { $0.converted(from: .wgs84, to: datum) } }
        }
        let box = BoundingBox(enclosing: converted.lazy.flatMap { $0 }.flatMap(\.exterior))
        var out = Array(StationGeoJSONEncoder(datum: datum).collectionHeader(bbox: box).utf8)
        for (i, feature) in features.enumerated() {
            out.append(contentsOf: i == 0 ? [0x0A] : Array(",\n".utf8))
            out.append(contentsOf: #"{"type":"Feature","#.utf8)
            if let id = feature.id {
                out.append(contentsOf: #""id":"#.utf8)
                JSONValue.writeString(id, to: &out)
                out.append(UInt8(ascii: ","))
            }
            out.append(contentsOf: #""geometry":"#.utf8)
            appendGeometry(converted[i], to: &out)
            out.append(contentsOf: #","properties":"#.utf8)
            out.append(contentsOf: JSONValue.object(feature.properties).rendered().utf8)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: (features.isEmpty ? "]}\n" : "\n]}\n").utf8)
        return out
    }

    private func appendGeometry(_ polygons: [GeoPolygon], to out: inout [UInt8]) {
        guard !polygons.isEmpty else { return out.append(contentsOf: "null".utf8) }
        let multi = polygons.count > 1
        out.append(contentsOf: (multi ? #"{"type":"MultiPolygon","coordinates":["# : #"{"type":"Polygon","coordinates":"#).utf8)
        for (p, polygon) in polygons.enumerated() {
            if p > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (r, ring) in polygon.rings.enumerated() {
                if r > 0 { out.append(UInt8(ascii: ",")) }
                appendRing(ring, counterclockwise: r == 0, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: (multi ? "]}" : "}").utf8)
    }

    private func appendRing(_ ring: [Coordinate], counterclockwise: Bool, to out: inout [UInt8]) {
        let places = StationGeoJSONEncoder.coordinatePlaces
        let reversed = (Self.doubleSignedArea(ring) > 0) != counterclockwise
        out.append(UInt8(ascii: "["))
        for k in ring.indices {
            let c = ring[reversed ? ring.count - 1 - k : k]
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            JSONValue.appendNumber(c.longitude, places: places, to: &out)
            out.append(UInt8(ascii: ","))
            JSONValue.appendNumber(c.latitude, places: places, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Twice the signed area in degrees (shoelace): positive when counterclockwise on a map.
    static func doubleSignedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        let origin = ring[0]
        var sum = 0.0
        for i in 1..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.longitude - origin.longitude) * (b.latitude - origin.latitude) - (b.longitude - origin.longitude) * (a.latitude - origin.latitude)
        }
        return sum
    }
}
