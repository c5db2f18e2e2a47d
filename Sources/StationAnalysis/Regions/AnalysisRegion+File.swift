import Foundation
import GEOSBridge
import StationKit

extension AnalysisRegion {
    /// The Polygon and MultiPolygon features of a GeoJSON file (WGS84, RFC 7946), one part per
    /// feature, named by its `name_zh`, `name`, `NAME` or `name_en` property (else `feature N`,
    /// counted from 0). A bare Polygon/MultiPolygon or a single Feature is one part named after the
    /// file. Every outline must be valid in the OGC sense; parts may overlap (each row is then
    /// measured on its own, and the total on their union).
    public static func fromFile(_ path: String) throws(RegionError) -> AnalysisRegion {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, message: "cannot read the file")
        }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw .unreadable(path: path, message: "not JSON: \(JSONSyntax.firstError(in: data) ?? error.localizedDescription)")
        }
        let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let object = root as? [String: Any] ?? [:]
        let context = GEOSContext()
        var parts: [Part] = []
        switch object["type"] as? String {
        case "FeatureCollection":
            for (index, feature) in (object["features"] as? [Any] ?? []).enumerated() {
                let feature = feature as? [String: Any] ?? [:]
                let name = Self.name(of: feature) ?? "feature \(index)"
                parts.append(Part(name: name, polygons: try polygons(feature["geometry"], label: "\(path), feature \(index)", context: context)))
            }
        case "Feature":
            parts.append(Part(name: Self.name(of: object) ?? fileName, polygons: try polygons(object["geometry"], label: path, context: context)))
        default:
            parts.append(Part(name: fileName, polygons: try polygons(object, label: path, context: context)))
        }
        guard !parts.isEmpty else { throw .notPolygonal(path: path, type: "an empty FeatureCollection") }
        return AnalysisRegion(name: path, parts: parts)
    }

    private static func name(of feature: [String: Any]) -> String? {
        let properties = feature["properties"] as? [String: Any] ?? [:]
        for key in ["name_zh", "name", "NAME", "name_en"] {
            if let name = properties[key] as? String, !name.trimmingCharacters(in: .whitespaces).isEmpty { return name }
        }
        return nil
    }

    /// Reads one geometry object through GEOS (the coordinates written back to JSON text with
    /// ``GeoJSONCoordinateWriter``, much faster than `JSONSerialization` for big outlines).
    private static func polygons(_ value: Any?, label: String, context: GEOSContext) throws(RegionError) -> [GeoPolygon] {
        let geometry = value as? [String: Any] ?? [:]
        let type = geometry["type"] as? String ?? (value == nil || value is NSNull ? "no geometry" : "not a geometry")
        guard type == "Polygon" || type == "MultiPolygon" else { throw .notPolygonal(path: label, type: type) }
        var writer = GeoJSONCoordinateWriter()
        guard writer.write(geometry["coordinates"]) else {
            throw .unreadable(path: label, message: "the coordinates are not nested arrays of [longitude, latitude] positions")
        }
        do {
            let shape = try context.geometry(geoJSON: #"{"type":"\#(type)","coordinates":\#(writer.text)}"#)
            guard try shape.isValid() else { throw RegionError.invalid(path: label, reason: try shape.validityReason()) }
            let polygons = try shape.polygons().map(GeoPolygon.init(lonLat:))
            guard !polygons.isEmpty else { throw RegionError.notPolygonal(path: label, type: "an empty \(type)") }
            return polygons
        } catch let error as RegionError {
            throw error
        } catch {
            throw .unreadable(path: label, message: "\(error)")
        }
    }
}
