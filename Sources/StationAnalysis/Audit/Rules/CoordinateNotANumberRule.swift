import StationKit

/// A latitude or longitude that is missing, not a number, or not finite (NaN, Infinity).
struct CoordinateNotANumberRule: RecordRule {
    static let id = "coordinate-not-a-number"
    static let severity = AuditSeverity.error
    static let summary = "latitude or longitude missing, not a number, or NaN/Infinity"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let fields = record.fields
        // A GeoJSON feature without a Point has no coordinates to judge; the reader's own message
        // ("a station needs a Point geometry") says it better.
        if case .feature = record.origin.location, case .missing = fields.latitude, case .missing = fields.longitude { return }
        for (field, name, value) in [("lat", "latitude", fields.latitude), ("lon", "longitude", fields.longitude)] {
            let written = value.written
            if written?.trimmed().isEmpty ?? true {
                findings.append(AuditFinding(self, record, field: field, value: written, message: "missing \(name)",
                                             suggestion: "geocode the address and fill in the \(name)"))
            } else if let number = value.number {
                if !number.isFinite {
                    findings.append(AuditFinding(self, record, field: field, value: written,
                                                 message: "\(name) is not a finite number",
                                                 suggestion: "geocode the address and fill in the \(name)"))
                }
            } else {
                findings.append(AuditFinding(self, record, field: field, value: written, message: "\(name) is not a number",
                                             suggestion: "write decimal degrees, e.g. 37.870512 (not degrees-minutes-seconds)"))
            }
        }
    }
}
