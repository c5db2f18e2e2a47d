import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The evaluator against a brute-force reference on random values: the reference paints the
/// minutes of a run of days, rule by rule, the way the OSM semantics are described in
/// ``OpeningHours``; the evaluator decides one moment at a time.
@Suite struct OpeningHoursOracleTests {
    static let china: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar
    }()

    /// The state of every minute of `days` consecutive days from `first` (midnight, China time),
    /// painted rule by rule. Minutes of the first day are only right from the second day on (a
    /// night before `first` is not painted), so callers start one day early.
    static func paint(_ value: RandomOpeningHours, from first: Date, days: Int, holidays: Set<Int>) -> [OpeningState] {
        let facts = (0..<days).map { offset -> (weekday: Int, month: Int, day: Int, holiday: Bool) in
            let components = china.dateComponents([.year, .month, .day, .weekday], from: first.addingTimeInterval(Double(offset) * 86_400))
            let date = components.year! * 10_000 + components.month! * 100 + components.day!
            return ((components.weekday! + 5) % 7, components.month!, components.day!, holidays.contains(date))
        }
        func selects(_ rule: RandomOpeningHours.Rule, _ day: Int) -> Bool {
            let fact = facts[day]
            if !rule.dates.isEmpty {
                let inside = rule.dates.contains { firstMonth, firstDay, lastMonth, lastDay in
                    let from = (firstMonth, firstDay ?? 1)
                    let to = lastDay == nil && firstDay != nil && lastMonth == firstMonth ? from : (lastMonth, lastDay ?? 31)
                    let date = (fact.month, fact.day)
                    return from <= to ? (from <= date && date <= to) : (date >= from || date <= to)
                }
                if !inside { return false }
            }
            guard let weekdays = rule.weekdays else { return true }
            if rule.publicHoliday && fact.holiday { return true }
            return weekdays.contains { first, last in
                first <= last ? (first...last).contains(fact.weekday) : (fact.weekday >= first || fact.weekday <= last)
            }
        }
        // One layer of minutes per '||' group: 0 where no rule says anything, else 1 + the
        // state's code. (Plain loops over raw buffers: this runs in debug builds.)
        let codes: [OpeningState] = [.open, .closed, .unknown]
        let count = days * 1440
        var layers: [UnsafeMutableBufferPointer<UInt8>] = []
        defer { layers.forEach { $0.deallocate() } }
        for rule in value.rules {
            if layers.isEmpty || rule.separator == " || " {
                layers.append(.allocate(capacity: count))
                layers[layers.count - 1].initialize(repeating: 0)
            }
            let layer = layers[layers.count - 1]
            let selected = (0..<days).filter { selects(rule, $0) }
            if rule.separator != ", " {
                for day in selected { for minute in day * 1440..<(day + 1) * 1440 { layer[minute] = 0 } }
            }
            let code = UInt8(codes.firstIndex(of: rule.state)! + 1)
            for day in selected {
                let spans = rule.spans.isEmpty ? [(0, 1440)] : rule.spans.map { $0.1 <= $0.0 ? ($0.0, $0.1 + 1440) : $0 }
                for (start, end) in spans {
                    for minute in day * 1440 + start..<min(day * 1440 + end, count) { layer[minute] = code }
                }
            }
        }
        var states = [OpeningState](repeating: .closed, count: count)
        for minute in 0..<count {
            for layer in layers where layer[minute] != 0 {
                states[minute] = codes[Int(layer[minute]) - 1]
                break
            }
        }
        return states
    }

    @Test func weeklyRulesAgreeWithThePaintedWeekAtEveryMinute() throws {
        var rng = SeededGenerator(seed: 1)
        let sundayBefore = chinaTime("2026-11-15 00:00")
        for _ in 0..<60 {
            let value = RandomOpeningHours(using: &rng, dates: false)
            let hours = try OpeningHours(parsing: value.strict)
            let painted = Self.paint(value, from: sundayBefore, days: 9, holidays: [])
            for minute in 1440..<9 * 1440 {
                let state = hours.state(at: sundayBefore.addingTimeInterval(Double(minute) * 60 + 59.5))
                if state != painted[minute] {
                    Issue.record("\(value.strict) at minute \(minute): \(state), painted \(painted[minute])")
                    break
                }
            }
        }
    }

    @Test func randomRulesAgreeWithThePaintingAtRandomMoments() throws {
        var rng = SeededGenerator(seed: 2)
        var checked = 0
        for _ in 0..<400 {
            let value = RandomOpeningHours(using: &rng, dates: true)
            let hours = try OpeningHours(parsing: value.strict)
            // Ten days somewhere in 2020-2030 (a day early: the reference needs the night before).
            let first = chinaTime("2020-01-01 00:00").addingTimeInterval(Double(Int.random(in: 0..<3650, using: &rng)) * 86_400)
            var holidays: Set<Int> = []  // yyyymmdd
            var holidayDays: Set<OpeningHours.Day> = []
            for offset in 0..<11 where Double.random(in: 0..<1, using: &rng) < 0.25 {
                let components = Self.china.dateComponents([.year, .month, .day], from: first.addingTimeInterval(Double(offset) * 86_400))
                holidays.insert(components.year! * 10_000 + components.month! * 100 + components.day!)
                holidayDays.insert(try #require(OpeningHours.Day(year: components.year!, month: components.month!, day: components.day!)))
            }
            let withHolidays = Self.paint(value, from: first, days: 11, holidays: holidays)
            let withoutHolidays = Self.paint(value, from: first, days: 11, holidays: [])
            for _ in 0..<150 {
                let minute = Int.random(in: 1440..<11 * 1440, using: &rng)
                let moment = first.addingTimeInterval(Double(minute * 60) + Double.random(in: 0..<60, using: &rng))
                let known = hours.state(at: moment, isPublicHoliday: { holidayDays.contains($0) })
                let unknown = hours.state(at: moment)
                // Issue.record only on a mismatch: 120,000 #expect calls would dominate the run.
                if known != withHolidays[minute] {
                    Issue.record("\(value.strict) at \(moment) with holidays \(holidayDays.sorted()): \(known), painted \(withHolidays[minute])")
                }
                if unknown != withoutHolidays[minute] {
                    Issue.record("\(value.strict) at \(moment): \(unknown), painted \(withoutHolidays[minute])")
                }
                checked += 1
            }
        }
        #expect(checked == 60_000)
    }

    @Test func sloppySpellingsParseToTheStrictRules() throws {
        var rng = SeededGenerator(seed: 3)
        var slipped = 0
        for _ in 0..<500 {
            let value = RandomOpeningHours(using: &rng, dates: true)
            let strict = try OpeningHours(parsing: value.strict)
            #expect(strict.isStrict, "\(value.strict): \(strict.leniencies)")
            let sloppy: OpeningHours
            do {
                sloppy = try OpeningHours(parsing: value.sloppy)
            } catch {
                Issue.record("\(value.sloppy) (strict: \(value.strict)): \(error)")
                continue
            }
            #expect(sloppy.rules == strict.rules, "\(value.sloppy) vs \(value.strict)")
            #expect(sloppy.comments == strict.comments)
            #expect(sloppy.normalized == value.strict, "\(value.sloppy)")
            #expect(sloppy.isStrict == !value.slipped, "\(value.sloppy): \(sloppy.leniencies)")
            if value.slipped { slipped += 1 }
        }
        #expect(slipped > 200)
    }

    @Test func calendarArithmeticAgreesWithFoundation() throws {
        var rng = SeededGenerator(seed: 4)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        // 1600-2400: Foundation's Gregorian calendar switches to Julian dates before 1582.
        for number in (0..<2000).map({ _ in Int.random(in: -135_000...157_000, using: &rng) }) + [-1, 0, 1, 10_956, 11_016, 11_017] {
            let day = OpeningHours.Day(number: number)
            let components = utc.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(number) * 86_400))
            #expect([day.year, day.month, day.day] as [Int] == [components.year!, components.month!, components.day!], "\(number)")
            #expect(day.weekday == (components.weekday! + 5) % 7 + 1, "\(number)")
            #expect(OpeningHours.Day(year: day.year, month: day.month, day: day.day)?.number == number)
        }
        #expect(OpeningHours.Day(year: 2026, month: 2, day: 29) == nil)
        #expect(OpeningHours.Day(year: 2028, month: 2, day: 29) != nil)
        #expect(OpeningHours.Day(year: 2100, month: 2, day: 29) == nil)
        #expect(OpeningHours.Day(year: 2000, month: 2, day: 29) != nil)
        #expect(OpeningHours.Day(year: 2026, month: 13, day: 1) == nil)
        #expect(OpeningHours.Day(year: 2026, month: 4, day: 31) == nil)
        #expect(OpeningHours.Day(year: 2026, month: 11, day: 21)?.weekday == 6)
        #expect(try #require(OpeningHours.Day(year: 2026, month: 12, day: 31)) < #require(OpeningHours.Day(year: 2027, month: 1, day: 1)))
    }
}
