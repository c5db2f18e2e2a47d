import StationAnalysis
import StationKit

/// The audit for people: findings grouped by rule (errors first), each with its count and first
/// examples, then the coverage tables, the changes `--fix` made, and one summary line.
struct AuditTextReport {
    let report: AuditReport
    /// Examples shown per rule; 0 shows all.
    let examples: Int
    /// Where `--fix` wrote the cleaned copy, if it ran.
    let fixedPath: String?

    func rendered() -> String {
        var out = "Audit of \(report.files.joined(separator: ", ")): \(count(report.recordCount, "record")), "
            + "\(count(report.stationCount, "usable station")); \(count(report.rules.count, "rule")).\n"
        for notice in report.notices { out += "note: \(notice)\n" }
        // One pass: per rule, how many findings and records, and the first examples (a million
        // findings are not copied into groups just to print five of each).
        var groups: [String: (findings: Int, records: Int, last: AuditFinding?, shown: [AuditFinding])] = [:]
        for finding in report.findings {
            var group = groups[finding.rule] ?? (0, 0, nil, [])
            group.findings += 1
            if group.last.map({ $0.file != finding.file || $0.location != finding.location }) ?? true { group.records += 1 }
            group.last = finding
            if examples == 0 || group.shown.count < examples { group.shown.append(finding) }
            groups[finding.rule] = group
        }
        let ordered = report.rules.filter { groups[$0.id] != nil }.sorted { $0.severity < $1.severity }
        for rule in ordered {
            let group = groups[rule.id]!
            out += "\n\(rule.severity.rawValue.uppercased()) \(rule.id): \(rule.summary) — \(count(group.records, "record"))\n"
            for finding in group.shown {
                out += "  \(finding.place): \(finding.message)"
                if let field = finding.field, let value = finding.value, !value.isEmpty { out += " [\(field) '\(value)']" }
                out += "\n"
                if let suggestion = finding.suggestion { out += "      \(finding.fixable ? "fix" : "suggestion"): \(suggestion)\n" }
            }
            if group.shown.count < group.findings {
                out += "  … and \(group.findings - group.shown.count) more (--examples 0 or --format json for all)\n"
            }
        }
        if let coverage = report.coverage { out += "\n" + coverageText(coverage) }
        if let fixedPath {
            out += "\nFixes written to \(fixedPath): \(count(report.changes.count, "change"))\n"
            for change in report.changes {
                out += "  \(change.file), \(change.location)\(change.recordID.map { " (id \($0))" } ?? ""): "
                    + "\(change.field) '\(change.from)' → '\(change.to)' [\(change.rule)]\n"
            }
        }
        out += "\n" + summary() + "\n"
        return out
    }

    func summary() -> String {
        let fixable = report.findings.filter(\.fixable).count
        var text = "Summary: \(count(report.count(.error), "error")), \(count(report.count(.warning), "warning")), "
            + "\(count(report.count(.info), "note")) in \(count(report.recordCount, "record"))"
        if fixedPath != nil {
            text += "; \(count(report.changes.count, "change")) made, \(count(report.remainingErrors, "error")) remain"
        } else if fixable > 0 {
            text += "; \(fixable) fixable with --fix"
        }
        return text + "."
    }

    func coverageText(_ coverage: CoverageSummary) -> String {
        var out = "Coverage: stations by province (where they lie, not what the record says) and kind\n"
        var provinces = TextTable(header: ["province"] + Kind.allCases.map(\.rawValue) + ["total"], rightAligned: [1, 2, 3, 4])
        for row in coverage.provinces {
            provinces.add([row.province?.nameZh ?? "(outside every province)"] + row.counts.map(String.init) + [String(row.total)])
        }
        out += indent(provinces.rendered())
        guard !coverage.cities.isEmpty else { return out }
        out += "Isolated outdoor-worker stations (no other within \(Int(CoverageSummary.isolationDistance / 1000)) km), by city\n"
        var cities = TextTable(header: ["city", "stations", "isolated", "share"], rightAligned: [1, 2, 3])
        // The cities with most stations; a national registry has hundreds.
        let shown = examples == 0 ? coverage.cities[...] : coverage.cities.prefix(max(20, examples))
        for row in shown {
            cities.add([row.city.isEmpty ? "(no city)" : row.city, String(row.stations), String(row.isolated),
                        "\(Int((row.isolatedShare * 100).rounded()))%"])
        }
        out += indent(cities.rendered())
        if shown.count < coverage.cities.count {
            out += "  … and \(coverage.cities.count - shown.count) more cities (--examples 0 or --format json for all)\n"
        }
        return out
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}

/// `1 record`, `3 records`.
func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
