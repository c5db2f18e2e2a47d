import StationAnalysis
import StationKit

/// The audit for programs: schema `stations.audit/1` (documented in the README). Keys are written
/// in a fixed order and findings in the report's sorted order, so runs diff cleanly. Findings are
/// encoded in blocks on all cores and streamed, so a million of them never become one string.
enum AuditJSONReport {
    static func write(_ report: AuditReport, to output: OutputFile) {
        var head: [UInt8] = []
        head += #"{"schema":"stations.audit/1","files":["#.utf8
        for (i, file) in report.files.enumerated() {
            if i > 0 { head.append(UInt8(ascii: ",")) }
            JSONValue.writeString(file, to: &head)
        }
        head += #"],"records":\#(report.recordCount),"stations":\#(report.stationCount)"#.utf8
        head += #","summary":{"errors":\#(report.count(.error)),"warnings":\#(report.count(.warning)),"info":\#(report.count(.info))"#.utf8
        head += #","remaining_errors":\#(report.remainingErrors)},"rules":["#.utf8
        for (i, rule) in report.rules.enumerated() {
            if i > 0 { head.append(UInt8(ascii: ",")) }
            head += #"{"id":"#.utf8
            JSONValue.writeString(rule.id, to: &head)
            head += #","severity":"#.utf8
            JSONValue.writeString(rule.severity.rawValue, to: &head)
            head += #","summary":"#.utf8
            JSONValue.writeString(rule.summary, to: &head)
            head.append(UInt8(ascii: "}"))
        }
        head += #"],"notices":["#.utf8
        for (i, notice) in report.notices.enumerated() {
            if i > 0 { head.append(UInt8(ascii: ",")) }
            JSONValue.writeString(notice, to: &head)
        }
        head += #"],"findings":["#.utf8
        output.write(bytes: head)
        let findings = report.findings
        StationExporter.encodeInBlocks(count: findings.count, to: output) { range in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(range.count * 300)
            for i in range {
                bytes += (i == 0 ? "\n" : ",\n").utf8
                appendFinding(findings[i], to: &bytes)
            }
            return bytes
        }
        var tail: [UInt8] = Array((findings.isEmpty ? #"],"changes":["# : "\n" + #"],"changes":["#).utf8)
        for (i, change) in report.changes.enumerated() {
            tail += (i == 0 ? "\n" : ",\n").utf8
            appendChange(change, to: &tail)
        }
        tail += (report.changes.isEmpty ? "]" : "\n]").utf8
        if let coverage = report.coverage {
            tail += #","coverage":"#.utf8
            appendCoverage(coverage, to: &tail)
        }
        tail += "}\n".utf8
        output.write(bytes: tail)
    }

    /// `{"rule":…,"severity":…,"file":…,"line":…,"feature":…,"id":…,"field":…,"value":…,"message":…,"suggestion":…,"fixable":…}`.
    static func appendFinding(_ f: AuditFinding, to out: inout [UInt8]) {
        out += #"{"rule":"#.utf8
        JSONValue.writeString(f.rule, to: &out)
        out += #","severity":"#.utf8
        JSONValue.writeString(f.severity.rawValue, to: &out)
        out += #","file":"#.utf8
        JSONValue.writeString(f.file, to: &out)
        appendLocation(f.location, to: &out)
        member("id", f.recordID, to: &out)
        member("field", f.field, to: &out)
        member("value", f.value, to: &out)
        member("message", f.message, to: &out)
        member("suggestion", f.suggestion, to: &out)
        out += (f.fixable ? #","fixable":true}"# : #","fixable":false}"#).utf8
    }

    static func appendChange(_ c: AuditChange, to out: inout [UInt8]) {
        out += #"{"rule":"#.utf8
        JSONValue.writeString(c.rule, to: &out)
        out += #","file":"#.utf8
        JSONValue.writeString(c.file, to: &out)
        appendLocation(c.location, to: &out)
        member("id", c.recordID, to: &out)
        member("field", c.field, to: &out)
        member("from", c.from, to: &out)
        member("to", c.to, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `,"line":7,"feature":null` — both keys always present, so the schema is fixed.
    static func appendLocation(_ location: RecordLocation?, to out: inout [UInt8]) {
        switch location {
        case .line(let line)?: out += #","line":\#(line),"feature":null"#.utf8
        case .feature(let index)?: out += #","line":null,"feature":\#(index)"#.utf8
        case nil: out += #","line":null,"feature":null"#.utf8
        }
    }

    /// `,"key":"value"` or `,"key":null`.
    static func member(_ key: String, _ value: String?, to out: inout [UInt8]) {
        out += #",""#.utf8
        out += key.utf8
        out += #"":"#.utf8
        if let value { JSONValue.writeString(value, to: &out) } else { out += "null".utf8 }
    }

    static func appendCoverage(_ coverage: CoverageSummary, to out: inout [UInt8]) {
        out += #"{"isolation_distance_m":\#(Int(CoverageSummary.isolationDistance)),"provinces":["#.utf8
        for (i, row) in coverage.provinces.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += "{".utf8
            out += #""province":"#.utf8
            if let name = row.province?.nameZh { JSONValue.writeString(name, to: &out) } else { out += "null".utf8 }
            member("iso_3166_2", row.province?.isoCode, to: &out)
            for (kind, count) in zip(Kind.allCases, row.counts) { out += #","\#(kind.rawValue)":\#(count)"#.utf8 }
            out += #","total":\#(row.total)}"#.utf8
        }
        out += #"],"cities":["#.utf8
        for (i, row) in coverage.cities.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += #"{"city":"#.utf8
            JSONValue.writeString(row.city, to: &out)
            out += #","outdoor_worker_stations":\#(row.stations),"isolated":\#(row.isolated),"isolated_share":"#.utf8
            out += JSONValue.formatNumber(row.isolatedShare, places: 4).utf8
            out.append(UInt8(ascii: "}"))
        }
        out += "]}".utf8
    }
}
