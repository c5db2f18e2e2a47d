import Testing
@testable import StationKit

/// What the parser says about values it cannot read (where, and in words a registry keeper
/// understands) and about the sloppy-but-clear values it reads anyway.
@Suite struct OpeningHoursSyntaxTests {
    func parseError(_ text: String) -> OpeningHoursError? {
        do {
            _ = try OpeningHours(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    static let malformed: [(text: String, position: Int, message: String)] = [
        ("Mo-Fx 08:00-18:00", 3, "expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su) after '-', found 'Fx'"),
        ("25:00-26:00", 0, "'25:00' is not a time of day: hours run from 00 to 23"),
        ("08:00-", 6, "expected a closing time like 18:00 after '-', found the end of the text"),
        ("08:60-09:00", 0, "'08:60' is not a time: minutes run from 00 to 59"),
        (#"Mo-Fr 08:00-18:00 "unclosed"#, 18, #"the comment '"unclosed' is never closed; add a '"' at its end"#),
        ("", 0, "the opening hours are empty; write for example 'Mo-Fr 08:00-18:00' or '24/7'"),
        ("   ", 0, "the opening hours are empty; write for example 'Mo-Fr 08:00-18:00' or '24/7'"),
        ("every day", 0, "expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su), PH, a month (Jan-Dec), a time like 08:00, '24/7', 'off', 'open', 'unknown' or a comment in double quotes, found 'every'"),
        ("Mo-Fr 8:0-18:00", 6, "expected a time like 08:00, found '8:0-18:00'"),
        ("Mo-Fr 08:00", 11, "expected '-' and a closing time after '08:00', found the end of the text"),
        ("Mo-Fr 08:00-18:00 Sa 09:00-12:00", 18, "expected ';' before the next rule, found 'Sa'"),
        ("Mo-Fr 08:00-18:00 daily", 18, "expected 'off', 'open', 'unknown', a comment in double quotes or ';', found 'daily'"),
        ("Mo-Fr, 08:00-18:00", 7, "expected another weekday or PH after ',' (put a space, not a ',', between the days and the times), found '08:00-18:00'"),
        ("24:00-06:00", 0, "a time range cannot start at 24:00; write 00:00"),
        ("20:00-49:00", 6, "'49:00' is too late: a closing time runs up to 48:00 (midnight at the end of the next day)"),
        ("Feb 30 off", 4, "Feb 30 is not a date: that month has days 01 to 29"),
        ("Mo-Fr 08:00-18:00;; Sa off", 18, "expected a rule, not an empty one (remove the extra separator), found ';'"),
        ("Mo-Fr 08:00-18:00 ; , Sa off", 20, "expected a rule, not an empty one (remove the extra separator), found ','"),
        ("Mo-Fr 08:00-18:00 ||", 20, "expected a rule after '||', found the end of the text"),
        ("Mo-Fr 080:00-18:00", 6, "expected a time like 08:00, found '080:00-18:00'"),
        ("Mo 24/7", 3, "expected a time like 08:00, found '24/7'"),
        ("Jan-", 4, "expected a month after '-', found the end of the text"),
        ("off 08:00-12:00", 4, "expected a comment in double quotes or ';', found '08:00-12:00'"),
        // Positions count Characters: the Chinese comment is 5 Characters but 11 bytes.
        (#"Mo-Fr 08:00-18:00 "节假日" Sa off"#, 24, "expected ';' before the next rule, found 'Sa'"),
        (#"Mo-Fr 08:00-18:00 "节假日" 10:00"#, 24, "expected ';' after the comment, found '10:00'"),
        ("周一至周五 08:00-18:00", 0, "expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su), PH, a month (Jan-Dec), a time like 08:00, '24/7', 'off', 'open', 'unknown' or a comment in double quotes, found '周一至周五'"),
        ("08:00-18:00 全天", 12, "expected 'off', 'open', 'unknown', a comment in double quotes or ';', found '全天'"),
    ]

    @Test(arguments: malformed)
    func malformedValuesSayWhereAndWhat(_ example: (text: String, position: Int, message: String)) {
        let error = parseError(example.text)
        #expect(error == OpeningHoursError(kind: .invalid, position: example.position, message: example.message))
    }

    @Test func descriptionCountsFromOne() {
        #expect(parseError("Mo-Fx 08:00-18:00")?.description
            == "at character 4: expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su) after '-', found 'Fx'")
        #expect(OpeningHours.strictProblems("Mo-Fx").map(\.position) == [3])
    }

    @Test func longExcerptsAreCut() {
        #expect(parseError("Mo-Fr 08:00-18:00 abcdefghijklmnopqrstuvwxyz")?.message
            == "expected 'off', 'open', 'unknown', a comment in double quotes or ';', found 'abcdefghijkl…'")
    }

    @Test func osmSyntaxWeDoNotEvaluateIsMarkedUnsupported() {
        let examples: [(String, Int)] = [
            ("Mo-Fr 08:00-18:00+", 17), ("18:00+", 5), ("sunrise-sunset", 0), ("08:00-sunset", 6), ("(sunrise+01:00)-18:00", 0),
            ("2026 Jan-Mar 08:00-18:00", 0), ("week 01-10 Mo 08:00-12:00", 0), ("easter off", 0), ("Su[1] off", 2),
            ("PH Mo-Fr off", 3), ("10:00-16:00/01:30", 11),
        ]
        for (text, position) in examples {
            let error = parseError(text)
            #expect(error?.kind == .unsupported, "\(text): \(String(describing: error))")
            #expect(error?.position == position, "\(text)")
            #expect(error?.message.contains("not supported") == true, "\(text)")
        }
        #expect(parseError("Mo-Fr 08:00-18:00+")?.message
            == "open-ended times like '18:00+' are OpenStreetMap syntax that is not supported here; write a closing time")
        // Four digits that are not a year are a badly written time, not a year.
        #expect(parseError("0800-1800")?.kind == .invalid)
    }

    @Test func strictValuesHaveNoLeniencies() throws {
        for text in ["24/7", "Mo-Fr 08:00-18:00; Sa 09:00-12:00; Su off", "Mo-Fr 08:00-12:00,14:00-18:00",
                     "Mo-Fr 20:00-06:00, Sa 10:00-12:00", #"Mo-Fr 08:00-18:00; PH off || "by appointment""#,
                     "Sa-Mo 10:00-16:00", "Jan-Mar,Nov-Dec Mo-Fr 09:00-16:00", "Dec 24-Jan 02 off", "Mo,We,Fr,PH closed",
                     "Fr 20:00-26:00", "unknown", #""call ahead""#, "Oct 01-07 off"] {
            let hours = try OpeningHours(parsing: text)
            #expect(hours.isStrict, "\(text): \(hours.leniencies)")
            #expect(hours.normalized == text)
            #expect(OpeningHours.strictProblems(text) == [])
        }
    }

    /// Each sloppy spelling, its standard form, and what the audit tells the registry keeper first.
    static let sloppy: [(text: String, normalized: String, position: Int, message: String)] = [
        ("Mo-Fr 8:00-18:00", "Mo-Fr 08:00-18:00", 6, "write hours with two digits: '08:00' instead of '8:00'"),
        ("Mo-Fr 08：00-18：00", "Mo-Fr 08:00-18:00", 8, "write the ASCII ':' instead of '：' (U+FF1A)"),
        ("Mo-Fr 08:00~18:00", "Mo-Fr 08:00-18:00", 11, "write the ASCII '-' instead of '~'"),
        ("Mo-Fr 08:00–18:00", "Mo-Fr 08:00-18:00", 11, "write the ASCII '-' instead of '–' (U+2013)"),
        ("Mo—Fr 08:00-18:00", "Mo-Fr 08:00-18:00", 2, "write the ASCII '-' instead of '—' (U+2014)"),
        ("Mo-Fr 08:00至18:00", "Mo-Fr 08:00-18:00", 11, "write the ASCII '-' instead of '至' (U+81F3)"),
        ("Mo-Fr 08:00～18:00", "Mo-Fr 08:00-18:00", 11, "write the ASCII '-' instead of '～' (U+FF5E)"),
        ("Mo-Fr 08:00-18:00；Sa off", "Mo-Fr 08:00-18:00; Sa off", 17, "write the ASCII ';' instead of '；' (U+FF1B)"),
        ("Mo，We 09:00-12:00", "Mo,We 09:00-12:00", 2, "write the ASCII ',' instead of '，' (U+FF0C)"),
        ("mo-fr 08:00-18:00", "Mo-Fr 08:00-18:00", 0, "write 'Mo' instead of 'mo' (OSM syntax is case-sensitive)"),
        ("Mo-Fr 08:00-18:00; Su OFF", "Mo-Fr 08:00-18:00; Su off", 22, "write 'off' instead of 'OFF' (OSM syntax is case-sensitive)"),
        ("Mon-Fri 08:00-18:00", "Mo-Fr 08:00-18:00", 0, "write 'Mo' instead of 'Mon' (OSM syntax uses two-letter weekdays and three-letter months)"),
        ("Monday-Wednesday 08:00-18:00", "Mo-We 08:00-18:00", 0, "write 'Mo' instead of 'Monday' (OSM syntax uses two-letter weekdays and three-letter months)"),
        ("September off", "Sep off", 0, "write 'Sep' instead of 'September' (OSM syntax uses two-letter weekdays and three-letter months)"),
        ("Mo-Fr 08:00-18:00;", "Mo-Fr 08:00-18:00", 17, "remove the ';' at the end"),
        ("Mo-Fr 08:00-18:00 ; ", "Mo-Fr 08:00-18:00", 17, "remove the ';' at the end"),
        (" Mo-Fr 08:00-18:00", "Mo-Fr 08:00-18:00", 0, "remove the space at the start"),
        ("Mo-Fr 08:00-18:00 ", "Mo-Fr 08:00-18:00", 17, "remove the space at the end"),
        ("Mo-Fr  08:00-18:00", "Mo-Fr 08:00-18:00", 5, "write one plain space before '08:00-18:00'"),
        ("Mo-Fr\u{3000}08:00-18:00", "Mo-Fr 08:00-18:00", 5, "write one plain space before '08:00-18:00'"),
        ("Mo-Fr08:00-18:00", "Mo-Fr 08:00-18:00", 5, "add a space before '08:00-18:00'"),
        ("Mo-Fr 08:00 - 18:00", "Mo-Fr 08:00-18:00", 11, "remove the space before '-'"),
        ("Mo - Fr 08:00-18:00", "Mo-Fr 08:00-18:00", 2, "remove the space before '-'"),
        ("Mo-Fr 08:00-18:00 ;Sa off", "Mo-Fr 08:00-18:00; Sa off", 17, "remove the space before ';'"),
        ("Mo-Fr 08:00-18:00;Sa off", "Mo-Fr 08:00-18:00; Sa off", 18, "add a space before 'Sa'"),
        ("Mo-Fr 08:00-18:00||\"call\"", "Mo-Fr 08:00-18:00 || \"call\"", 17, "add a space before '||'"),
        ("Mo, We 09:00-12:00", "Mo,We 09:00-12:00", 3, "remove the space before 'We'"),
        ("Mo-Fr 08:00-12:00, 14:00-18:00", "Mo-Fr 08:00-12:00,14:00-18:00", 18, "remove the space before '14:00-18:00'"),
        ("Mo-Fr 08:00-12:00 14:00-18:00", "Mo-Fr 08:00-12:00,14:00-18:00", 17, "separate time ranges with ',' instead of a space"),
        ("Mo-Fr 08:00-18:00 “节假日另行通知”", "Mo-Fr 08:00-18:00 \"节假日另行通知\"", 18, "write the ASCII '\"' instead of '“' (U+201C)"),
        ("Oct 1-7 off", "Oct 01-07 off", 4, "write days with two digits: '01' instead of '1'"),
    ]

    @Test(arguments: sloppy)
    func sloppyValuesAreReadAndExplained(_ example: (text: String, normalized: String, position: Int, message: String)) throws {
        let hours = try OpeningHours(parsing: example.text)
        let strict = try OpeningHours(parsing: example.normalized)
        #expect(!hours.isStrict)
        #expect(hours.normalized == example.normalized)
        #expect(strict.isStrict, "\(strict.leniencies)")
        #expect(hours.rules == strict.rules)
        #expect(hours.comments == strict.comments)
        #expect(hours.leniencies.first == OpeningHoursError(kind: .nonStandard, position: example.position, message: example.message))
        #expect(OpeningHours.strictProblems(example.text) == hours.leniencies)
        #expect(hours.leniencies.allSatisfy { $0.kind == .nonStandard })
    }

    @Test func everyLeniencyOfAValueIsListedInOrder() throws {
        let hours = try OpeningHours(parsing: " mon-fri 8：30~17:30 ；sat,sun 9:00-12:00;")
        #expect(hours.normalized == "Mo-Fr 08:30-17:30; Sa,Su 09:00-12:00")
        #expect(hours.leniencies.map(\.position) == [0, 1, 5, 9, 10, 13, 19, 20, 21, 21, 25, 29, 39])
        #expect(hours.leniencies.map(\.position) == hours.leniencies.map(\.position).sorted())
        #expect(try OpeningHours(parsing: hours.normalized).isStrict)
    }
}
