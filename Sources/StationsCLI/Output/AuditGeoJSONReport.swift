import StationAnalysis
import StationKit

/// The audit on a map: one Point feature per flagged record (WGS84, where the record has usable
/// coordinates; a null geometry otherwise), its findings as properties, and a simplestyle
/// marker colour by worst severity (red errors, orange warnings, blue notes).
enum AuditGeoJSONReport {
    static func rendered(_ report: AuditReport, stations load: LoadResult) -> String {
        var positions: [RecordOrigin: Coordinate] = [:]
        for (station, origin) in zip(load.stations, load.origins) { positions[origin] = station.coordinate }
        var fields: [RecordOrigin: RawStation] = [:]
        for record in load.sources { fields[record.origin] = record.fields }
        var groups: [(RecordOrigin, [AuditFinding])] = []
        for finding in report.findings {
            guard let location = finding.location else { continue }
            let origin = RecordOrigin(file: finding.file, location: location)
            if groups.last?.0 == origin { groups[groups.count - 1].1.append(finding) } else { groups.append((origin, [finding])) }
        }
        var features: [String] = []
        for (origin, findings) in groups {
            // A swapped pair is drawn where the station really is.
            var position = positions[origin]
            if position == nil, let raw = fields[origin], raw.hasSwappedCoordinates, let lat = raw.longitude.number, let lon = raw.latitude.number {
                position = Coordinate(latitude: lat, longitude: lon)
            }
            let geometry = position.map {
                #"{"type":"Point","coordinates":[\#(JSONValue.formatNumber($0.longitude, places: 7)),\#(JSONValue.formatNumber($0.latitude, places: 7))]}"#
            } ?? "null"
            let worst = findings.map(\.severity).min()!
            let color = worst == .error ? "#d7191c" : worst == .warning ? "#fdae61" : "#2c7bb6"
            let raw = fields[origin]
            var properties = [
                #""id":\#(AuditJSONReport.optional(findings[0].recordID))"#,
                #""name":\#(AuditJSONReport.optional(raw?.name))"#,
                #""file":\#(AuditJSONReport.string(origin.file))"#,
            ]
            properties += AuditJSONReport.location(origin.location)
            properties.append(#""severity":\#(AuditJSONReport.string(worst.rawValue))"#)
            properties.append(#""findings":"# + AuditJSONReport.array(findings.map { finding in
                #"{"rule":\#(AuditJSONReport.string(finding.rule)),"severity":\#(AuditJSONReport.string(finding.severity.rawValue)),"field":\#(AuditJSONReport.optional(finding.field)),"value":\#(AuditJSONReport.optional(finding.value)),"message":\#(AuditJSONReport.string(finding.message)),"suggestion":\#(AuditJSONReport.optional(finding.suggestion))}"#
            }))
            properties.append(#""marker-color":\#(AuditJSONReport.string(color))"#)
            properties.append(#""title":\#(AuditJSONReport.string(findings.map(\.rule).joined(separator: ", ")))"#)
            features.append(#"{"type":"Feature","geometry":\#(geometry),"properties":{\#(properties.joined(separator: ","))}}"#)
        }
        return #"{"type":"FeatureCollection","features":"# + AuditJSONReport.array(features, multiline: true) + "}\n"
    }
}
