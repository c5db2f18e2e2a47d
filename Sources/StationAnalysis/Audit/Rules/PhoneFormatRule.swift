import StationKit

/// A phone number that is not a Chinese mobile, landline, 400/800 or service number (see
/// ``PhoneNumber`` for the formats accepted).
struct PhoneFormatRule: RecordRule {
    static let id = "phone-format"
    static let severity = AuditSeverity.warning
    static let summary = "phone not a Chinese mobile, landline or service number"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let phone = record.fields.phone.trimmed()
        guard !phone.isEmpty, let problem = PhoneNumber.problem(in: phone) else { return }
        findings.append(AuditFinding(self, record, field: "phone", value: record.fields.phone,
                                     message: "not a phone number we can dial: \(problem)",
                                     suggestion: "write e.g. 0351-1234567 (landline with area code) or 13812345678 (mobile)"))
    }
}
