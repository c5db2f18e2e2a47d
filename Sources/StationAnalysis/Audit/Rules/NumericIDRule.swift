import StationKit

/// A GeoJSON feature id written as a number (`"id": 17`). RFC 7946 allows it and the reader takes
/// its text, but ids are compared as text: `17` and `17.0` are two ids, `17` and `"17"` one, which
/// is rarely what whoever typed them meant. `--fix` writes it as a string, with the same text.
struct NumericIDRule: RecordRule {
    static let id = "numeric-id"
    static let severity = AuditSeverity.warning
    static let summary = "GeoJSON id written as a number (fixable: written as a string)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        guard record.fields.idIsNumber, let id = record.fields.id else { return }
        findings.append(AuditFinding(
            self, record, field: "id", value: id,
            message: "the id is a number; ids are compared as text, so 17, 17.0 and \"17\" are different ids, or the same by accident",
            suggestion: "write it as a string: \(CoordinateAsStringRule.quoted(id))", fixable: true))
    }
}
