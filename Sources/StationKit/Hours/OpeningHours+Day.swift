import Foundation

extension OpeningHours {
    /// China's offset from UTC: 8 hours, all year (China has no daylight saving time). Opening
    /// hours are evaluated in this time zone whatever the machine's own.
    public static let chinaUTCOffset = 8 * 3600

    /// A calendar day (proleptic Gregorian) in China Standard Time, as holiday predicates see it.
    public struct Day: Sendable, Hashable, Comparable {
        /// The year, e.g. 2026.
        public let year: Int
        /// 1 is January.
        public let month: Int
        /// The day of the month, from 1.
        public let day: Int

        /// The day, or nil when it does not exist (`month` 13, February 30, …).
        public init?(year: Int, month: Int, day: Int) {
            guard (1...12).contains(month), day >= 1, day <= Day.length(ofMonth: month, in: year) else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        /// The day in China (UTC+8) that contains `date`.
        public init(containing date: Date) {
            self.init(number: OpeningHours.chinaDayAndMinute(of: date).day)
        }

        /// ISO 8601 weekday: 1 is Monday … 7 is Sunday.
        public var weekday: Int { Day.weekdayIndex(ofDay: number) + 1 }

        /// Days since 1970-01-01.
        var number: Int {
            // The civil-calendar arithmetic counts years from March, so that the leap day is the
            // last day of the counted year, and 400-year eras of exactly 146,097 days.
            let marchYear = month <= 2 ? year - 1 : year
            let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
            let yearOfEra = marchYear - era * 400
            let monthFromMarch = month > 2 ? month - 3 : month + 9
            let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468  // 719,468 days from 0000-03-01 to 1970-01-01
        }

        /// The day `number` days after 1970-01-01 (the inverse of ``number``).
        init(number: Int) {
            let shifted = number + 719_468
            let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthFromMarch = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
            month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }

        /// 0 is Monday: 1970-01-01 was a Thursday.
        static func weekdayIndex(ofDay number: Int) -> Int {
            let index = (number + 3) % 7
            return index < 0 ? index + 7 : index
        }

        static func length(ofMonth month: Int, in year: Int) -> Int {
            if month == 2 { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28 }
            return [4, 6, 9, 11].contains(month) ? 30 : 31
        }

        /// Earlier days first.
        public static func < (lhs: Day, rhs: Day) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
    }

    /// The day number (since 1970-01-01) and minute of that day of `date` in China time, by
    /// arithmetic: no Calendar, so it is fast and cannot depend on the machine's time zone.
    static func chinaDayAndMinute(of date: Date) -> (day: Int, minute: Int) {
        let interval = date.timeIntervalSince1970
        precondition(interval.isFinite, "a Date with a non-finite time interval")
        // Beyond ±10^13 s (±300,000 years) clamp, so the conversion to Int cannot trap.
        let seconds = Int(min(max(interval.rounded(.down), -1e13), 1e13)) + chinaUTCOffset
        var day = seconds / 86_400
        var second = seconds - day * 86_400
        if second < 0 {
            day -= 1
            second += 86_400
        }
        return (day, second / 60)
    }
}
