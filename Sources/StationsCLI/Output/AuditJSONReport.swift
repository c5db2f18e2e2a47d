import StationAnalysis
import StationKit

/// The audit for programs: schema `stations.audit/1` (documented in the README). Keys are written
/// in a fixed order and findings in the report's sorted order, so runs diff cleanly.
enum AuditJSONReport {
    static func rendered(_ report: AuditReport) -> String {
        var out = #"{"schema":"stations.audit/1","files":"#
        out += array(report.files.map(string))
        out += #","records":\#(report.recordCount),"stations":\#(report.stationCount)"#
        out += #","summary":{"errors":\#(report.count(.error)),"warnings":\#(report.count(.warning)),"info":\#(report.count(.info))"#
        out += #","remaining_errors":\#(report.remainingErrors)}"#
        out += #","rules":"# + array(report.rules.map { rule in
            #"{"id":\#(string(rule.id)),"severity":\#(string(rule.severity.rawValue)),"summary":\#(string(rule.summary))}"#
        })
        out += #","notices":"# + array(report.notices.map(string))
        out += #","findings":"# + array(report.findings.map(finding), multiline: true)
        out += #","changes":"# + array(report.changes.map(change), multiline: true)
        if let coverage = report.coverage { out += #","coverage":"# + self.coverage(coverage) }
        return out + "}\n"
    }

    static func finding(_ f: AuditFinding) -> String {
        var members = [
            #""rule":\#(string(f.rule))"#, #""severity":\#(string(f.severity.rawValue))"#, #""file":\#(string(f.file))"#,
        ]
        members += location(f.location)
        members.append(#""id":\#(optional(f.recordID))"#)
        members.append(#""field":\#(optional(f.field))"#)
        members.append(#""value":\#(optional(f.value))"#)
        members.append(#""message":\#(string(f.message))"#)
        members.append(#""suggestion":\#(optional(f.suggestion))"#)
        members.append(#""fixable":\#(f.fixable)"#)
        return "{" + members.joined(separator: ",") + "}"
    }

    static func change(_ c: AuditChange) -> String {
        var members = [#""rule":\#(string(c.rule))"#, #""file":\#(string(c.file))"#]
        members += location(c.location)
        members += [#""id":\#(optional(c.recordID))"#, #""field":\#(string(c.field))"#,
                    #""from":\#(string(c.from))"#, #""to":\#(string(c.to))"#]
        return "{" + members.joined(separator: ",") + "}"
    }

    /// `"line":7,"feature":null` — both keys always present, so the schema is fixed.
    static func location(_ location: RecordLocation?) -> [String] {
        switch location {
        case .line(let line)?: [#""line":\#(line)"#, #""feature":null"#]
        case .feature(let index)?: [#""line":null"#, #""feature":\#(index)"#]
        case nil: [#""line":null"#, #""feature":null"#]
        }
    }

    static func coverage(_ coverage: CoverageSummary) -> String {
        let provinces = coverage.provinces.map { row in
            var members = [#""province":\#(optional(row.province?.nameZh))"#, #""iso_3166_2":\#(optional(row.province?.isoCode))"#]
            for (kind, count) in zip(Kind.allCases, row.counts) { members.append(#"\#(string(kind.rawValue)):\#(count)"#) }
            members.append(#""total":\#(row.total)"#)
            return "{" + members.joined(separator: ",") + "}"
        }
        let cities = coverage.cities.map { row in
            #"{"city":\#(string(row.city)),"outdoor_worker_stations":\#(row.stations),"isolated":\#(row.isolated),"isolated_share":\#(JSONValue.formatNumber(row.isolatedShare, places: 4))}"#
        }
        return #"{"isolation_distance_m":\#(Int(CoverageSummary.isolationDistance)),"provinces":"# + array(provinces)
            + #","cities":"# + array(cities) + "}"
    }

    static func string(_ text: String) -> String {
        var out = ""
        JSONValue.writeString(text, to: &out)
        return out
    }

    static func optional(_ text: String?) -> String { text.map(string) ?? "null" }

    static func array(_ items: [String], multiline: Bool = false) -> String {
        guard multiline, !items.isEmpty else { return "[" + items.joined(separator: ",") + "]" }
        return "[\n" + items.joined(separator: ",\n") + "\n]"
    }
}
