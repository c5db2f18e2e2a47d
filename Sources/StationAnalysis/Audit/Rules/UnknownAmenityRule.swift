import StationKit

/// An amenity tag that is neither canonical nor a known alias, with the closest canonical tag
/// (for Chinese terms too: `免费淋浴` contains the alias 淋浴, so it suggests `shower`).
struct UnknownAmenityRule: RecordRule {
    static let id = "unknown-amenity"
    static let severity = AuditSeverity.error
    static let summary = "amenity tag not in the vocabulary (with the closest tag)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        for tag in facts.tags {
            guard (try? Amenity(parsing: tag)) == nil else { continue }
            let suggestion = Self.closest(to: tag)
            findings.append(AuditFinding(
                self, record, field: "amenities", value: tag, message: "unknown amenity '\(tag.trimmed())'",
                suggestion: suggestion.map { "did you mean '\($0.rawValue)' (\($0.chineseName))?" }
                    ?? "use a tag of the vocabulary: stations near --help lists them"))
        }
    }

    /// A containing or contained Chinese alias first (edit distance alone misses `免费淋浴`), then
    /// the nearest tag or alias.
    static func closest(to tag: String) -> Amenity? {
        let key = tag.trimmed().lowercased()
        let aliases = Amenity.allCases.flatMap { amenity in amenity.chineseAliases.map { ($0, amenity) } }
            .sorted { $0.0.count > $1.0.count }
        if let found = aliases.first(where: { key.contains($0.0) || ($0.0.contains(key) && key.count >= 2) }) { return found.1 }
        return Amenity.closestTag(to: key)
    }
}
