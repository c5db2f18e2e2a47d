import ArgumentParser
import Foundation
import StationKit

/// `--open-now` and `--open-at TIME`, shared by the commands that can ask "open when?".
struct OpenTimeOptions: ParsableArguments {
    @Flag(name: .long, help: "Only stations open now (China Standard Time); stations with unknown hours are listed after them, marked.")
    var openNow = false

    @Option(name: .long, help: ArgumentHelp(
        "Only stations open at this time: 2026-11-21T22:00 (China time), or with an offset (…T14:00Z, …T22:00+08:00).",
        valueName: "time"))
    var openAt: String?

    func validate() throws {
        if openNow && openAt != nil { throw ValidationError("give --open-now or --open-at, not both") }
        if let openAt { _ = try Self.parse(openAt) }
    }

    /// The instant asked about, or nil when neither option was given.
    func instant(now: Date = Date()) throws -> Date? {
        if openNow { return now }
        return try openAt.map(Self.parse)
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` in China Standard Time, or with `Z` / `±HH:MM`; a space may replace the `T`.
    static func parse(_ text: String) throws(ValidationError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):?(\d{2}))?$"#
        let expression = try! NSRegularExpression(pattern: pattern)
        guard let match = expression.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)) else {
            throw ValidationError("--open-at '\(text)' is not a time like 2026-11-21T22:00 (China time) or 2026-11-21T14:00Z")
        }
        func group(_ n: Int) -> String? {
            Range(match.range(at: n), in: trimmed).map { String(trimmed[$0]) }
        }
        let number = { (n: Int) in group(n).flatMap { Int($0) } ?? 0 }
        var offset = OpeningHours.chinaUTCOffset
        if group(7) == "Z" {
            offset = 0
        } else if let sign = group(8) {
            offset = (number(9) * 3600 + number(10) * 60) * (sign == "-" ? -1 : 1)
        }
        guard let day = OpeningHours.Day(year: number(1), month: number(2), day: number(3)),
              (0...23).contains(number(4)), (0...59).contains(number(5)), (0...59).contains(number(6)) else {
            throw ValidationError("--open-at '\(text)': no such date or time")
        }
        var components = DateComponents()
        (components.year, components.month, components.day) = (day.year, day.month, day.day)
        (components.hour, components.minute, components.second) = (number(4), number(5), number(6))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        return calendar.date(from: components)!
    }
}
