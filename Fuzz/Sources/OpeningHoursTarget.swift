import Foundation

/// `OpeningHours(parsing:)` on arbitrary text, then what the rest of the program does with a
/// value that parsed: evaluation at several moments, the leniencies an audit lists, and the
/// normalised spelling, whose promises (OpeningHours+Strictness.swift) are checked here.
enum OpeningHoursTarget {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Readers hand over valid UTF-8 only; invalid bytes become U+FFFD, as they would in a String.
        let text = String(decoding: bytes, as: UTF8.self)
        let choices = FuzzChoices(bytes)
        let problems = OpeningHours.strictProblems(text)
        let hours: OpeningHours
        do throws(OpeningHoursError) {
            hours = try OpeningHours(parsing: text)
        } catch {
            fuzzCheck(error.position >= 0 && error.position <= text.count,
                      "error position \(error.position) outside the \(text.count) characters of \(text.debugDescription)")
            fuzzCheck(problems == [error], "strictProblems disagrees with the parse error of \(text.debugDescription)")
            _ = error.description
            return
        }
        fuzzCheck(problems == hours.leniencies, "strictProblems is not the leniencies of \(text.debugDescription)")
        fuzzCheck(hours.isStrict == hours.leniencies.isEmpty, "isStrict disagrees with the leniencies of \(text.debugDescription)")
        for problem in hours.leniencies {
            fuzzCheck(problem.position >= 0 && problem.position <= text.count, "leniency at \(problem.position) outside \(text.debugDescription)")
        }

        let normalized = hours.normalized
        if hours.isStrict { fuzzCheck(normalized == text, "a strict value normalised to something else: \(text.debugDescription)") }
        do throws(OpeningHoursError) {
            let again = try OpeningHours(parsing: normalized)
            fuzzCheck(again.isStrict, "the normalised \(normalized.debugDescription) of \(text.debugDescription) is not strict: \(again.leniencies)")
            fuzzCheck(again.rules == hours.rules, "the normalised \(normalized.debugDescription) of \(text.debugDescription) means something else")
            fuzzCheck(again.comments == hours.comments, "the normalised \(normalized.debugDescription) of \(text.debugDescription) changed the comments")
        } catch {
            fuzzCheck(false, "the normalised \(normalized.debugDescription) of \(text.debugDescription) does not parse: \(error)")
        }

        // Holidays that depend on the day, so PH/SH rules are taken both ways.
        let isPublicHoliday: ((OpeningHours.Day) -> Bool)? = choices.flag(0) ? nil : { checkedDay($0).day % 3 == 0 }
        let isSchoolHoliday: ((OpeningHours.Day) -> Bool)? = choices.flag(1) ? nil : { checkedDay($0).month % 2 == 0 }
        for date in moments(choices) {
            _ = hours.state(at: date, isPublicHoliday: isPublicHoliday, isSchoolHoliday: isSchoolHoliday)
        }
    }

    /// A fixed moment, the edges of `Date`'s range, and a few chosen by the input: around
    /// midnight and the new year, where spans spill into the next day, and anywhere in ±3000 years.
    static func moments(_ choices: FuzzChoices) -> [Date] {
        let midnight = 1_767_196_800.0  // 2026-01-01 00:00 China time
        return [
            StationChecks.sampleDate, .distantPast, .distantFuture,
            Date(timeIntervalSince1970: midnight + choices.pick([-61, -1, 0, 59, 3600 * 30], bits: 2)),
            Date(timeIntervalSince1970: choices.pick([1.0, -1.0], bits: 8) * Double(choices.number(below: 4096, bits: 9)) * 2.3e7),
        ]
    }

    /// `day`, after checking that it is a real date that names itself again.
    static func checkedDay(_ day: OpeningHours.Day) -> OpeningHours.Day {
        fuzzCheck(OpeningHours.Day(year: day.year, month: day.month, day: day.day) == day, "a holiday predicate saw a day that does not exist: \(day)")
        fuzzCheck((1...7).contains(day.weekday), "weekday \(day.weekday) of \(day)")
        return day
    }
}
