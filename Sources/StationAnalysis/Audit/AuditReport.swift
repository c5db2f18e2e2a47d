import StationKit

/// Everything an audit found, sorted: by file (in the order given), record, severity, then rule.
public struct AuditReport: Sendable {
    /// The rules that ran, in ``AuditRules/all`` order.
    public struct RuleInfo: Sendable, Hashable {
        public var id: String
        public var severity: AuditSeverity
        public var summary: String
    }

    public var files: [String]
    public var rules: [RuleInfo]
    /// Records read (good and bad) and stations that passed the readers.
    public var recordCount: Int
    public var stationCount: Int
    public var findings: [AuditFinding]
    /// Remarks about whole files (a converted encoding, an ignored column).
    public var notices: [String]
    /// Stations per province and kind, and isolated stations per city; nil when not asked for.
    public var coverage: CoverageSummary?
    /// What `--fix` changed, in record order; empty without `--fix`.
    public var changes: [AuditChange] = []

    /// Findings of each severity.
    public func count(_ severity: AuditSeverity) -> Int { findings.lazy.filter { $0.severity == severity }.count }

    /// Errors that `--fix` did not correct.
    public var remainingErrors: Int {
        let fixed = Set(changes.map { FixKey(file: $0.file, location: $0.location, rule: $0.rule) })
        return findings.reduce(0) { count, finding in
            guard finding.severity == .error else { return count }
            if finding.fixable, let location = finding.location,
               fixed.contains(FixKey(file: finding.file, location: location, rule: finding.rule)) { return count }
            return count + 1
        }
    }

    private struct FixKey: Hashable {
        var file: String
        var location: RecordLocation
        var rule: String
    }
}
