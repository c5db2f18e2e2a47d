import StationKit

/// One check of a registry. Each rule lives in its own file under `Audit/Rules/`, has an id that
/// never changes (scripts filter on it) and a severity for all its findings unless it says otherwise.
public protocol AuditRule: Sendable {
    /// Stable id, e.g. `swapped-coordinates`.
    static var id: String { get }
    /// The severity of the rule's findings.
    static var severity: AuditSeverity { get }
    /// One line: what the rule looks for.
    static var summary: String { get }
    /// The rule's findings over the whole input (order does not matter: the report sorts them).
    func findings(in audit: AuditContext) -> [AuditFinding]
}

/// A rule that looks at one record at a time, run on all cores.
protocol RecordRule: AuditRule {
    /// Appends the findings for `record`; `facts` holds what several rules derive from it.
    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding])
}

extension RecordRule {
    func findings(in audit: AuditContext) -> [AuditFinding] {
        let data = audit.data
        return parallelFindings(count: data.sources.count) { index, findings in
            // A row cut short or run together has its values in the wrong columns: judging them
            // would only add noise to the reader's own complaint.
            guard !data.isBroken(source: index) else { return }
            let record = data.sources[index]
            check(record, facts: RecordFacts(record, index: index, in: data), in: data, into: &findings)
        }
    }
}

/// Every rule, in the order `stations audit --list-rules` shows them.
public enum AuditRules {
    public static let all: [any AuditRule] = [
        UnreadableRecordRule(),
        CoordinateNotANumberRule(), CoordinateAsStringRule(), CoordinateOutOfRangeRule(), SwappedCoordinatesRule(), NullIslandRule(),
        OutsideChinaRule(), LowPrecisionRule(),
        OutsideDeclaredProvinceRule(), UnknownProvinceRule(), DatumMismatchRule(), DeclaredDatumRule(),
        DuplicateIDRule(), NumericIDRule(), DuplicateNearbyRule(), StackedCoordinatesRule(),
        MissingNameRule(), MissingAddressRule(), UnknownKindRule(), UnknownAmenityRule(), NonCanonicalTagRule(),
        NoAmenitiesRule(), EmptyAmenityRule(), RepeatedAmenityRule(), KindLacksAmenityRule(), PhoneFormatRule(), OpeningHoursSyntaxRule(),
        NonStandardOpeningHoursRule(), WhitespaceRule(),
    ]

    /// The ids of ``all``.
    public static var ids: [String] { all.map { type(of: $0).id } }

    /// The rules with these ids, in the order of ``all``; nil names the first unknown id.
    public static func selecting(_ ids: [String]) -> Result<[any AuditRule], UnknownRuleError> {
        let known = Set(Self.ids)
        if let unknown = ids.first(where: { !known.contains($0) }) { return .failure(UnknownRuleError(id: unknown)) }
        return .success(all.filter { ids.contains(type(of: $0).id) })
    }
}

/// A rule id that no rule has.
public struct UnknownRuleError: Error, Sendable, CustomStringConvertible {
    public var id: String
    public var description: String {
        let closest = AuditRules.ids.min { editDistance(Array(id), Array($0)) < editDistance(Array(id), Array($1)) }
        var text = "unknown rule '\(id)'"
        if let closest, editDistance(Array(id), Array(closest)) <= max(2, id.count / 3) { text += " (did you mean '\(closest)'?)" }
        return text + "; `stations audit --list-rules` lists them"
    }
}
