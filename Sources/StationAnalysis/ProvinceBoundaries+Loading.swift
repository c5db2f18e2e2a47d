import Foundation
import GEOSBridge
import StationKit

// Splitting the FeatureCollection is Foundation's job; reading each outline is GEOS's
// (the feature's geometry object is serialised back to JSON text for GEOSGeoJSONReader).
extension ProvinceBoundaries {
    static func regions(from data: Data, source: String, context: GEOSContext) throws(ProvinceBoundariesError) -> [Region] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .unreadable(source: source, message: "not JSON: \(error.localizedDescription)")
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
        guard let geometry = feature["geometry"] as? [String: Any],
              ["Polygon", "MultiPolygon"].contains(geometry["type"] as? String)
        else { throw bad("geometry must be a Polygon or MultiPolygon") }
        guard let box = boundingBox(of: geometry["coordinates"]) else { throw bad("the outline has no coordinates") }
        guard let json = try? JSONSerialization.data(withJSONObject: geometry) else { throw bad("cannot re-serialise the geometry") }

        var outline: PreparedGeometry?
        var invalidReason: String?
        do {
            let shape = try context.geometry(geoJSON: String(decoding: json, as: UTF8.self))
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
        return Region(province: province, box: box, outline: outline)
    }

    /// The smallest longitude/latitude box around every position in nested GeoJSON coordinate arrays.
    /// Plain minimum and maximum: outlines crossing the antimeridian are not expected here.
    static func boundingBox(of coordinates: Any?) -> BoundingBox? {
        var box: BoundingBox?
        func visit(_ value: Any?) {
            guard let array = value as? [Any] else { return }
            guard array.count >= 2, let longitude = number(array[0]), let latitude = number(array[1]) else {
                array.forEach(visit)
                return
            }
            guard var grown = box else {
                box = BoundingBox(south: latitude, west: longitude, north: latitude, east: longitude)
                return
            }
            grown.south = min(grown.south, latitude)
            grown.north = max(grown.north, latitude)
            grown.west = min(grown.west, longitude)
            grown.east = max(grown.east, longitude)
            box = grown
        }
        visit(coordinates)
        return box
    }

    private static func number(_ value: Any) -> Double? {
        if let double = value as? Double { return double }
        return (value as? NSNumber)?.doubleValue
    }
}
