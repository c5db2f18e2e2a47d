import StationKit

/// A `province` value that names no province of the boundary file.
struct UnknownProvinceRule: AuditRule {
    static let id = "unknown-province"
    static let severity = AuditSeverity.warning
    static let summary = "province field names no known province"

    func findings(in audit: AuditContext) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for record in audit.data.sources {
            let name = record.fields.province.trimmed()
            guard !name.isEmpty, audit.declaredProvince(name) == nil else { continue }
            findings.append(AuditFinding(self, record, field: "province", value: record.fields.province,
                                         message: "'\(name)' is not a province-level unit of China",
                                         suggestion: closestProvince(to: name, in: audit.boundaries.provinces).map { "did you mean '\($0)'?" }))
        }
        return findings
    }

    /// The full Chinese name nearest in edit distance, when reasonably near.
    func closestProvince(to name: String, in provinces: [Province]) -> String? {
        let candidates = provinces.map(\.nameZh)
        guard let best = candidates.min(by: { editDistance(Array(name), Array($0)) < editDistance(Array(name), Array($1)) })
        else { return nil }
        return editDistance(Array(name), Array(best)) <= max(1, name.count / 2) ? best : nil
    }
}
