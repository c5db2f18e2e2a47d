import Foundation
import Testing
@testable import StationKit
import TestSupport

/// A moment written in China Standard Time ("2026-11-21 22:00"), built from its UTC instant (8 hours
/// earlier) so that the tests mean the same in any machine time zone.
func chinaTime(_ text: String) -> Date {
    let numbers = text.split(whereSeparator: { !$0.isNumber }).map { Int($0)! }
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(secondsFromGMT: 0)!
    let wallClock = utc.date(from: DateComponents(year: numbers[0], month: numbers[1], day: numbers[2],
                                                  hour: numbers[3], minute: numbers[4]))!
    return wallClock.addingTimeInterval(-8 * 3600)
}

/// Parsing and evaluating the opening_hours values registries write. The week used throughout:
/// 2026-11-16 is a Monday, 2026-11-21 a Saturday, 2026-11-22 a Sunday, 2026-11-23 the next Monday.
@Suite struct OpeningHoursTests {
    func state(_ value: String, _ moment: String, holidays: Set<OpeningHours.Day>? = nil) throws -> OpeningState {
        let hours = try OpeningHours(parsing: value)
        guard let holidays else { return hours.state(at: chinaTime(moment)) }
        return hours.state(at: chinaTime(moment), isPublicHoliday: { holidays.contains($0) })
    }

    @Test func momentsAreBuiltFromUTCInstants() {
        #expect(chinaTime("2026-11-21 22:00") == Date(timeIntervalSince1970: 1_795_269_600))  // 2026-11-21T14:00Z
        #expect(OpeningHours.Day(containing: chinaTime("2026-11-21 22:00")).weekday == 6)
        // 23:59 China time is still Saturday; a minute later it is Sunday, though UTC is on Saturday.
        #expect(OpeningHours.Day(containing: chinaTime("2026-11-21 23:59")) == OpeningHours.Day(year: 2026, month: 11, day: 21))
        #expect(OpeningHours.Day(containing: chinaTime("2026-11-22 00:00")) == OpeningHours.Day(year: 2026, month: 11, day: 22))
    }

    @Test func twentyFourSevenIsAlwaysOpen() throws {
        let hours = try OpeningHours(parsing: "24/7")
        var rng = SeededGenerator(seed: 247)
        for _ in 0..<500 {
            let date = Date(timeIntervalSince1970: Double.random(in: -2e9...4e9, using: &rng))
            #expect(hours.state(at: date) == .open)
        }
        #expect(try state("00:00-24:00", "2026-11-22 23:59") == .open)
        #expect(try state("00:00-24:00", "2026-11-22 00:00") == .open)
    }

    @Test func weekdaysWithOneRange() throws {
        let value = "Mo-Fr 08:00-18:00"
        #expect(try state(value, "2026-11-18 10:00") == .open)  // Wednesday
        #expect(try state(value, "2026-11-21 10:00") == .closed)  // Saturday
        #expect(try state(value, "2026-11-18 18:00") == .closed)  // the end is exclusive
        #expect(try state(value, "2026-11-18 17:59") == .open)
        #expect(try state(value, "2026-11-18 07:59") == .closed)
        #expect(try state(value, "2026-11-18 08:00") == .open)
        #expect(try state(value, "2026-11-16 08:00") == .open)  // Monday
        #expect(try state(value, "2026-11-20 17:59") == .open)  // Friday
        #expect(try state(value, "2026-11-22 12:00") == .closed)  // Sunday
    }

    @Test func severalRangesADay() throws {
        let value = "Mo-Fr 08:00-12:00,14:00-18:00"
        #expect(try state(value, "2026-11-17 11:59") == .open)
        #expect(try state(value, "2026-11-17 12:00") == .closed)
        #expect(try state(value, "2026-11-17 13:00") == .closed)
        #expect(try state(value, "2026-11-17 14:00") == .open)
        #expect(try state(value, "2026-11-17 18:00") == .closed)
        #expect(try state(value, "2026-11-21 14:00") == .closed)
    }

    @Test func rangesPastMidnightBelongToTheNextMorning() throws {
        let value = "20:00-06:00"
        #expect(try state(value, "2026-11-18 23:00") == .open)
        #expect(try state(value, "2026-11-19 05:59") == .open)
        #expect(try state(value, "2026-11-19 06:00") == .closed)
        #expect(try state(value, "2026-11-19 19:59") == .closed)
        #expect(try state(value, "2026-11-19 20:00") == .open)

        let friday = "Fr 20:00-06:00"
        #expect(try state(friday, "2026-11-21 03:00") == .open)  // Saturday morning
        #expect(try state(friday, "2026-11-20 03:00") == .closed)  // Friday morning: Thursday night is not selected
        #expect(try state(friday, "2026-11-20 21:00") == .open)
        #expect(try state(friday, "2026-11-21 06:00") == .closed)
        #expect(try state(friday, "2026-11-21 21:00") == .closed)

        let extended = "Fr 20:00-26:00"  // OSM's extended closing time, the same as 20:00-02:00
        #expect(try state(extended, "2026-11-21 01:59") == .open)
        #expect(try state(extended, "2026-11-21 02:00") == .closed)
    }

    @Test func sundayNightRunsIntoMonday() throws {
        let value = "Su 22:00-02:00"
        #expect(try state(value, "2026-11-23 01:00") == .open)  // Monday, after the week wraps
        #expect(try state(value, "2026-11-23 02:00") == .closed)
        #expect(try state(value, "2026-11-22 23:00") == .open)
        #expect(try state(value, "2026-11-22 01:00") == .closed)  // Sunday morning: Saturday night is not selected
        #expect(try state(value, "2026-11-16 01:00") == .open)  // the Monday before, after the Sunday before it
    }

    @Test func weekdayRangesWrapPastSunday() throws {
        let value = "Sa-Mo 10:00-16:00"
        for day in ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-16"] {
            #expect(try state(value, "\(day) 12:00") == .open, "\(day)")
        }
        for day in ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"] {
            #expect(try state(value, "\(day) 12:00") == .closed, "\(day)")
        }
        #expect(try state("Mo,We,Fr 09:00-10:00", "2026-11-18 09:30") == .open)
        #expect(try state("Mo,We,Fr 09:00-10:00", "2026-11-19 09:30") == .closed)
        #expect(try state("Mo-We,Fr", "2026-11-20 23:59") == .open)  // days without times: all day
        #expect(try state("Mo-We,Fr", "2026-11-19 12:00") == .closed)
    }

    @Test func laterRulesReplaceEarlierOnesOnTheirDays() throws {
        let value = "Mo-Fr 08:00-18:00; Sa 09:00-12:00; Su off"
        #expect(try state(value, "2026-11-16 10:00") == .open)
        #expect(try state(value, "2026-11-21 10:00") == .open)
        #expect(try state(value, "2026-11-21 13:00") == .closed)
        #expect(try state(value, "2026-11-22 10:00") == .closed)
        // A ';' rule replaces the whole day, even where it says nothing itself …
        #expect(try state("Mo-Fr 08:00-12:00; We 14:00-18:00", "2026-11-18 10:00") == .closed)
        #expect(try state("Mo-Fr 08:00-12:00; We 14:00-18:00", "2026-11-18 15:00") == .open)
        #expect(try state("Mo-Fr 08:00-12:00; We 14:00-18:00", "2026-11-17 10:00") == .open)
        // … and the hours spilling into it from the night before.
        #expect(try state("Mo-Fr 20:00-06:00; Sa 10:00-12:00", "2026-11-21 03:00") == .closed)
        // A ',' rule adds to what is there.
        #expect(try state("Mo-Fr 20:00-06:00, Sa 10:00-12:00", "2026-11-21 03:00") == .open)
        #expect(try state("Mo-Fr 08:00-12:00, We 14:00-18:00", "2026-11-18 10:00") == .open)
        #expect(try state("Mo-Fr 08:00-12:00, We 14:00-18:00", "2026-11-18 15:00") == .open)
        #expect(try state("Mo-Fr 08:00-18:00, We 12:00-13:00 off", "2026-11-18 12:30") == .closed)
        #expect(try state("Mo-Fr 08:00-18:00, We 12:00-13:00 off", "2026-11-18 13:00") == .open)
        // A rule that selects every day replaces everything before it.
        #expect(try state("Mo-Fr 08:00-12:00; 14:00-20:00", "2026-11-18 10:00") == .closed)
    }

    @Test func publicHolidaysNeedAPredicate() throws {
        let value = "Mo-Fr 08:00-18:00; PH off"
        let holiday = try #require(OpeningHours.Day(year: 2026, month: 11, day: 18))
        #expect(try state(value, "2026-11-18 10:00") == .open)  // no predicate: PH never matches
        #expect(try state(value, "2026-11-18 10:00", holidays: [holiday]) == .closed)
        #expect(try state(value, "2026-11-19 10:00", holidays: [holiday]) == .open)
        let special = "Mo-Su 09:00-17:00; PH 10:00-12:00"
        #expect(try state(special, "2026-11-18 09:30", holidays: [holiday]) == .closed)
        #expect(try state(special, "2026-11-18 11:00", holidays: [holiday]) == .open)
        #expect(try state(special, "2026-11-18 09:30") == .open)
        #expect(try state("Sa,Su,PH 10:00-16:00", "2026-11-18 11:00", holidays: [holiday]) == .open)
        #expect(try state("Sa,Su,PH 10:00-16:00", "2026-11-18 11:00") == .closed)
        // The predicate sees the day in China time, and the day a night began on.
        var asked: [OpeningHours.Day] = []
        let hours = try OpeningHours(parsing: "PH 20:00-02:00")
        _ = hours.state(at: chinaTime("2026-11-19 01:00"), isPublicHoliday: { asked.append($0); return $0 == holiday })
        #expect(asked.contains(holiday))
        #expect(hours.state(at: chinaTime("2026-11-19 01:00"), isPublicHoliday: { $0 == holiday }) == .open)
        // SH has its own predicate.
        let school = try OpeningHours(parsing: "Mo-Fr 08:00-18:00; SH off")
        #expect(school.state(at: chinaTime("2026-11-18 10:00"), isPublicHoliday: { _ in true }) == .open)
        #expect(school.state(at: chinaTime("2026-11-18 10:00"), isSchoolHoliday: { _ in true }) == .closed)
    }

    @Test func unknownAndComments() throws {
        #expect(try state("unknown", "2026-11-18 10:00") == .unknown)
        #expect(try state("Mo-Fr 08:00-18:00 unknown", "2026-11-18 10:00") == .unknown)
        #expect(try state("Mo-Fr 08:00-18:00 unknown", "2026-11-21 10:00") == .closed)
        #expect(try state("Mo-Fr 08:00-18:00 open", "2026-11-18 10:00") == .open)
        #expect(try state("off", "2026-11-18 10:00") == .closed)
        #expect(try state("Mo-Fr closed", "2026-11-18 10:00") == .closed)

        let noted = try OpeningHours(parsing: #"Mo-Fr 08:00-18:00 "节假日另行通知""#)
        #expect(noted.comments == ["节假日另行通知"])
        #expect(noted.state(at: chinaTime("2026-11-18 10:00")) == .open)
        #expect(noted.isStrict)

        let fallback = try OpeningHours(parsing: #"Mo-Fr 08:00-18:00; Su off || "by appointment; call ahead""#)
        #expect(fallback.comments == ["by appointment; call ahead"])
        #expect(fallback.state(at: chinaTime("2026-11-18 10:00")) == .open)
        #expect(fallback.state(at: chinaTime("2026-11-18 20:00")) == .unknown)  // Wednesday evening: the fallback speaks
        #expect(fallback.state(at: chinaTime("2026-11-21 10:00")) == .unknown)  // Saturday
        #expect(fallback.state(at: chinaTime("2026-11-22 10:00")) == .closed)  // Sunday is covered by 'Su off'

        let commented = try OpeningHours(parsing: #"Mo-Fr 08:00-12:00 "上午"; Sa off "周六休息""#)
        #expect(commented.comments == ["上午", "周六休息"])
    }

    @Test func monthsAndDates() throws {
        let seasons = "Jan-Mar 10:00-16:00; Apr-Dec 08:00-18:00"
        #expect(try state(seasons, "2026-02-10 09:00") == .closed)
        #expect(try state(seasons, "2026-02-10 10:00") == .open)
        #expect(try state(seasons, "2026-04-01 09:00") == .open)
        #expect(try state(seasons, "2026-03-31 09:00") == .closed)
        #expect(try state("Nov-Feb off; Mar-Oct 08:00-18:00", "2026-01-15 12:00") == .closed)
        #expect(try state("08:00-18:00; Nov-Feb off", "2026-12-15 12:00") == .closed)
        #expect(try state("08:00-18:00; Nov-Feb off", "2026-10-31 12:00") == .open)
        let national = "Mo-Su 08:00-18:00; Oct 01-07 off"
        #expect(try state(national, "2026-10-01 12:00") == .closed)
        #expect(try state(national, "2026-10-07 12:00") == .closed)
        #expect(try state(national, "2026-10-08 12:00") == .open)
        let newYear = "08:00-18:00; Dec 31-Jan 02 off"
        #expect(try state(newYear, "2026-12-31 12:00") == .closed)
        #expect(try state(newYear, "2027-01-02 12:00") == .closed)
        #expect(try state(newYear, "2027-01-03 12:00") == .open)
        #expect(try state("Dec 25,Jan 01 off", "2026-12-25 12:00") == .closed)
        #expect(try state("Jul-Aug Sa,Su 06:00-22:00", "2026-07-18 21:00") == .open)  // a Saturday in July
        #expect(try state("Jul-Aug Sa,Su 06:00-22:00", "2026-07-17 21:00") == .closed)  // a Friday
        #expect(try state("Feb 29 off", "2028-02-29 12:00") == .closed)
    }

    @Test func datesBefore1970() throws {
        // 1969-12-29 was a Monday; seconds before the epoch round down to the right day and minute.
        #expect(try state("Mo 10:00-12:00", "1969-12-29 11:00") == .open)
        #expect(try state("Mo 10:00-12:00", "1969-12-29 12:00") == .closed)
        #expect(try state("Mo 10:00-12:00", "1969-12-30 11:00") == .closed)
        let hours = try OpeningHours(parsing: "Th 00:00-00:01")
        #expect(hours.state(at: Date(timeIntervalSince1970: -8 * 3600)) == .open)  // 1970-01-01 00:00 China time
        #expect(hours.state(at: Date(timeIntervalSince1970: -8 * 3600 - 0.5)) == .closed)
    }

    @Test func everyValueOfTheDefaultDataIsStrictSyntax() throws {
        let values = Set(StationLoader.loadDefault().stations.map(\.openingHours).filter { !$0.isEmpty })
        #expect(values.count >= 10)
        for value in values {
            #expect(OpeningHours.strictProblems(value) == [], "\(value)")
        }
    }

    @Test func parsedValuesCompareByContent() throws {
        #expect(try OpeningHours(parsing: "Mo-Fr 08:00-18:00") == OpeningHours(parsing: "Mo-Fr 08:00-18:00"))
        #expect(try OpeningHours(parsing: "Mo-Fr 08:00-18:00") != OpeningHours(parsing: "Mo-Fr 08:00-18:01"))
        #expect(try OpeningHours.parse("Mo-Fr 08:00-18:00").get().text == "Mo-Fr 08:00-18:00")
        #expect(throws: OpeningHoursError.self) { try OpeningHours.parse("Mo-Fx").get() }
    }
}
