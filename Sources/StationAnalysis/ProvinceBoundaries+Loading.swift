import Foundation
import GEOSBridge
import StationKit

// Splitting the FeatureCollection is Foundation's job; reading each outline is GEOS's
// (the feature's geometry object is written back to JSON text for GEOSGeoJSONReader).
extension ProvinceBoundaries {
    static func regions(from data: Data, source: String, context: GEOSContext) throws(ProvinceBoundariesError) -> [Region] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .unreadable(source: source, message: "not JSON: \(JSONSyntax.firstError(in: data) ?? error.localizedDescription)")
        }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any]
        else {
            throw .unreadable(source: source, message: "not a GeoJSON FeatureCollection")
        }
        var regions: [Region] = []
        for (index, feature) in features.enumerated() {
            regions.append(try region(from: feature, index: index, source: source, context: context))
        }
        return regions
    }

    private static func region(from value: Any, index: Int, source: String, context: GEOSContext) throws(ProvinceBoundariesError) -> Region {
        let feature = value as? [String: Any] ?? [:]
        let properties = feature["properties"] as? [String: Any] ?? [:]
        let label = (properties["name_zh"] ?? properties["name_en"]) as? String
        func bad(_ message: String) -> ProvinceBoundariesError {
            .badFeature(source: source, index: index, province: label, message: message)
        }
        guard feature["type"] as? String == "Feature" else { throw bad("not a GeoJSON Feature") }
        var names: [String] = []
        for key in ["name_zh", "name_en", "iso_3166_2"] {
            guard let name = properties[key] as? String, !name.isEmpty else { throw bad("property '\(key)' is missing or empty") }
            names.append(name)
        }
        let province = Province(nameZh: names[0], nameEn: names[1], isoCode: names[2])
        guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
              type == "Polygon" || type == "MultiPolygon"
        else { throw bad("geometry must be a Polygon or MultiPolygon") }
        var writer = GeoJSONCoordinateWriter()
        guard writer.write(geometry["coordinates"]), let box = writer.box else {
            throw bad("the coordinates are not nested arrays of [longitude, latitude] positions")
        }
        let json = #"{"type":"\#(type)","coordinates":\#(writer.text)}"#

        var outline: PreparedGeometry?
        var invalidReason: String?
        do {
            let shape = try context.geometry(geoJSON: json)
            if try shape.isValid() {
                outline = try shape.prepared()
            } else {
                invalidReason = try shape.validityReason()
            }
        } catch {
            throw bad("\(error)")
        }
        guard let outline else {
            throw .invalidGeometry(source: source, index: index, province: province.nameZh, reason: invalidReason ?? "")
        }
        return Region(province: province, box: box, outline: outline, geometryJSON: json)
    }
}
