import StationKit

/// A latitude beyond ±90 or a longitude beyond ±180 that is not simply a swapped pair.
struct CoordinateOutOfRangeRule: RecordRule {
    static let id = "coordinate-out-of-range"
    static let severity = AuditSeverity.error
    static let summary = "latitude beyond ±90 or longitude beyond ±180"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let fields = record.fields
        guard let (latitude, longitude) = facts.position, !facts.isSwapped else { return }
        if abs(latitude) > 90 {
            findings.append(AuditFinding(self, record, field: "lat", value: fields.latitude.written,
                                         message: "latitude must be between -90 and 90",
                                         suggestion: "check the geocoding of this station"))
        }
        if abs(longitude) > 180 {
            findings.append(AuditFinding(self, record, field: "lon", value: fields.longitude.written,
                                         message: "longitude must be between -180 and 180",
                                         suggestion: "check the geocoding of this station"))
        }
    }
}
