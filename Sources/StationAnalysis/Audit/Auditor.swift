import Dispatch
import Foundation
import StationKit

/// Runs audit rules over loaded records and gathers one sorted report.
public struct Auditor {
    /// The rules to run, in ``AuditRules/all`` order.
    public var rules: [any AuditRule]
    /// Whether to compute the coverage summary (stations per province and kind, isolated stations).
    public var coverage: Bool
    /// Where the province outlines come from; called once per core, because a GEOS context belongs
    /// to one thread.
    public var boundaries: @Sendable () throws(ProvinceBoundariesError) -> ProvinceBoundaries

    public init(rules: [any AuditRule] = AuditRules.all, coverage: Bool = true,
                boundaries: @escaping @Sendable () throws(ProvinceBoundariesError) -> ProvinceBoundaries = { () throws(ProvinceBoundariesError) in try ProvinceBoundaries.embedded() }) {
        self.rules = rules
        self.coverage = coverage
        self.boundaries = boundaries
    }

    /// Audits `load`, which must have been read with `keepingSources: true`.
    /// `progress` hears the name of each step as it starts.
    public func audit(_ load: LoadResult, files: [String], progress: (String) -> Void = { _ in }) throws(ProvinceBoundariesError) -> AuditReport {
        progress("locating stations in provinces")
        let boundaries = try self.boundaries()
        let data = try prepare(load, files: files, boundaries: boundaries)
        let context = AuditContext(data: data, boundaries: boundaries)
        var findings: [AuditFinding] = []
        for rule in rules {
            progress(type(of: rule).id)
            findings += rule.findings(in: context)
        }
        findings = Self.withoutExplainedReaderErrors(findings)
        let ranks = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        let ruleOrder = Dictionary(uniqueKeysWithValues: AuditRules.ids.enumerated().map { ($1, $0) })
        findings.sort { a, b in
            (ranks[a.file] ?? Int.max, a.location?.sortKey ?? -1, a.severity, ruleOrder[a.rule] ?? Int.max, a.field ?? "", a.message)
                < (ranks[b.file] ?? Int.max, b.location?.sortKey ?? -1, b.severity, ruleOrder[b.rule] ?? Int.max, b.field ?? "", b.message)
        }
        if coverage { progress("coverage") }
        return AuditReport(
            files: files,
            rules: rules.map { AuditReport.RuleInfo(id: type(of: $0).id, severity: type(of: $0).severity, summary: type(of: $0).summary) },
            recordCount: load.sources.count, stationCount: load.stations.count, findings: findings,
            notices: load.notices, coverage: coverage ? CoverageSummary.compute(data) : nil)
    }

    /// Applies the unambiguous fixes the report's findings allow; every record is kept, in order.
    public static func fix(_ load: LoadResult, report: inout AuditReport) -> [SourceRecord] {
        var flagged: [RecordOrigin: Set<String>] = [:]
        for finding in report.findings where finding.fixable {
            guard let location = finding.location else { continue }
            flagged[RecordOrigin(file: finding.file, location: location), default: []].insert(finding.rule)
        }
        var datums: [RecordOrigin: Datum] = [:]
        for (station, origin) in zip(load.stations, load.origins) where flagged[origin] != nil { datums[origin] = station.sourceDatum }
        var changes: [AuditChange] = []
        let cleaned = load.sources.map { record -> SourceRecord in
            guard let rules = flagged[record.origin] else { return record }
            let (fields, made) = RecordFixer.fix(record, flaggedBy: rules, datum: datums[record.origin])
            changes += made
            return SourceRecord(origin: record.origin, fields: fields)
        }
        report.changes = changes
        return cleaned
    }

    /// The reader's complaint about a field is dropped when another rule flagged the same field
    /// of the same record: that rule says more (why, and what to write instead).
    static func withoutExplainedReaderErrors(_ findings: [AuditFinding]) -> [AuditFinding] {
        struct Key: Hashable {
            var file: String
            var location: RecordLocation
            var field: String
        }
        var explained = Set<Key>()
        for finding in findings where finding.rule != UnreadableRecordRule.id && finding.severity == .error {
            guard let location = finding.location, let fields = finding.field else { continue }
            for field in fields.split(separator: ",") { explained.insert(Key(file: finding.file, location: location, field: String(field))) }
        }
        return findings.filter { finding in
            guard finding.rule == UnreadableRecordRule.id, let location = finding.location, let field = finding.field else { return true }
            return !explained.contains(Key(file: finding.file, location: location, field: field))
        }
    }

    /// Links records to stations and locates every station in its province, on all cores.
    func prepare(_ load: LoadResult, files: [String], boundaries: ProvinceBoundaries) throws(ProvinceBoundariesError) -> AuditData {
        precondition(load.sources.count >= load.stations.count, "audit input must be read with keepingSources: true")
        // Stations are the records that passed, in the same order: one merge pass pairs them.
        var stationOfSource = [Int?](repeating: nil, count: load.sources.count)
        var sourceOfStation = [Int](repeating: 0, count: load.stations.count)
        var next = 0
        for (index, record) in load.sources.enumerated() where next < load.origins.count && load.origins[next] == record.origin {
            stationOfSource[index] = next
            sourceOfStation[next] = index
            next += 1
        }
        precondition(next == load.stations.count, "every station comes from a source record")

        let index = StationIndex(load.stations)
        let provinces = boundaries.provinces
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let count = load.stations.count
        let located = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        located.initialize(repeating: -1)
        defer { located.deallocate() }
        nonisolated(unsafe) let shared = located
        let stations = load.stations
        let makeBoundaries = self.boundaries
        nonisolated(unsafe) let mainBoundaries = boundaries
        let failures = FailureBox()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Worker 0 uses the caller's boundaries; the others need their own GEOS context.
            let mine: ProvinceBoundaries
            if worker == 0 {
                mine = mainBoundaries
            } else {
                do throws(ProvinceBoundariesError) { mine = try makeBoundaries() } catch { failures.record(error); return }
            }
            let ranks = Dictionary(uniqueKeysWithValues: mine.provinces.enumerated().map { ($1, Int32($0)) })
            let range = count * worker / workers..<count * (worker + 1) / workers
            for i in range {
                if let province = mine.province(containing: stations[i].coordinate) { shared[i] = ranks[province] ?? -1 }
            }
        }
        if let error = failures.error { throw error }
        return AuditData(files: files, sources: load.sources, stationOfSource: stationOfSource, sourceOfStation: sourceOfStation,
                         readerErrors: load.errors, index: index, provinces: provinces, locatedProvince: Array(located),
                         brokenRecords: Set(load.errors.filter { $0.field == nil }.map { RecordOrigin(file: $0.file, location: $0.location) }))
    }
}

/// The first error any worker hit.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: ProvinceBoundariesError?
    func record(_ error: ProvinceBoundariesError) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}

extension RecordLocation {
    /// Lines and features in file order.
    var sortKey: Int {
        switch self {
        case .line(let line): line
        case .feature(let index): index
        }
    }
}
