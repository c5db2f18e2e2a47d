import StationKit

/// Latitude and longitude entered the wrong way round: the pair is not in China, the swapped pair is.
struct SwappedCoordinatesRule: RecordRule {
    static let id = "swapped-coordinates"
    static let severity = AuditSeverity.error
    static let summary = "latitude and longitude swapped (fixable)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let fields = record.fields
        guard facts.isSwapped, let (latitude, longitude) = facts.position else { return }
        let written = "\(fields.latitude.written ?? ""),\(fields.longitude.written ?? "")"
        let whereItIs = abs(latitude) > 90 ? "the latitude is out of range" : "that point is outside China"
        findings.append(AuditFinding(
            self, record, field: "lat,lon", value: written,
            message: "latitude and longitude are swapped: as written \(whereItIs); swapped, the station lies in China",
            suggestion: "lat \(fields.longitude.written?.trimmed() ?? "\(longitude)"), lon \(fields.latitude.written?.trimmed() ?? "\(latitude)")",
            fixable: true))
    }
}
