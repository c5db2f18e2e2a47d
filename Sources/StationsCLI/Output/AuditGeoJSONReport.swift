import StationAnalysis
import StationKit

/// The audit on a map: one Point feature per flagged record (WGS84, where the record has usable
/// coordinates; a null geometry otherwise), its findings as properties, and a simplestyle
/// marker colour by worst severity (red errors, orange warnings, blue notes).
enum AuditGeoJSONReport {
    static func write(_ report: AuditReport, load: LoadResult, to output: OutputFile) {
        // Findings are sorted by record, so each record's findings are one run.
        var runs: [Range<Int>] = []
        var start = 0
        let findings = report.findings
        for i in findings.indices where i + 1 == findings.count
            || findings[i + 1].file != findings[i].file || findings[i + 1].location != findings[i].location {
            if findings[i].location != nil { runs.append(start..<(i + 1)) }
            start = i + 1
        }
        // Records and stations are in file order like the findings: one merge walk pairs them.
        var fields: [RawStation?] = []
        var positions: [Coordinate?] = []
        fields.reserveCapacity(runs.count)
        positions.reserveCapacity(runs.count)
        var source = 0, station = 0
        let ranks = Dictionary(report.files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func precedes(_ a: RecordOrigin, _ file: String, _ location: RecordLocation) -> Bool {
            let (rankA, rankB) = (ranks[a.file] ?? 0, ranks[file] ?? 0)
            return rankA != rankB ? rankA < rankB : a.location.ordinal < location.ordinal
        }
        for run in runs {
            let file = findings[run.lowerBound].file, location = findings[run.lowerBound].location!
            while source < load.sources.count && precedes(load.sources[source].origin, file, location) { source += 1 }
            while station < load.origins.count && precedes(load.origins[station], file, location) { station += 1 }
            let here = RecordOrigin(file: file, location: location)
            let raw = source < load.sources.count && load.sources[source].origin == here ? load.sources[source].fields : nil
            var position = station < load.origins.count && load.origins[station] == here ? load.stations[station].coordinate : nil
            // A swapped pair is drawn where the station really is.
            if position == nil, let raw, raw.hasSwappedCoordinates, let lat = raw.longitude.number, let lon = raw.latitude.number {
                position = Coordinate(latitude: lat, longitude: lon)
            }
            fields.append(raw)
            positions.append(position)
        }
        output.write(bytes: Array(#"{"type":"FeatureCollection","features":["#.utf8))
        let pairedFields = fields, pairedPositions = positions, groups = runs
        StationExporter.encodeInBlocks(count: groups.count, to: output) { range in
            var out: [UInt8] = []
            for i in range {
                out += (i == 0 ? "\n" : ",\n").utf8
                appendFeature(findings[groups[i]], raw: pairedFields[i], position: pairedPositions[i], to: &out)
            }
            return out
        }
        output.write(bytes: Array((runs.isEmpty ? "]}\n" : "\n]}\n").utf8))
    }

    static func appendFeature(_ findings: ArraySlice<AuditFinding>, raw: RawStation?, position: Coordinate?, to out: inout [UInt8]) {
        let first = findings.first!
        out += #"{"type":"Feature","geometry":"#.utf8
        if let position {
            out += #"{"type":"Point","coordinates":["#.utf8
            JSONValue.appendNumber(position.longitude, places: 7, to: &out)
            out.append(UInt8(ascii: ","))
            JSONValue.appendNumber(position.latitude, places: 7, to: &out)
            out += "]}".utf8
        } else {
            out += "null".utf8
        }
        out += #","properties":{"id":"#.utf8
        if let id = first.recordID { JSONValue.writeString(id, to: &out) } else { out += "null".utf8 }
        AuditJSONReport.member("name", raw?.name, to: &out)
        AuditJSONReport.member("file", first.file, to: &out)
        AuditJSONReport.appendLocation(first.location, to: &out)
        let worst = findings.map(\.severity).min()!
        AuditJSONReport.member("severity", worst.rawValue, to: &out)
        out += #","findings":["#.utf8
        for (i, finding) in findings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += #"{"rule":"#.utf8
            JSONValue.writeString(finding.rule, to: &out)
            AuditJSONReport.member("severity", finding.severity.rawValue, to: &out)
            AuditJSONReport.member("field", finding.field, to: &out)
            AuditJSONReport.member("value", finding.value, to: &out)
            AuditJSONReport.member("message", finding.message, to: &out)
            AuditJSONReport.member("suggestion", finding.suggestion, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += "]".utf8
        AuditJSONReport.member("marker-color", worst == .error ? "#d7191c" : worst == .warning ? "#fdae61" : "#2c7bb6", to: &out)
        AuditJSONReport.member("title", findings.map(\.rule).joined(separator: ", "), to: &out)
        out += "}}".utf8
    }
}
