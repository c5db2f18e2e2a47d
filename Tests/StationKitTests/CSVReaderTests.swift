import Foundation
import Testing
@testable import StationKit

/// A temporary folder for files the loader reads from disk; call `remove()` when done.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stationkit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` inside the folder and returns its path.
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    func write(_ name: String, text: String) throws -> String { try write(name, bytes: Array(text.utf8)) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The CSV reader and the loader on CSV files: headers, quoting, line ends, encodings, and an error that
/// names file, line, field and value for every kind of bad record.
@Suite struct CSVReaderTests {
    static let header = "id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator"

    /// One record in the English column order; every argument defaults to a valid value.
    static func row(id: String = "stn-1", name: String = "太原市迎泽区工会驿站", kind: String = "outdoor-worker-station",
                    lat: String = "37.874855", lon: String = "112.551208", amenities: String = "shower;toilet",
                    address: String = "山西省太原市迎泽区晋祠路464号", openingHours: String = "Mo-Su 07:00-21:00") -> String {
        [id, name, kind, lat, lon, amenities, address, "山西省", "太原市", openingHours, "0351-2340875", "太原市迎泽区总工会"]
            .joined(separator: ",")
    }

    /// A file of the English header and `rows`, LF line ends.
    static func file(_ rows: String...) -> String { ([header] + rows).joined(separator: "\n") + "\n" }

    static func read(_ text: String, file: String = "test.csv") throws -> LoadResult {
        try CSVStationReader.read(text, file: file)
    }

    /// The single error a result must hold.
    static func onlyError(_ result: LoadResult) throws -> RecordError {
        try #require(result.errors.count == 1, "\(result.errors)")
        return result.errors[0]
    }

    /// The `DataFileError` that reading `text` throws.
    static func fileError(_ text: String, file: String = "test.csv") -> DataFileError? {
        do {
            _ = try CSVStationReader.read(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Good files

    @Test func readsEveryFieldOfTheEnglishFormat() throws {
        let result = try Self.read(Self.file(Self.row(), Self.row(id: "stn-2", kind: "driver-home", lat: "-90", lon: "180")))
        #expect(result.errors.isEmpty && result.notices.isEmpty)
        let station = try #require(result.stations.first)
        #expect(station == Station(
            id: "stn-1", name: "太原市迎泽区工会驿站", kind: .outdoorWorkerStation,
            coordinate: Coordinate(latitude: 37.874855, longitude: 112.551208), amenities: [.shower, .toilet],
            address: "山西省太原市迎泽区晋祠路464号", province: "山西省", city: "太原市", openingHours: "Mo-Su 07:00-21:00",
            phone: "0351-2340875", operator: "太原市迎泽区总工会", sourceDatum: .wgs84))
        // Range ends are valid.
        #expect(result.stations[1].coordinate == Coordinate(latitude: -90, longitude: 180))
        #expect(result.origins == [RecordOrigin(file: "test.csv", location: .line(2)), RecordOrigin(file: "test.csv", location: .line(3))])
    }

    @Test func chineseHeaderWithoutIDColumnNumbersRecordsByLine() throws {
        let text = """
            名称,类型,纬度,经度,设施,地址,省,市,开放时间,电话,运营单位
            环宇国际出口物流园区司机之家,司机之家,43.65,111.98,淋浴;厕所;餐饮,二连浩特市,内蒙古自治区,锡林郭勒盟,24/7,,二连浩特市总工会

            苏州康乃馨服务站,康乃馨服务站,31.3,120.6,母婴室、义诊,苏州市,江苏省,苏州市,,,苏州市总工会女职工委员会

            """
        let result = try Self.read(text)
        #expect(result.errors.isEmpty && result.notices.isEmpty)
        // A blank line is no record, but it still counts as a physical line.
        #expect(result.stations.map(\.id) == ["line-2", "line-4"])
        #expect(result.stations.map(\.kind) == [.driverHome, .carnationStation])
        #expect(result.stations[0].amenities == [.shower, .toilet, .meals])
        #expect(result.stations[1].amenities == [.lactationRoom, .healthCheck])
        #expect(result.stations[0].name == "环宇国际出口物流园区司机之家")
        #expect(result.stations[0].operator == "二连浩特市总工会")
        #expect(result.stations[1].coordinate == Coordinate(latitude: 31.3, longitude: 120.6))
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let text = Self.file(
            Self.row(name: #""驿站, ""暖心""小屋""#, address: "\"晋祠路464号\n二楼\"", openingHours: "\"Mo-Fr 08:00-12:00,14:00-18:00\""),
            Self.row(id: "stn-2"),
            Self.row(id: "stn-3", lat: "north"))
        let result = try Self.read(text)
        #expect(result.stations.count == 2)
        let station = try #require(result.stations.first)
        #expect(station.name == #"驿站, "暖心"小屋"#)
        #expect(station.address == "晋祠路464号\n二楼")
        #expect(station.openingHours == "Mo-Fr 08:00-12:00,14:00-18:00")
        // The first record spans lines 2 and 3, so the next ones start on lines 4 and 5.
        #expect(result.origins.map(\.location) == [.line(2), .line(4)])
        #expect(try Self.onlyError(result).location == .line(5))
    }

    @Test func crlfLineEnds() throws {
        let text = [Self.header, Self.row(), Self.row(id: "stn-2", address: "\"一楼\r\n二楼\""), Self.row(id: "stn-3", lon: "east"), ""]
            .joined(separator: "\r\n")
        let result = try Self.read(text)
        #expect(result.stations.map(\.id) == ["stn-1", "stn-2"])
        // No carriage return sticks to the last column.
        #expect(result.stations[0].operator == "太原市迎泽区总工会")
        #expect(result.stations[0] == (try Self.read(Self.file(Self.row()))).stations[0])
        let error = try Self.onlyError(result)
        #expect(error.location == .line(5))
        #expect(error.value == "east")
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.file(Self.row()).utf8))
        let loaded = try StationLoader.load(path: path)
        #expect(loaded.errors.isEmpty && loaded.notices.isEmpty)
        #expect(loaded.stations.map(\.id) == ["stn-1"])
        // Text that still starts with the mark (read by other means) gives the same result.
        let direct = try Self.read("\u{FEFF}" + Self.file(Self.row()))
        #expect(direct.notices.isEmpty)
        #expect(direct.stations == loaded.stations)
    }

    /// GB18030 bytes of the characters used below (standard GB 2312 code points, e.g. 太 = CC AB).
    static let gb18030: [Character: [UInt8]] = [
        "名": [0xC3, 0xFB], "称": [0xB3, 0xC6], "类": [0xC0, 0xE0], "型": [0xD0, 0xCD], "纬": [0xCE, 0xB3],
        "度": [0xB6, 0xC8], "经": [0xBE, 0xAD], "设": [0xC9, 0xE8], "施": [0xCA, 0xA9], "省": [0xCA, 0xA1],
        "市": [0xCA, 0xD0], "太": [0xCC, 0xAB], "原": [0xD4, 0xAD], "驿": [0xE6, 0xE4], "站": [0xD5, 0xBE],
        "司": [0xCB, 0xBE], "机": [0xBB, 0xFA], "之": [0xD6, 0xAE], "家": [0xBC, 0xD2], "淋": [0xC1, 0xDC],
        "浴": [0xD4, 0xA1], "热": [0xC8, 0xC8], "水": [0xCB, 0xAE], "山": [0xC9, 0xBD], "西": [0xCE, 0xF7],
    ]

    static func encodeGB18030(_ text: String) throws -> [UInt8] {
        try text.flatMap { character -> [UInt8] in
            if character.isASCII { return Array(character.utf8) }
            return try #require(gb18030[character], "no GB18030 bytes for \(character)")
        }
    }

    @Test func gb18030FileIsDecodedAndFlagged() throws {
        #expect(try Self.encodeGB18030("太原") == [0xCC, 0xAB, 0xD4, 0xAD])
        let text = "名称,类型,纬度,经度,设施,省,市\r\n太原驿站,司机之家,37.87,112.55,淋浴;热水,山西省,太原市\r\n"
        let bytes = try Self.encodeGB18030(text)
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the bytes must not also be valid UTF-8")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("registry.csv", bytes: bytes)
        let result = try StationLoader.load(path: path)
        #expect(result.errors.isEmpty)
        let station = try #require(result.stations.first)
        #expect(station.id == "line-2")
        #expect(station.name == "太原驿站")
        #expect(station.kind == .driverHome)
        #expect(station.amenities == [.shower, .drinkingWater])
        #expect(station.province == "山西省" && station.city == "太原市")
        let notice = try #require(result.notices.first)
        #expect(notice.contains(path) && notice.contains("GB18030") && notice.contains("UTF-8"))
    }

    @Test func amenityAliasesChineseAndEnglish() throws {
        let result = try Self.read(Self.file(Self.row(amenities: "\"淋浴、热水,WC; Wi-Fi；充电\"")))
        #expect(result.errors.isEmpty)
        #expect(result.stations.first?.amenities == [.shower, .drinkingWater, .toilet, .wifi, .charging])
    }

    @Test func unknownColumnIsANoticeNotSilence() throws {
        let text = Self.header + ",备注\n" + Self.row() + ",临时站点\n"
        let result = try Self.read(text, file: "extra.csv")
        #expect(result.errors.isEmpty)
        #expect(result.stations.map(\.id) == ["stn-1"])
        #expect(result.notices == ["extra.csv, line 1: column '备注' is not part of the station format and is ignored"])
    }

    // MARK: - Bad records: file, line, field and value

    @Test func badLatitudeText() throws {
        let error = try Self.onlyError(try Self.read(Self.file(Self.row(), Self.row(id: "stn-2", lat: "37°52′N")), file: "bad.csv"))
        #expect(error.file == "bad.csv")
        #expect(error.location == .line(3))
        #expect(error.field == "lat")
        #expect(error.value == "37°52′N")
        #expect(error.message == "latitude is not a number")
    }

    @Test func latitudeThatIsNotANumber() throws {
        let error = try Self.onlyError(try Self.read(Self.file(Self.row(lat: "abc")), file: "bad.csv"))
        #expect(error == RecordError(file: "bad.csv", location: .line(2), field: "lat", value: "abc", message: "latitude is not a number"))
        #expect(error.description == "bad.csv, line 2, field 'lat', value 'abc': latitude is not a number")
    }

    @Test func notANumberIsRejected() throws {
        for text in ["NaN", "nan", "inf", "-Infinity"] {
            let error = try Self.onlyError(try Self.read(Self.file(Self.row(lon: text))))
            #expect(error.location == .line(2))
            #expect(error.field == "lon")
            #expect(error.value == text, "the value as written")
            #expect(error.message.contains("finite"))
        }
    }

    @Test func coordinatesOutOfRange() throws {
        let result = try Self.read(Self.file(
            Self.row(id: "a", lat: "91.5"), Self.row(id: "b", lat: "-90.000001"), Self.row(id: "c", lon: "181"),
            Self.row(id: "d", lon: "-180.5")))
        #expect(result.stations.isEmpty)
        #expect(result.errors.map(\.location) == [.line(2), .line(3), .line(4), .line(5)])
        #expect(result.errors.map(\.field) == ["lat", "lat", "lon", "lon"])
        #expect(result.errors.map(\.value) == ["91.5", "-90.000001", "181", "-180.5"])
        #expect(result.errors[0].message == "latitude must be between -90 and 90")
        #expect(result.errors[2].message == "longitude must be between -180 and 180")
    }

    @Test func unknownKind() throws {
        let error = try Self.onlyError(try Self.read(Self.file(Self.row(), Self.row(id: "stn-2", kind: "bus-stop"))))
        #expect(error.location == .line(3))
        #expect(error.field == "kind")
        #expect(error.value == "bus-stop")
        #expect(error.message.contains("outdoor-worker-station, driver-home, carnation-station"))
    }

    @Test func unknownAmenityWithSuggestion() throws {
        let error = try Self.onlyError(try Self.read(Self.file(Self.row(amenities: "toilet;showr"))))
        #expect(error.location == .line(2))
        #expect(error.field == "amenities")
        #expect(error.value == "showr")
        #expect(error.message.contains("did you mean 'shower'"))
    }

    @Test func missingID() throws {
        let error = try Self.onlyError(try Self.read(Self.file(Self.row(), Self.row(id: "  "))))
        #expect(error.location == .line(3))
        #expect(error.field == "id")
        #expect(error.value == "  ")
    }

    @Test func duplicateIDPointsAtTheFirst() throws {
        let result = try Self.read(Self.file(Self.row(), Self.row(id: "stn-2"), Self.row(name: "另一个驿站")))
        #expect(result.stations.map(\.id) == ["stn-1", "stn-2"])
        #expect(result.stations[0].name == "太原市迎泽区工会驿站", "the first occurrence is kept")
        let error = try Self.onlyError(result)
        #expect(error.location == .line(4))
        #expect(error.field == "id")
        #expect(error.value == "stn-1")
        #expect(error.message.contains("line 2"))
    }

    @Test func wrongFieldCount() throws {
        let result = try Self.read(Self.file(Self.row(), "stn-2,驿站,driver-home,37.9,112.5", Self.row(id: "stn-3") + ",extra"))
        #expect(result.stations.map(\.id) == ["stn-1"])
        #expect(result.errors.map(\.location) == [.line(3), .line(4)])
        #expect(result.errors[0].message.contains("5 fields") && result.errors[0].message.contains("12"))
        #expect(result.errors[1].message.contains("13 fields"))
    }

    @Test func everyBadFieldOfARecordIsReported() throws {
        let result = try Self.read(Self.file(Self.row(kind: "bus", lat: "x", lon: "200", amenities: "showr")))
        #expect(result.stations.isEmpty)
        #expect(Set(result.errors.compactMap(\.field)) == ["kind", "lat", "lon", "amenities"])
        #expect(result.errors.allSatisfy { $0.location == .line(2) && $0.file == "test.csv" })
    }

    @Test func recordAfterAMultiLineFieldHasItsPhysicalLine() throws {
        let text = Self.file(
            Self.row(address: "\"一楼\n二楼\n三楼\""),  // lines 2-4
            Self.row(id: "stn-2", kind: "unknown"))     // line 5
        let error = try Self.onlyError(try Self.read(text))
        #expect(error.location == .line(5))
        #expect(error.value == "unknown")
    }

    @Test func datumsAreConvertedToWGS84AndUnknownOnesRejected() throws {
        let text = Self.header + ",crs\n" + Self.row() + ",gcj02\n" + Self.row(id: "stn-2") + ",WGS84\n"
            + Self.row(id: "stn-3") + ",BD-09\n" + Self.row(id: "stn-4") + ",mars2000\n"
        let result = try Self.read(text)
        #expect(result.stations.map(\.id) == ["stn-1", "stn-2", "stn-3"])
        let written = Coordinate(latitude: 37.874855, longitude: 112.551208)
        #expect(result.stations.map(\.sourceDatum) == [.gcj02, .wgs84, .bd09])
        #expect(result.stations[1].coordinate == written)
        // The GCJ-02 record's true position is its inverse, hundreds of metres away from what was written.
        let fromGCJ = result.stations[0].coordinate
        #expect(fromGCJ == written.converted(from: .gcj02, to: .wgs84))
        #expect(fromGCJ.geodesicDistance(to: written) > 300)
        #expect(fromGCJ.converted(from: .wgs84, to: .gcj02).geodesicDistance(to: written) < 0.01)
        let error = try Self.onlyError(result)
        #expect(error.location == .line(5))
        #expect(error.field == "crs")
        #expect(error.value == "mars2000")
        #expect(error.message.contains("unknown datum"))
        // --input-crs applies to records without their own crs.
        let plain = try CSVStationReader.read(Self.file(Self.row()), file: "x.csv", inputDatum: .gcj02)
        #expect(plain.stations.first?.coordinate == fromGCJ)
    }

    // MARK: - Whole files that cannot be read

    @Test func unterminatedQuoteKeepsTheRecordsBeforeIt() throws {
        let text = Self.file(Self.row(), Self.row(id: "stn-2", name: "\"未闭合的名称"), Self.row(id: "stn-3"))
        let result = try Self.read(text, file: "quote.csv")
        #expect(result.stations.map(\.id) == ["stn-1"])
        let error = try Self.onlyError(result)
        #expect(error.file == "quote.csv")
        #expect(error.location == .line(3))
        #expect(error.message.contains("never closed"))
        #expect(error.message.contains("lines 3–4"), "names the lines it takes with it")
        #expect(result.unsplitRecords == [RecordOrigin(file: "quote.csv", location: .line(3))])
    }

    @Test func emptyFile() throws {
        for text in ["", "\n\n", "\r\n"] {
            let error = try #require(Self.fileError(text, file: "empty.csv"))
            #expect(error.file == "empty.csv")
            #expect(error.message.contains("empty"))
            #expect(error.message.contains(Self.header), "says what the header should be")
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("empty.csv", bytes: [])
        #expect(throws: DataFileError.self) { try StationLoader.load(path: path) }
    }

    @Test func missingRequiredColumn() throws {
        let error = try #require(Self.fileError("id,name,kind,lon\nstn-1,驿站,driver-home,112.5\n", file: "cols.csv"))
        #expect(error.file == "cols.csv")
        #expect(error.message.contains("line 1"))
        #expect(error.message.contains("missing column lat"))
        let both = try #require(Self.fileError("名称,地址\n驿站,某路1号\n"))
        #expect(both.message.contains("kind, lat, lon"))
    }

    @Test func utf16FileSaysHowToConvert() throws {
        let utf16 = Array(Self.file(Self.row()).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("unicode.csv", bytes: [0xFF, 0xFE] + utf16)
        do {
            _ = try StationLoader.load(path: path)
            Issue.record("a UTF-16 file must not load")
        } catch {
            #expect(error.file == path)
            #expect(error.reason == .unreadable)
            #expect(error.message.contains("UTF-16"))
            #expect(error.message.contains("iconv -f UTF-16 -t UTF-8"))
        }
    }

    @Test func missingFile() {
        do {
            _ = try StationLoader.load(path: "/nonexistent/stations.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .missing)
            #expect(error.file == "/nonexistent/stations.csv")
        }
    }

    // MARK: - The embedded default data

    @Test func defaultDataLoadsCleanly() {
        let result = StationLoader.loadDefault()
        #expect(result.errors.isEmpty, "\(result.errors.prefix(3))")
        #expect(result.notices.isEmpty)
        #expect(result.stations.count >= 500)
        #expect(Set(result.stations.map(\.province)).subtracting([""]).count >= 20)
        #expect(Set(result.stations.map(\.kind)) == Set(Kind.allCases))
        #expect(result.origins.allSatisfy { $0.file == StationLoader.defaultDataName })
    }

    @Test func embeddedCSVIsByteIdenticalToGeodata() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../geodata/stations.csv").standardized.path
        let bytes = try #require(FileManager.default.contents(atPath: path), "\(path)")
        #expect(Array(EmbeddedStations.csv.utf8) == [UInt8](bytes), "regenerate with tools/generate-default-data.py")
        let fromDisk = try StationLoader.load(path: path)
        #expect(fromDisk.stations == StationLoader.loadDefault().stations)
    }

    @Test func duplicateIDsAcrossFilesAreReportedInFileOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try folder.write("a.csv", text: Self.file(Self.row(id: "x"), Self.row(id: "y"), Self.row(id: "y")))
        let second = try folder.write("b.geojson", text: #"""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[112.5,37.9]},"properties":{"id":"z","kind":"driver-home"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[112.5,37.9]},"properties":{"id":"x","kind":"driver-home"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[112.5,91]},"properties":{"id":"w","kind":"driver-home"}}]}
            """#)
        let result = try StationLoader.load(paths: [first, second])
        #expect(result.stations.map(\.id) == ["x", "y", "z"])
        #expect(result.errors.map { "\($0.file == first ? "a" : "b") \($0.location) \($0.message)" } == [
            "a line 4 duplicate id, first used on line 3",
            "b feature 1 duplicate id, first used in \(first), line 2",
            "b feature 2 latitude must be between -90 and 90",
        ])
    }

    @Test func emptyFeatureCollectionLoadsNothing() throws {
        let result = try GeoJSONStationReader.read(#"{"type":"FeatureCollection","features":[]}"#, file: "e.geojson")
        #expect(result.stations.isEmpty && result.errors.isEmpty)
    }
}
