import StationKit

/// An amenity listed twice (`shower;shower`, or `淋浴;shower`, the same tag in two spellings): the
/// station has it once, and a repeat is usually a copy-paste slip hiding a tag meant instead.
/// `--fix` keeps the first mention.
struct RepeatedAmenityRule: RecordRule {
    static let id = "repeated-amenity"
    static let severity = AuditSeverity.warning
    static let summary = "the same amenity listed more than once (fixable: first kept)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let kept = AmenityEntries.withoutRepeats(facts.tags)
        guard kept.count < facts.tags.count else { return }
        // One clause per repeated amenity, in the order of first mention, with its spellings when they differ.
        let clauses = kept.compactMap { first -> String? in
            let key = AmenityEntries.key(first)
            let mentions = facts.tags.filter { AmenityEntries.key($0) == key }
            guard mentions.count > 1 else { return nil }
            let times = mentions.count == 2 ? "twice" : "\(mentions.count) times"
            let spellings = Set(mentions.map { $0.trimmed() })
            let written = spellings.count > 1 ? " (as " + mentions.map { "'\($0.trimmed())'" }.joined(separator: ", ") + ")" : ""
            return "'\(key)' is listed \(times)\(written)"
        }
        findings.append(AuditFinding(
            self, record, field: "amenities", value: AmenityEntries.written(record.fields),
            message: clauses.joined(separator: "; "),
            suggestion: "list each amenity once: \(AmenityEntries.written(AmenityEntries.with(kept, in: record.fields)))", fixable: true))
    }
}
