import Foundation

/// Reads the CSV interchange format (DESIGN.md), with English or Chinese headers.
public enum CSVStationReader {
    /// Header names accepted for each field; the first is the canonical English one.
    static let headerNames: [(field: String, names: [String])] = [
        ("id", ["id", "编号", "序号", "站点编号"]),
        ("name", ["name", "名称", "站点名称"]),
        ("kind", ["kind", "类型", "站点类型"]),
        ("lat", ["lat", "latitude", "纬度"]),
        ("lon", ["lon", "lng", "longitude", "经度"]),
        ("amenities", ["amenities", "设施", "服务设施"]),
        ("address", ["address", "地址"]),
        ("province", ["province", "省", "省份"]),
        ("city", ["city", "市", "城市"]),
        ("opening_hours", ["opening_hours", "开放时间"]),
        ("phone", ["phone", "电话", "联系电话"]),
        ("operator", ["operator", "运营单位"]),
        ("crs", ["crs", "坐标系"]),
    ]

    static let required = ["kind", "lat", "lon"]

    /// Parses CSV text. `file` names the source in messages.
    /// - Throws: ``DataFileError`` when the header is unusable or a quote is never closed.
    /// `inputDatum` is the datum of records without a `crs` of their own.
    public static func read(_ text: String, file: String, inputDatum: Datum = .wgs84) throws(DataFileError) -> LoadResult {
        // A UTF-8 byte-order mark that survived decoding would otherwise become part of the first column's name.
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        let records: [CSVTokenizer.Record]
        do {
            records = try CSVTokenizer.records(in: String(text))
        } catch {
            throw DataFileError(file: file, reason: .unreadable, message:
                "line \(error.line): a quoted field is never closed, so the rest of the file would be one field; add the missing '\"'")
        }
        guard let header = records.first else {
            throw DataFileError(file: file, reason: .unreadable, message: "the file is empty; expected a header line: \(canonicalHeader)")
        }
        var result = LoadResult()
        var columns: [String: Int] = [:]
        for (position, rawName) in header.fields.enumerated() {
            let name = rawName.trimmed().lowercased()
            if let field = headerNames.first(where: { $0.names.contains(name) })?.field {
                if columns[field] != nil {
                    throw DataFileError(file: file, reason: .unreadable, message: "line 1: column '\(field)' appears twice ('\(rawName)')")
                }
                columns[field] = position
            } else {
                result.notices.append("\(file), line 1: column '\(rawName)' is not part of the station format and is ignored")
            }
        }
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw DataFileError(file: file, reason: .unreadable, message:
                "line 1: missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); expected a header like: \(canonicalHeader)")
        }

        var seenIDs: [String: Int] = [:]
        for record in records.dropFirst() {
            let location = RecordLocation.line(record.line)
            if record.fields.count != header.fields.count {
                result.errors.append(RecordError(file: file, location: location, field: nil, value: nil, message:
                    "has \(record.fields.count) fields but the header has \(header.fields.count); a comma inside a value needs quotes"))
                continue
            }
            func value(_ field: String) -> String? { columns[field].map { record.fields[$0] } }
            var raw = RawStation()
            // Registries without an id column get one from the line, stable for the same file.
            raw.id = columns["id"] == nil ? "line-\(record.line)" : value("id")
            raw.name = value("name") ?? ""
            raw.kind = value("kind")
            raw.latitude = value("lat").map(RawStation.Number.text) ?? .missing
            raw.longitude = value("lon").map(RawStation.Number.text) ?? .missing
            raw.amenities = value("amenities").map { [$0] } ?? []
            raw.address = value("address") ?? ""
            raw.province = value("province") ?? ""
            raw.city = value("city") ?? ""
            raw.openingHours = value("opening_hours") ?? ""
            raw.phone = value("phone") ?? ""
            raw.operator = value("operator") ?? ""
            raw.crs = value("crs")
            guard let station = raw.validated(file: file, location: location, inputDatum: inputDatum, errors: &result.errors) else { continue }
            if let first = seenIDs[station.id] {
                result.errors.append(RecordError(file: file, location: location, field: "id", value: station.id, message:
                    "duplicate id, first used on line \(first)"))
                continue
            }
            seenIDs[station.id] = record.line
            result.append(station, from: RecordOrigin(file: file, location: location))
        }
        return result
    }

    static let canonicalHeader = "id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator"
}
