import Foundation
import ArgumentParser
import Testing
@testable import StationKit
@testable import StationsCLI

/// Parsing of the command line, in-process: values, lists, aliases and every validation message.
@Suite struct ArgumentParsingTests {
    func parseNear(_ arguments: [String]) throws -> NearCommand {
        let command = try StationsCommand.parseAsRoot(StationsCommand.normalizedArguments(["near"] + arguments))
        return try #require(command as? NearCommand)
    }

    func validationMessage(_ arguments: [String]) -> String {
        do {
            _ = try parseNear(arguments)
            return "(parsed)"
        } catch {
            return StationsCommand.message(for: error)
        }
    }

    @Test func needTakesCommasRepeatsAndChinese() throws {
        let command = try parseNear(["37.9,112.5", "--need", "shower,厕所", "--need", "洗衣"])
        #expect(try parseNeed(command.need) == [.shower, .toilet, .laundry])
        #expect(command.limit == 5)
        #expect(command.point.map { try? QueryPoint.parse($0) } == Coordinate(latitude: 37.9, longitude: 112.5))
    }

    @Test func kindTakesEnglishAndChinese() throws {
        let command = try parseNear(["37.9,112.5", "--kind", "司机之家", "--kind", "carnation-station"])
        #expect(try parseKinds(command.kind) == [.driverHome, .carnationStation])
    }

    @Test func pointFormats() throws {
        #expect(try QueryPoint.parse("37.9, 112.5") == Coordinate(latitude: 37.9, longitude: 112.5))
        #expect(try QueryPoint.parse("37.9，112.5") == Coordinate(latitude: 37.9, longitude: 112.5))
        #expect(try QueryPoint.parse("-33.86,151.2") == Coordinate(latitude: -33.86, longitude: 151.2))
    }

    @Test func negativeCoordinatesWithAndWithoutTerminator() throws {
        let plain = try parseNear(["-33.86,151.2", "--limit", "2"])
        #expect(try QueryPoint.parse(plain.point!) == Coordinate(latitude: -33.86, longitude: 151.2))
        #expect(plain.limit == 2)
        let terminated = try parseNear(["--limit", "3", "--", "-33.86,-70.5"])
        #expect(try QueryPoint.parse(terminated.point!) == Coordinate(latitude: -33.86, longitude: -70.5))
        #expect(terminated.limit == 3)
        #expect(StationsCommand.normalizedArguments(["near", "--", "-1,2"]) == ["near", "--", "-1,2"])
        #expect(StationsCommand.normalizedArguments(["near", "-1,2", "--need"]) == ["near", " -1,2", "--need"])
    }

    @Test func distances() throws {
        #expect(try DistanceArgument.parse("800m") == 800)
        #expect(try DistanceArgument.parse("5km") == 5000)
        #expect(try DistanceArgument.parse("1.5 km") == 1500)
        #expect(try DistanceArgument.parse("2公里") == 2000)
    }

    @Test func validationMessagesSayWhatIsWrong() {
        #expect(validationMessage([]).contains("give a point as LAT,LON"))
        #expect(validationMessage(["112.5,37.9"]).contains("did you mean 37.9,112.5"))
        #expect(validationMessage(["37.9"]).contains("is not LAT,LON"))
        #expect(validationMessage(["37.9,abc"]).contains("decimal degrees"))
        #expect(validationMessage(["37.9,200"]).contains("longitude 200 is outside"))
        #expect(validationMessage(["37.9,112.5", "--need", "showr"]).contains("did you mean 'shower'"))
        #expect(validationMessage(["37.9,112.5", "--kind", "bus-stop"]).contains("unknown kind 'bus-stop'"))
        #expect(validationMessage(["37.9,112.5", "--within", "5"]).contains("needs a unit: 5m or 5km"))
        #expect(validationMessage(["37.9,112.5", "--within", "far"]).contains("is not a distance"))
        #expect(validationMessage(["37.9,112.5", "--limit", "0"]).contains("--limit must be at least 1"))
        #expect(validationMessage(["37.9,112.5", "--batch", "x.csv"]).contains("either a point or --batch"))
        #expect(validationMessage(["--batch", "x.csv", "--format", "geojson"]).contains("csv or jsonl"))
    }
}

/// The progress line's drawing, and its silence when stderr is not a terminal.
@Suite struct ProgressLineTests {
    @Test func rendersABarAndAPercentage() {
        #expect(ProgressLine.render(label: "a.csv", fraction: 0.5, width: 10) == "stations: reading a.csv [=====     ] 50%")
        #expect(ProgressLine.render(label: "a.csv", fraction: 1, width: 4) == "stations: reading a.csv [====] 100%")
        #expect(ProgressLine.render(label: "a.csv", fraction: -1, width: 4) == "stations: reading a.csv [    ] 0%")
    }

    @Test func silentWhenStandardErrorIsNotATerminal() {
        let captured = CapturedConsole()
        #expect(ProgressLine.forLoading("a.csv", console: captured.console) == nil)
    }
}

/// `--open-at`: China time by default, or an explicit offset.
@Suite struct OpenTimeArgumentTests {
    @Test func chinaTimeIsTheDefaultAndOffsetsAreHonoured() throws {
        let utc = Date(timeIntervalSince1970: 1_763_733_600)  // 2025-11-21T14:00:00Z
        #expect(try OpenTimeOptions.parse("2025-11-21T22:00") == utc)
        #expect(try OpenTimeOptions.parse("2025-11-21 22:00:00") == utc)
        #expect(try OpenTimeOptions.parse("2025-11-21T14:00Z") == utc)
        #expect(try OpenTimeOptions.parse("2025-11-21T15:00+01:00") == utc)
        #expect(try OpenTimeOptions.parse("2025-11-21T09:00-05:00") == utc)
    }

    @Test(arguments: ["22:00", "2025-11-31T10:00", "2025-11-21T25:00", "tomorrow", "2025-11-21T22"])
    func malformedTimesAreRejected(_ text: String) {
        #expect(throws: ValidationError.self) { try OpenTimeOptions.parse(text) }
    }
}
