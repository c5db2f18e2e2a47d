import Foundation

extension OpeningHours {
    /// Whether the place is open at `date`, evaluated in China Standard Time (UTC+8) whatever the
    /// machine's time zone.
    ///
    /// - Parameters:
    ///   - isPublicHoliday: whether a day (in China time) is a public holiday. Without it, rules
    ///     that select `PH` never match: we do not know China's holidays (they move every year
    ///     with the State Council's announcement and its swapped working days).
    ///   - isSchoolHoliday: the same for `SH`.
    /// - Returns: the state of the last rule that covers the moment, with `;` rules replacing
    ///   earlier rules for every day they select and `||` groups consulted in turn; ``OpeningState/closed``
    ///   when no rule covers it. See ``OpeningHours`` for the details.
    public func state(at date: Date, isPublicHoliday: ((Day) -> Bool)? = nil,
                      isSchoolHoliday: ((Day) -> Bool)? = nil) -> OpeningState {
        let (dayNumber, minute) = OpeningHours.chinaDayAndMinute(of: date)
        var today = DayFacts(number: dayNumber)
        var yesterday = DayFacts(number: dayNumber - 1)
        var current: OpeningState?
        for rule in rules {
            if rule.separator == .fallback {
                // A fallback group speaks only where everything before it is silent.
                if let current { return current }
            }
            let selectsToday = today.isSelected(by: rule, isPublicHoliday, isSchoolHoliday)
            // A normal rule replaces the whole of each day it selects: hours that spill over from
            // the evening before included (OSM's reading of `Fr 20:00-06:00; Sa 10:00-12:00`).
            if selectsToday && rule.separator != .additional { current = nil }
            if rule.spans.isEmpty {
                if selectsToday { current = rule.state }
                continue
            }
            var covers = false
            if selectsToday {
                covers = rule.spans.contains { minute >= Int($0.start) && minute < Int($0.end) }
            }
            if !covers && rule.spans.contains(where: { minute < Int($0.end) - 1440 }) {
                covers = yesterday.isSelected(by: rule, isPublicHoliday, isSchoolHoliday)
            }
            if covers { current = rule.state }
        }
        return current ?? .closed
    }

    /// One day's weekday, and its date only if a rule asks (most values name no dates).
    struct DayFacts {
        let number: Int
        let weekdayBit: UInt8
        private var dateKey: UInt16?

        init(number: Int) {
            self.number = number
            weekdayBit = 1 << UInt8(Day.weekdayIndex(ofDay: number))
        }

        mutating func isSelected(by rule: Rule, _ isPublicHoliday: ((Day) -> Bool)?,
                                 _ isSchoolHoliday: ((Day) -> Bool)?) -> Bool {
            if !rule.dates.isEmpty {
                let key = dateKey ?? {
                    let day = Day(number: number)
                    return UInt16(day.month * 32 + day.day)
                }()
                dateKey = key
                guard rule.dates.contains(where: { $0.contains(key) }) else { return false }
            }
            if rule.weekdays & weekdayBit != 0 { return true }
            if rule.holidays & Rule.publicHoliday != 0, let isPublicHoliday, isPublicHoliday(Day(number: number)) { return true }
            if rule.holidays & Rule.schoolHoliday != 0, let isSchoolHoliday, isSchoolHoliday(Day(number: number)) { return true }
            return false
        }
    }
}
