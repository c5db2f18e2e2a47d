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
        let data = prepare(load, files: files, boundaries: boundaries)
        let context = AuditContext(data: data, boundaries: boundaries)
        // Rules that look at one record at a time share one pass over the records: each record is
        // loaded once for all of them, not once per rule.
        let recordRules = rules.compactMap { $0 as? any RecordRule }
        progress("record checks")
        var findings = parallelFindings(count: data.sources.count) { index, found in
            guard !data.isBroken(source: index) else { return }
            let record = data.sources[index]
            let facts = RecordFacts(record, index: index, in: data)
            for rule in recordRules { rule.check(record, facts: facts, in: data, into: &found) }
        }
        for rule in rules where !(rule is any RecordRule) {
            progress(type(of: rule).id)
            findings += rule.findings(in: context)
        }
        progress("sorting")
        findings = Self.sorted(Self.withoutExplainedReaderErrors(findings), files: files)
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
            // A row with more fields than the header keeps the extras in columns of their own: say so.
            let extras = record.fields.otherFields.filter { $0.name.hasPrefix("field ") }.map(\.name)
            if !extras.isEmpty {
                changes.append(AuditChange(file: record.origin.file, location: record.origin.location, recordID: record.fields.trimmedID,
                                           rule: UnreadableRecordRule.id, field: "(row)", from: "more fields than the header",
                                           to: "extra values kept in column\(extras.count == 1 ? "" : "s") \(extras.joined(separator: ", "))"))
            }
            guard let rules = flagged[record.origin] else { return record }
            let (fields, made) = RecordFixer.fix(record, flaggedBy: rules, datum: datums[record.origin])
            changes += made
            return SourceRecord(origin: record.origin, fields: fields)
        }
        report.changes = changes
        return cleaned
    }

    /// For each station, the others within 50 m (duplicates and stacks both need them), nearest
    /// first; most stations have none, and an empty array costs no allocation.
    static func neighbours(of stations: [Station]) -> [[Neighbour]] {
        let grid = NeighbourGrid(stations.map(\.coordinate), radius: DuplicateNearbyRule.radius)
        return parallelMap(count: stations.count) { grid.neighbours(of: $0) }
    }

    /// Findings by file (in the order given), record, severity, rule, then as the rules found them
    /// (which is deterministic: rules run in a fixed order over records in file order). The order
    /// is decided on integer keys, so a million findings sort in well under a second.
    static func sorted(_ findings: [AuditFinding], files: [String]) -> [AuditFinding] {
        let fileRanks = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let ruleRanks = Dictionary(uniqueKeysWithValues: AuditRules.ids.enumerated().map { ($1, $0) })
        var lastFile = "", lastRank = 0
        var lastRule = "", lastRuleRank = 0
        let keys = findings.enumerated().map { position, finding -> (Int, Int, Int, Int, Int) in
            if finding.file != lastFile {
                lastFile = finding.file
                lastRank = fileRanks[finding.file] ?? files.count
            }
            if finding.rule != lastRule {
                lastRule = finding.rule
                lastRuleRank = ruleRanks[finding.rule] ?? Int.max
            }
            let severity = finding.severity == .error ? 0 : finding.severity == .warning ? 1 : 2
            return (lastRank, finding.location?.ordinal ?? -1, severity, lastRuleRank, position)
        }
        // Record rules already deliver in record order; often nothing moves.
        if zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) { return findings }
        return keys.sorted { $0 < $1 }.map { findings[$0.4] }
    }

    /// The reader's complaint about a field is dropped when another rule flagged the same field
    /// of the same record: that rule says more (why, and what to write instead).
    static func withoutExplainedReaderErrors(_ findings: [AuditFinding]) -> [AuditFinding] {
        struct Key: Hashable {
            var file: String
            var location: RecordLocation
            var field: String
        }
        // Only records the reader complained about can have a complaint to drop.
        let complained = Set(findings.lazy.filter { $0.rule == UnreadableRecordRule.id }.compactMap { finding in
            finding.location.map { RecordOrigin(file: finding.file, location: $0) }
        })
        guard !complained.isEmpty else { return findings }
        var explained = Set<Key>()
        for finding in findings where finding.rule != UnreadableRecordRule.id && finding.severity == .error {
            guard let location = finding.location, let fields = finding.field,
                  complained.contains(RecordOrigin(file: finding.file, location: location)) else { continue }
            for field in fields.split(separator: ",") { explained.insert(Key(file: finding.file, location: location, field: String(field))) }
        }
        return findings.filter { finding in
            guard finding.rule == UnreadableRecordRule.id, let location = finding.location, let field = finding.field else { return true }
            return !explained.contains(Key(file: finding.file, location: location, field: field))
        }
    }

    /// Links records to stations and locates every station in its province, on all cores.
    func prepare(_ load: LoadResult, files: [String], boundaries: ProvinceBoundaries) -> AuditData {
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
        let declaredIndex = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        declaredIndex.initialize(repeating: -1)
        defer {
            located.deallocate()
            declaredIndex.deallocate()
        }
        nonisolated(unsafe) let shared = located, sharedDeclared = declaredIndex
        let stations = load.stations
        // One GEOS context per worker: copies of the caller's boundaries, made on the main thread.
        nonisolated(unsafe) let perWorker = [boundaries] + (1..<workers).map { _ in boundaries.copy() }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let mine = perWorker[worker]
            var declared: [String: Int] = [:]
            let range = count * worker / workers..<count * (worker + 1) / workers
            for i in range {
                let name = stations[i].province
                var first: Int?
                if !name.isEmpty {
                    if let known = declared[name] {
                        first = known < 0 ? nil : known
                    } else {
                        first = mine.provinceIndex(named: name)
                        declared[name] = first ?? -1
                    }
                    sharedDeclared[i] = Int32(first ?? -1)
                }
                if let found = mine.provinceIndex(containing: stations[i].coordinate, tryingFirst: first) { shared[i] = Int32(found) }
            }
        }
        return AuditData(files: files, sources: load.sources, stationOfSource: stationOfSource, sourceOfStation: sourceOfStation,
                         readerErrors: load.errors, stations: load.stations, index: index, provinces: provinces, locatedProvince: Array(located),
                         declaredProvince: Array(declaredIndex), neighbours: Self.neighbours(of: load.stations),
                         brokenRecords: Set(load.errors.filter { $0.field == nil }.map { RecordOrigin(file: $0.file, location: $0.location) }))
    }
}
