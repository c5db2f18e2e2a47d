/// How a rule joins the rules before it: OSM's three rule separators.
enum RuleSeparator: UInt8, Sendable, Hashable {
    /// `;` (and the first rule): replaces whatever earlier rules said about each day it selects.
    case normal
    /// `,`: adds to earlier rules without replacing them.
    case additional
    /// `||`: starts a group that is consulted only where the groups before it cover nothing.
    case fallback
}

/// A time span of a rule, in minutes from the start of a day the rule selects.
///
/// `end` is always after `start` and at most 48:00 (2880): a span written `20:00-06:00` is stored
/// as 20:00–30:00, so the part past midnight is plainly the next calendar day's.
struct TimeSpan: Sendable, Hashable {
    var start: UInt16
    var end: UInt16
}

/// An inclusive range of days of the year, each as `month * 32 + day` so that comparing keys
/// compares dates; `start > end` wraps over New Year (`Nov-Feb`).
struct DateRange: Sendable, Hashable {
    var start: UInt16
    var end: UInt16

    func contains(_ key: UInt16) -> Bool {
        start <= end ? (start <= key && key <= end) : (key >= start || key <= end)
    }
}

/// One parsed rule: which days it selects, which times of those days, and what it says then.
struct Rule: Sendable, Hashable {
    /// `PH` in ``holidays``.
    static let publicHoliday: UInt8 = 1
    /// `SH` in ``holidays``.
    static let schoolHoliday: UInt8 = 2

    var separator: RuleSeparator
    /// Dates of the year the rule is limited to; empty for every date.
    var dates: [DateRange] = []
    /// Bit 0 is Monday … bit 6 Sunday; all seven when the rule names no weekday.
    var weekdays: UInt8 = 0x7F
    /// ``publicHoliday`` and ``schoolHoliday`` bits: days selected in addition to ``weekdays``.
    var holidays: UInt8 = 0
    /// Empty for the whole day.
    var spans: [TimeSpan] = []
    var state: OpeningState = .open
    var comment: String?
}

/// A place where the text departs from strict OSM syntax in a way we accept: the UTF-8 byte
/// range of what was written and the standard spelling that replaces it. Kept as offsets, not
/// messages, so that clean and sloppy values alike parse without building strings.
struct Fix: Sendable, Hashable {
    var start: Int
    var end: Int
    var replacement: String
    var kind: LeniencyKind
}

/// What kind of non-standard writing a ``Fix`` repairs (it decides the message).
enum LeniencyKind: UInt8, Sendable, Hashable {
    /// Missing, extra, doubled or non-ASCII white space.
    case spacing
    /// `8:00` for `08:00`.
    case hourDigits
    /// `Oct 1` for `Oct 01`.
    case dayDigits
    /// The full-width colon `：`.
    case colon
    /// `–`, `—`, `~`, `～`, `－` or `至` for `-`.
    case dash
    /// The full-width `；` or `，`.
    case punctuation
    /// Curly quotes `“…”` around a comment.
    case quotes
    /// `mo`, `MON`, `Off`: a keyword in the wrong case.
    case letterCase
    /// `Mon`, `Monday`, `March`: a longer English name.
    case name
    /// A `;` or `,` after the last rule.
    case trailingSeparator
    /// Time ranges separated by a space instead of `,`.
    case listSeparator
}
