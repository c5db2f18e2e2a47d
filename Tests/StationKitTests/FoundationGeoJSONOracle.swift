import Foundation
@testable import StationKit

/// The first GeoJSON reader, built on Foundation's `JSONSerialization`: slow and memory-hungry on
/// large files, but simple enough to trust. Kept here as the oracle the streaming reader is
/// checked against.
enum FoundationGeoJSONOracle {
    /// Parses GeoJSON text. `file` names the source in messages.
    /// - Throws: ``DataFileError`` when the text is not JSON or not a FeatureCollection.
    /// `inputDatum` is the datum of records without a `crs` of their own.
    static func read(_ text: String, file: String, inputDatum: Datum = .wgs84) throws(DataFileError) -> LoadResult {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw DataFileError(file: file, reason: .unreadable, message: "not valid JSON: \(jsonErrorDetail(error))")
        }
        guard let object = root as? [String: Any], let type = object["type"] as? String else {
            throw DataFileError(file: file, reason: .unreadable, message: "expected a GeoJSON object with a \"type\" member")
        }
        guard type == "FeatureCollection" else {
            throw DataFileError(file: file, reason: .unreadable, message: "expected \"type\": \"FeatureCollection\", found \"\(type)\"")
        }
        guard let features = object["features"] as? [Any] else {
            throw DataFileError(file: file, reason: .unreadable, message: "a FeatureCollection needs a \"features\" array")
        }

        // Our exporter names the datum of the whole file in the foreign member "crs_name".
        var fileDatum = inputDatum
        if let name = object["crs_name"] as? String {
            guard let declared = Datum(parsing: name) else {
                throw DataFileError(file: file, reason: .unreadable, message: "unknown \"crs_name\" '\(name)'; use wgs84, gcj02 or bd09")
            }
            fileDatum = declared
        }
        var result = LoadResult()
        var seenIDs: [String: Int] = [:]
        for (index, element) in features.enumerated() {
            let location = RecordLocation.feature(index)
            func fail(_ field: String?, _ value: String?, _ message: String) {
                result.errors.append(RecordError(file: file, location: location, field: field, value: value, message: message))
            }
            guard let feature = element as? [String: Any], feature["type"] as? String == "Feature" else {
                fail("type", (element as? [String: Any])?["type"].map(describe), "not a Feature")
                continue
            }
            guard let geometry = feature["geometry"] as? [String: Any] else {
                fail("geometry", feature["geometry"].map(describe) ?? "null", "a station needs a Point geometry")
                continue
            }
            guard geometry["type"] as? String == "Point" else {
                fail("geometry.type", geometry["type"].map(describe), "only Point geometries are stations")
                continue
            }
            guard let position = geometry["coordinates"] as? [Any], position.count >= 2 else {
                fail("geometry.coordinates", geometry["coordinates"].map(describe), "a Point needs [longitude, latitude]")
                continue
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            func string(_ key: String) -> String {
                guard let value = properties[key], !(value is NSNull) else { return "" }
                return value as? String ?? describe(value)
            }
            var raw = RawStation()
            raw.id = properties["id"].map(describe) ?? feature["id"].map(describe)
            raw.name = string("name")
            raw.kind = properties["kind"].map(describe)
            raw.longitude = number(position[0], index: 0)
            raw.latitude = number(position[1], index: 1)
            switch properties["amenities"] {
            case let list as [Any]: raw.amenities = list.map(describe)
            case let text as String: raw.amenities = [text]
            case nil, is NSNull: raw.amenities = []
            case let other?: raw.amenities = [describe(other)]
            }
            raw.address = string("address")
            raw.province = string("province")
            raw.city = string("city")
            raw.openingHours = string("opening_hours")
            raw.phone = string("phone")
            raw.operator = string("operator")
            raw.crs = properties["crs"].map(describe)
            guard let station = raw.validated(file: file, location: location, inputDatum: fileDatum, errors: &result.errors) else { continue }
            if let first = seenIDs[station.id] {
                fail("id", station.id, "duplicate id, first used on feature \(first)")
                continue
            }
            seenIDs[station.id] = index
            result.append(station, from: RecordOrigin(file: file, location: location))
        }
        return result
    }

    private static func number(_ value: Any, index: Int) -> RawStation.Number {
        if !isBoolean(value), let number = value as? NSNumber {
            return .value(number.doubleValue, written: describe(value))
        }
        if let text = value as? String { return .string(text) }
        return .text(describe(value))
    }

    /// A JSON value as a user would recognise it in their file.
    static func describe(_ value: Any) -> String {
        switch value {
        case let text as String: return text
        case is NSNull: return "null"
        case let number as NSNumber:
            if isBoolean(value) { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : "\(double)"
        default:
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
    }

    /// JSON `true`/`false`, which Foundation may hand back as a Bool or as a char-typed NSNumber.
    private static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func jsonErrorDetail(_ error: Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }
}
