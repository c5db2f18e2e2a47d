import Foundation
import StationKit

/// Writes records as written (after `--fix`), good and bad alike, in the interchange formats, so a
/// cleaned registry loses nothing: a record whose coordinates are still not numbers keeps them as
/// text (CSV) or as `lat`/`lon` properties beside a null geometry (GeoJSON, RFC 7946 §3.2).
public enum CleanedRecords {
    public enum Format: String, Sendable, CaseIterable {
        case geojson, csv
    }

    /// The format an output path implies: `.csv` is CSV, anything else GeoJSON.
    public static func format(forPath path: String) -> Format {
        path.lowercased().hasSuffix(".csv") ? .csv : .geojson
    }

    public static func encode(_ records: [SourceRecord], as format: Format) -> [UInt8] {
        switch format {
        case .geojson: geoJSON(records)
        case .csv: csv(records)
        }
    }

    static func geoJSON(_ records: [SourceRecord]) -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"type":"FeatureCollection","features":["#.utf8)
        for (position, record) in records.enumerated() {
            let raw = record.fields
            out.append(contentsOf: (position == 0 ? "\n" : ",\n").utf8)
            out.append(contentsOf: #"{"type":"Feature","geometry":"#.utf8)
            let latitude = jsonNumber(raw.latitude), longitude = jsonNumber(raw.longitude)
            if let latitude, let longitude {
                out.append(contentsOf: #"{"type":"Point","coordinates":["#.utf8)
                out.append(contentsOf: longitude.utf8)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: latitude.utf8)
                out.append(contentsOf: "]}".utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
            out.append(contentsOf: #","properties":{"#.utf8)
            var first = true
            func property(_ key: String, _ value: String?) {
                guard let value else { return }
                out.append(contentsOf: (first ? "" : ",").utf8)
                first = false
                JSONValue.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONValue.writeString(value, to: &out)
            }
            property("id", raw.id)
            property("name", raw.name)
            property("kind", raw.kind)
            if latitude == nil || longitude == nil {
                property("lat", raw.latitude.written)
                property("lon", raw.longitude.written)
            }
            out.append(contentsOf: (first ? "" : ",").utf8)
            first = false
            out.append(contentsOf: #""amenities":["#.utf8)
            for (index, tag) in raw.amenityTags.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(tag, to: &out)
            }
            out.append(UInt8(ascii: "]"))
            property("address", raw.address)
            property("province", raw.province)
            property("city", raw.city)
            property("opening_hours", raw.openingHours)
            property("phone", raw.phone)
            property("operator", raw.operator)
            property("crs", raw.crs)
            for other in raw.otherFields where !GeoJSONNames.contains(other.name) { property(other.name, other.value) }
            out.append(contentsOf: "}}".utf8)
        }
        out.append(contentsOf: "\n]}\n".utf8)
        return out
    }

    /// The number as JSON text: as written when that is already JSON, else Swift's shortest form;
    /// nil when it is not a finite number.
    static func jsonNumber(_ value: RawStation.Number) -> String? {
        guard let number = value.number, number.isFinite else { return nil }
        if case .value(_, let written) = value { return written }
        let text = value.written?.trimmed() ?? ""
        let isJSON = text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
        return isJSON ? text : "\(number)"
    }

    /// Property names the writer already uses.
    static let GeoJSONNames: Set<String> = ["id", "name", "kind", "lat", "lon", "amenities", "address", "province", "city",
                                            "opening_hours", "phone", "operator", "crs"]

    static let csvHeader = ["id", "name", "kind", "lat", "lon", "amenities", "address", "province", "city",
                            "opening_hours", "phone", "operator", "crs"]

    static func csv(_ records: [SourceRecord]) -> [UInt8] {
        // Columns outside the format (a registry's own notes) follow ours, in the order first seen.
        var others: [String] = []
        var seen = Set<String>()
        for record in records {
            for other in record.fields.otherFields where seen.insert(other.name).inserted { others.append(other.name) }
        }
        var out = Array((StationCSVEncoder.row(csvHeader + others)).utf8)
        for record in records {
            let raw = record.fields
            let fields = [raw.id ?? "", raw.name, raw.kind ?? "", raw.latitude.written ?? "", raw.longitude.written ?? "",
                          raw.amenityList ?? raw.amenityTags.joined(separator: ";"), raw.address, raw.province, raw.city,
                          raw.openingHours, raw.phone, raw.operator, raw.crs ?? ""]
                + others.map { name in raw.otherFields.first { $0.name == name }?.value ?? "" }
            out.append(contentsOf: StationCSVEncoder.row(fields).utf8)
        }
        return out
    }
}
