import StationKit

/// A GeoJSON position value written as a string (`"coordinates": ["112.5", "37.9"]`). RFC 7946
/// positions are numbers, so the reader rejects the station; this rule says so in place of the
/// reader's complaint, and `--fix` writes the number. CSV values are text by nature and never flagged.
struct CoordinateAsStringRule: RecordRule {
    static let id = "coordinate-as-string"
    static let severity = AuditSeverity.error
    static let summary = "GeoJSON coordinate written as a string, e.g. \"37.9\" (fixable: written as a number)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        for (field, name, value) in [("lon", "longitude", record.fields.longitude), ("lat", "latitude", record.fields.latitude)] {
            guard let text = Self.quotedNumber(value) else { continue }
            findings.append(AuditFinding(
                self, record, field: field, value: Self.quoted(text),
                message: "\(name) is a string, not a number (RFC 7946 positions are numbers); stations near skips the station",
                suggestion: "write it as a number, without quotes: \(CleanedRecords.jsonNumber(value) ?? text)", fixable: true))
        }
    }

    /// The string's text when it holds a finite number (a string that holds none is
    /// `coordinate-not-a-number`'s business).
    static func quotedNumber(_ value: RawStation.Number) -> String? {
        guard case .string(let text) = value, let number = value.number, number.isFinite else { return nil }
        return text
    }

    /// `"112.5"`, as it stands in the file.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        JSONValue.writeString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
