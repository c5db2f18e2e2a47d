import Foundation
@testable import StationAnalysis
@testable import StationKit

/// The path of a file in this target's `Fixtures/audit` folder.
func auditFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/audit/\(name)").path
}

/// Every rule, without the coverage summary (which the corpus files do not test).
func auditEverything(paths: [String]) throws -> (LoadResult, AuditReport) {
    let load = try StationLoader.load(paths: paths, keepingSources: true)
    let report = try Auditor(coverage: false).audit(load, files: paths)
    return (load, report)
}

/// Audits CSV text (header + rows), written to a temporary file so the loader reads it as users' files are read.
func auditCSV(_ rows: [String], rules: [any AuditRule] = AuditRules.all) throws -> AuditReport {
    let path = NSTemporaryDirectory() + "audit-\(UUID().uuidString).csv"
    try ([csvHeader] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let load = try StationLoader.load(paths: [path], keepingSources: true)
    var report = try Auditor(rules: rules, coverage: false).audit(load, files: [path])
    // Tests compare findings without the temporary path.
    report.findings = report.findings.map { var f = $0; f.file = "t.csv"; return f }
    return report
}

/// Audits a FeatureCollection of `features` (JSON texts), read from a temporary file; findings and
/// changes name the file `t.geojson`. Also returns the load, for `--fix`.
func auditGeoJSON(_ features: [String], rules: [any AuditRule] = AuditRules.all) throws -> (LoadResult, AuditReport) {
    let path = NSTemporaryDirectory() + "audit-\(UUID().uuidString).geojson"
    try #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ",\n"))]}"#
        .write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var load = try StationLoader.load(paths: [path], keepingSources: true)
    load.sources = load.sources.map { SourceRecord(origin: RecordOrigin(file: "t.geojson", location: $0.origin.location), fields: $0.fields) }
    load.origins = load.origins.map { RecordOrigin(file: "t.geojson", location: $0.location) }
    load.errors = load.errors.map { var e = $0; e.file = "t.geojson"; return e }
    let report = try Auditor(rules: rules, coverage: false).audit(load, files: ["t.geojson"])
    return (load, report)
}

/// A clean outdoor-worker station in 太原 as a GeoJSON feature; `coordinates`, `id` (JSON text)
/// and `amenities` (JSON text) replace the defaults.
func stationFeature(id: String = #""G-1""#, coordinates: String = "112.566321,37.863512",
                    amenities: String = #"["drinking-water","toilet","rest"]"#) -> String {
    #"{"type":"Feature","geometry":{"type":"Point","coordinates":[\#(coordinates)]},"properties":{"id":\#(id),"name":"迎泽区工会驿站","kind":"outdoor-worker-station","amenities":\#(amenities),"address":"山西省太原市迎泽区迎泽大街1号","province":"山西省","city":"太原市","opening_hours":"Mo-Su 07:00-21:00","phone":"0351-4040123","operator":"迎泽区总工会"}}"#
}

let csvHeader = "id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator,crs"

/// A clean outdoor-worker station in 太原, with fields replaced by `overrides` (keys are header names).
func stationRow(_ id: String, _ overrides: [String: String] = [:]) -> String {
    let base: [String: String] = [
        "id": id, "name": "迎泽区工会驿站\(id)", "kind": "outdoor-worker-station", "lat": "37.863512", "lon": "112.566321",
        "amenities": "drinking-water;toilet;rest", "address": "山西省太原市迎泽区迎泽大街1号", "province": "山西省",
        "city": "太原市", "opening_hours": "Mo-Su 07:00-21:00", "phone": "0351-4040123", "operator": "迎泽区总工会", "crs": "",
    ]
    return csvHeader.split(separator: ",").map { key -> String in
        let value = overrides[String(key)] ?? base[String(key)]!
        return StationCSVEncoder.field(value)
    }.joined(separator: ",")
}

/// `line 3 swapped-coordinates lat,lon`: the form of the `.expected` files.
func summaryLine(_ finding: AuditFinding) -> String {
    "\(finding.location.map { "\($0)" } ?? "file") \(finding.rule) \(finding.field ?? "-")"
}
