import StationKit

/// How much a finding matters to a registry keeper.
public enum AuditSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The record is wrong or unusable: queries skip it or put it in the wrong place.
    case error
    /// Probably wrong or incomplete; worth a look.
    case warning
    /// Worth knowing; nothing is wrong as such.
    case info

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: AuditSeverity, rhs: AuditSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem with one record (or with a whole file, when ``origin`` has no record).
public struct AuditFinding: Sendable, Hashable {
    /// The stable id of the rule that found it, e.g. `swapped-coordinates`.
    public var rule: String
    public var severity: AuditSeverity
    /// The file and line or feature; for a whole-file finding the location is nil.
    public var file: String
    public var location: RecordLocation?
    /// The record's id as written, when it has one.
    public var recordID: String?
    /// The field at fault (`lat,lon` when both are), in the interchange format's English name.
    public var field: String?
    /// The offending value as written.
    public var value: String?
    /// What is wrong, in words a registry keeper understands.
    public var message: String
    /// What to do about it, when we can tell.
    public var suggestion: String?
    /// Whether `--fix` corrects it (the fixes themselves are listed as ``AuditChange``s).
    public var fixable: Bool

    public init(rule: String, severity: AuditSeverity, file: String, location: RecordLocation?, recordID: String?,
                field: String?, value: String?, message: String, suggestion: String? = nil, fixable: Bool = false) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.location = location
        self.recordID = recordID
        self.field = field
        self.value = value
        self.message = message
        self.suggestion = suggestion
        self.fixable = fixable
    }

    /// A finding about `record` (file, location and id filled in from it).
    init(_ rule: some AuditRule, _ record: SourceRecord, field: String?, value: String?, message: String,
         suggestion: String? = nil, fixable: Bool = false, severity: AuditSeverity? = nil) {
        let id = record.fields.id?.trimmed()
        self.init(rule: type(of: rule).id, severity: severity ?? type(of: rule).severity, file: record.origin.file,
                  location: record.origin.location, recordID: id?.isEmpty == false ? id : nil,
                  field: field, value: value, message: message, suggestion: suggestion, fixable: fixable)
    }

    /// `registry.csv, line 7 (id stn-7)`.
    public var place: String {
        var text = file
        if let location { text += ", \(location)" }
        if let recordID { text += " (id \(recordID))" }
        return text
    }
}

/// One change `--fix` made to one field of one record.
public struct AuditChange: Sendable, Hashable {
    public var file: String
    public var location: RecordLocation
    public var recordID: String?
    /// The rule whose finding the change answers.
    public var rule: String
    public var field: String
    public var from: String
    public var to: String

    public init(file: String, location: RecordLocation, recordID: String?, rule: String, field: String, from: String, to: String) {
        self.file = file
        self.location = location
        self.recordID = recordID
        self.rule = rule
        self.field = field
        self.from = from
        self.to = to
    }
}
