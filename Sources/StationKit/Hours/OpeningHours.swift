/// A station's opening hours, parsed from OpenStreetMap `opening_hours` syntax
/// (<https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification>) and evaluated in
/// China Standard Time with ``state(at:isPublicHoliday:isSchoolHoliday:)``.
///
/// **Syntax read** (the part of OSM that station registries use):
/// - `24/7`;
/// - rules joined by `;` (a later rule replaces earlier ones on every day it selects, including
///   hours that spill over into that day from the evening before), `,` (an additional rule: it
///   adds to earlier rules and replaces nothing) and `||` (a fallback: the rules after it are
///   consulted only at moments that no rule before it covers);
/// - dates of the year: `Jan-Mar`, `Nov-Feb`, `Dec 25`, `Dec 24-26`, `Dec 24-Jan 02`, and lists
///   `Jan,Jul`;
/// - weekdays `Mo` … `Su`, ranges `Mo-Fr`, ranges past Sunday `Sa-Mo`, lists `Mo,We,Fr`, and the
///   holidays `PH` and `SH` (which select a day only through a holiday predicate); no weekday means
///   every day;
/// - times `08:00-18:00`, lists `08:00-12:00,14:00-18:00`, ranges past midnight `20:00-06:00`
///   (the hours after midnight belong to the next calendar day: `Fr 20:00-06:00` is open on
///   Saturday at 03:00), closing times up to `48:00`, and `24:00` as a closing time; a range whose
///   end equals its start lasts 24 hours; no time means the whole day;
/// - the modifiers `open`, `off` and `closed`, and `unknown`, and comments in double quotes after
///   them or alone (``comments``). A rule that is only a comment (`"by appointment"`) is unknown.
///
/// Where a `,` could join a list or start an additional rule, it joins the list when the same
/// kind of item follows it (a time after times, a day after days, a month after months), as
/// opening_hours.js reads it; so `Mo, We 10:00-12:00` is one rule, and a `,` after days that is
/// followed by something else is an error. Rules in a `||` group after the first replace each
/// other with `;` and `,` as usual, but never the groups before them.
///
/// Valid OSM syntax we do not evaluate is rejected with ``OpeningHoursError/Kind/unsupported``:
/// years, week numbers, `easter`, `Su[1]`, `PH Mo-Fr`, sunrise and sunset, `18:00+`, `/01:30`.
///
/// **Leniencies.** Registries are typed by hand; these slips are read as meant, and each is listed
/// in ``leniencies`` (``isStrict`` is false, ``normalized`` is the standard spelling):
/// - white space that differs from the standard (missing, doubled, around `-` or `,`, before
///   `;`, at the ends, tabs, the ideographic space U+3000 and the no-break space);
/// - one-digit hours `8:00` and days `Oct 1`;
/// - the full-width colon `：`, semicolon `；` and comma `，`, and curly quotes `“…”`;
/// - `–` (en dash), `—` (em dash), `~`, `～`, `－` and `至` in place of `-`;
/// - keywords in another case (`mo-fr`, `OFF`, `ph`) and English names (`Mon`, `Monday`, `Sept`);
/// - a `;` or `,` after the last rule, and a space instead of `,` between time ranges.
public struct OpeningHours: Sendable, Hashable {
    /// The value as given.
    public let text: String
    /// The comments of the rules, in order, without their quotes.
    public let comments: [String]
    let rules: [Rule]
    /// Non-standard spellings accepted, as UTF-8 byte ranges of ``text``.
    let fixes: [Fix]

    /// The longest value read, in UTF-8 bytes: eight times what OpenStreetMap allows in a tag
    /// (255 characters), so no real value is refused, while a damaged cell of megabytes costs
    /// no parse (the audit parses every record's hours).
    public static let maxLength = 2_048

    /// Parses an `opening_hours` value.
    /// - Throws: ``OpeningHoursError`` saying where the text stops making sense and what was
    ///   expected there.
    public init(parsing text: String) throws(OpeningHoursError) {
        guard text.utf8.count <= Self.maxLength else {
            throw OpeningHoursError(kind: .invalid, position: 0, message:
                "the opening hours are \(text.utf8.count) bytes long, more than the \(Self.maxLength) read (OpenStreetMap allows 255 characters); shorten them and put long explanations in a comment field")
        }
        var utf8 = text
        // withUTF8 rethrows untyped errors; carry the typed one out in a Result.
        let outcome: Result<(rules: [Rule], comments: [String], fixes: [Fix]), ParseFailure> = utf8.withUTF8 { bytes in
            var parser = OpeningHoursParser(bytes)
            do throws(ParseFailure) {
                try parser.parse()
                return .success((parser.rules, parser.comments, parser.fixes))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let parsed):
            self.text = text
            comments = parsed.comments
            rules = parsed.rules
            fixes = parsed.fixes
        case .failure(let failure):
            throw OpeningHoursError(kind: failure.kind, position: OpeningHours.characterOffset(ofByte: failure.offset, in: text),
                                    message: failure.message)
        }
    }

    /// ``init(parsing:)`` as a `Result`.
    public static func parse(_ text: String) -> Result<OpeningHours, OpeningHoursError> {
        do throws(OpeningHoursError) {
            return .success(try OpeningHours(parsing: text))
        } catch {
            return .failure(error)
        }
    }

    /// The Character offset of a UTF-8 byte offset of `text` (only needed for messages, so a
    /// walk over the Characters is fine).
    static func characterOffset(ofByte byteOffset: Int, in text: String) -> Int {
        var bytes = 0
        var characters = 0
        for character in text {
            if bytes >= byteOffset { break }
            bytes += character.utf8.count
            characters += 1
        }
        return characters
    }
}
