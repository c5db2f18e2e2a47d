/// Why an `opening_hours` value could not be read, or where it departs from strict OSM syntax.
///
/// Thrown by ``OpeningHours/init(parsing:)`` (kinds ``Kind/invalid`` and ``Kind/unsupported``) and
/// listed by ``OpeningHours/leniencies`` and ``OpeningHours/strictProblems(_:)`` (kind
/// ``Kind/nonStandard``, which parsing accepted).
public struct OpeningHoursError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the text.
    public enum Kind: Sendable, Hashable {
        /// Not OSM syntax, and not a slip we can read either.
        case invalid
        /// Valid OSM syntax that this parser does not evaluate (sunrise, years, week numbers, …).
        case unsupported
        /// Accepted, but not strict OSM syntax; the message says how to write it.
        case nonStandard
    }

    /// What is wrong with the text.
    public var kind: Kind
    /// Where, as a 0-based offset in Characters (not bytes) into the text.
    public var position: Int
    /// Plain words for a registry keeper: what was expected and what was found instead, or how to
    /// write it in standard syntax. Does not repeat the position.
    public var message: String

    /// Makes an error; `position` counts Characters from 0.
    public init(kind: Kind, position: Int, message: String) {
        self.kind = kind
        self.position = position
        self.message = message
    }

    /// The message with its place, counted from 1 as a person reading the text counts characters
    /// (``position`` + 1), e.g. `at character 7: expected a time like 08:00, found '8:0-18:00'`.
    public var description: String { "at character \(position + 1): \(message)" }
}
