import StationKit

/// An empty entry in an amenity list (`shower;;toilet`, `shower;`, `["shower", ""]`). The readers
/// skip it and the station is read as meant, but other tools may count an empty amenity, and a
/// doubled separator often marks a tag deleted by hand. `--fix` drops it.
struct EmptyAmenityRule: RecordRule {
    static let id = "empty-amenity"
    static let severity = AuditSeverity.warning
    static let summary = "empty entry in the amenity list (fixable: dropped)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let empty = AmenityEntries.emptyCount(in: record.fields)
        guard empty > 0 else { return }
        let what = record.fields.amenityList != nil ? "nothing between two separators, or a separator at an end"
                                                    : "an empty or blank string in the array"
        findings.append(AuditFinding(
            self, record, field: "amenities", value: AmenityEntries.written(record.fields),
            message: "\(empty == 1 ? "an empty amenity entry" : "\(empty) empty amenity entries") (\(what)); readers skip \(empty == 1 ? "it" : "them")",
            suggestion: "write \(AmenityEntries.written(AmenityEntries.with(facts.tags, in: record.fields)))", fixable: true))
    }
}
