import StationKit

/// A kind that is missing or none of the three (nor a known alias), with the nearest one.
struct UnknownKindRule: RecordRule {
    static let id = "unknown-kind"
    static let severity = AuditSeverity.error
    static let summary = "kind missing or not one of the three kinds"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let text = (record.fields.kind ?? "").trimmed()
        guard Kind(parsing: text) == nil else { return }
        let choices = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        if text.isEmpty {
            findings.append(AuditFinding(self, record, field: "kind", value: record.fields.kind ?? "",
                                         message: "missing kind", suggestion: "one of \(choices)"))
            return
        }
        let suggestion = Self.closestKind(to: text).map { "did you mean '\($0.rawValue)' (\($0.chineseName))?" } ?? "one of \(choices)"
        findings.append(AuditFinding(self, record, field: "kind", value: record.fields.kind,
                                     message: "unknown kind '\(text)'", suggestion: suggestion))
    }

    /// The kind whose tag or Chinese name is contained in the text or nearest in edit distance.
    static func closestKind(to text: String) -> Kind? {
        let lowered = text.lowercased()
        var names: [(String, Kind)] = Kind.allCases.flatMap { [($0.rawValue, $0), ($0.chineseName, $0)] }
        names += [("司机之家", .driverHome), ("驿站", .outdoorWorkerStation), ("康乃馨", .carnationStation), ("妈咪", .carnationStation)]
        if let contained = names.first(where: { lowered.contains($0.0) }) { return contained.1 }
        let best = names.min { editDistance(Array(lowered), Array($0.0)) < editDistance(Array(lowered), Array($1.0)) }!
        return editDistance(Array(lowered), Array(best.0)) <= max(2, lowered.count / 3) ? best.1 : nil
    }
}
