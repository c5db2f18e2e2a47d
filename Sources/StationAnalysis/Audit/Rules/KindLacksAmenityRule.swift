import StationKit

/// A kind without the amenity that defines it: a driver home without parking, a carnation station
/// without a lactation room. Outdoor-worker stations vary too much to have one.
struct KindLacksAmenityRule: RecordRule {
    static let id = "kind-lacks-amenity"
    static let severity = AuditSeverity.warning
    static let summary = "driver home without parking, carnation station without lactation room"

    /// The amenity each kind is defined by (DESIGN.md: the three kinds).
    static func defining(_ kind: Kind) -> Amenity? {
        switch kind {
        case .driverHome: .parking
        case .carnationStation: .lactationRoom
        case .outdoorWorkerStation: nil
        }
    }

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        // Stations with no amenities at all are the no-amenities rule's business.
        guard let kind = facts.kind, !facts.amenities.isEmpty,
              let needed = Self.defining(kind), !facts.amenities.contains(needed) else { return }
        findings.append(AuditFinding(
            self, record, field: "amenities", value: record.fields.amenityList ?? record.fields.amenities.joined(separator: ";"),
            message: "a \(kind.rawValue) (\(kind.chineseName)) without \(needed.rawValue) (\(needed.chineseName))",
            suggestion: "add \(needed.rawValue) if the station has it; otherwise check the kind"))
    }
}
