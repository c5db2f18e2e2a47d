import Foundation
import Testing
@testable import StationKit

/// The GeoJSON reader and the loader on GeoJSON files: every bad feature names the file, its 0-based
/// index in `features`, the field and the value.
@Suite struct GeoJSONReaderTests {
    static func point(_ longitude: Double, _ latitude: Double) -> String {
        #"{"type": "Point", "coordinates": [\#(longitude), \#(latitude)]}"#
    }

    /// One feature; `id: nil` leaves the id out, `more` adds properties (start it with a comma).
    static func feature(geometry: String = point(112.607649, 37.868459), id: String? = "stn-1", kind: String = "driver-home",
                        amenities: String = #"["shower", "parking"]"#, more: String = "") -> String {
        let idMember = id.map { #""id": "\#($0)", "# } ?? ""
        return #"""
            {"type": "Feature", "geometry": \#(geometry), "properties": {\#(idMember)"name": "太原国际物流园货车司机之家", \#
            "kind": "\#(kind)", "amenities": \#(amenities), "address": "山西省太原市迎泽区并州路779号", "province": "山西省", \#
            "city": "太原市", "opening_hours": "24/7", "phone": null, "operator": "太原市迎泽区总工会"\#(more)}}
            """#
    }

    static func collection(_ features: String...) -> String {
        #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
    }

    static func read(_ text: String, file: String = "test.geojson") throws -> LoadResult {
        try GeoJSONStationReader.read(text, file: file)
    }

    static func onlyError(_ result: LoadResult) throws -> RecordError {
        try #require(result.errors.count == 1, "\(result.errors)")
        return result.errors[0]
    }

    static func fileError(_ text: String, file: String = "test.geojson") -> DataFileError? {
        do {
            _ = try GeoJSONStationReader.read(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Good files

    @Test func readsEveryProperty() throws {
        let result = try Self.read(Self.collection(Self.feature()))
        #expect(result.errors.isEmpty && result.notices.isEmpty)
        #expect(result.stations == [Station(
            id: "stn-1", name: "太原国际物流园货车司机之家", kind: .driverHome,
            coordinate: Coordinate(latitude: 37.868459, longitude: 112.607649), amenities: [.shower, .parking],
            address: "山西省太原市迎泽区并州路779号", province: "山西省", city: "太原市", openingHours: "24/7",
            phone: "", operator: "太原市迎泽区总工会", sourceDatum: .wgs84)])
        #expect(result.origins == [RecordOrigin(file: "test.geojson", location: .feature(0))])
    }

    @Test func positionIsLongitudeThenLatitude() throws {
        let result = try Self.read(Self.collection(Self.feature(geometry: #"{"type": "Point", "coordinates": [-179.5, -45.25, 812.0]}"#)))
        #expect(result.errors.isEmpty)
        #expect(result.stations.first?.coordinate == Coordinate(latitude: -45.25, longitude: -179.5))
    }

    @Test func idMayBeAFeatureMemberOrANumber() throws {
        let featureLevel = Self.feature(id: nil).replacingOccurrences(of: #"{"type": "Feature","#, with: #"{"type": "Feature", "id": 17,"#)
        let numeric = Self.feature(id: nil, more: #", "id": 42"#)
        let result = try Self.read(Self.collection(featureLevel, numeric))
        #expect(result.errors.isEmpty)
        #expect(result.stations.map(\.id) == ["17", "42"])
    }

    @Test func aNumericIdIsRememberedForTheAudit() throws {
        let top = Self.feature(id: nil).replacingOccurrences(of: #"{"type": "Feature","#, with: #"{"type": "Feature", "id": 17.0,"#)
        let text = Self.collection(top, Self.feature(id: "17"), Self.feature(id: nil, more: #", "id": 18"#))
        let result = try GeoJSONStationReader.read(text, file: "ids.geojson", keepingSources: true)
        #expect(result.sources.map(\.fields.id) == ["17.0", "17", "18"])
        #expect(result.sources.map(\.fields.idIsNumber) == [true, false, true])
    }

    @Test func amenityAliasesAndPackedLists() throws {
        let result = try Self.read(Self.collection(
            Self.feature(id: "a", amenities: #"["淋浴", "WC", "热水"]"#),
            Self.feature(id: "b", amenities: #""shower;toilet、充电""#),
            Self.feature(id: "c", amenities: "null"),
            Self.feature(id: "d", amenities: "[]")))
        #expect(result.errors.isEmpty)
        #expect(result.stations.map(\.amenities) == [[.shower, .toilet, .drinkingWater], [.shower, .toilet, .charging], [], []])
    }

    @Test func kindByChineseName() throws {
        let result = try Self.read(Self.collection(Self.feature(kind: "货车司机之家"), Self.feature(id: "stn-2", kind: "妈妈驿站")))
        #expect(result.stations.map(\.kind) == [.driverHome, .carnationStation])
    }

    @Test func wgs84CRSIsAccepted() throws {
        let result = try Self.read(Self.collection(Self.feature(more: #", "crs": "WGS84""#)))
        #expect(result.errors.isEmpty)
        #expect(result.stations.first?.sourceDatum == .wgs84)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let text = Self.collection(Self.feature())
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("bom.geojson", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let loaded = try StationLoader.load(path: path)
        #expect(loaded.errors.isEmpty && loaded.notices.isEmpty)
        #expect(loaded.stations == (try Self.read(text)).stations)
        // Text that still starts with the mark (read by other means) gives the same result.
        #expect((try Self.read("\u{FEFF}" + text)).stations == loaded.stations)
    }

    // MARK: - Bad features

    @Test func nonPointGeometry() throws {
        let line = #"{"type": "LineString", "coordinates": [[112.5, 37.8], [112.6, 37.9]]}"#
        let result = try Self.read(Self.collection(Self.feature(), Self.feature(geometry: line, id: "stn-2")), file: "lines.geojson")
        #expect(result.stations.map(\.id) == ["stn-1"])
        let error = try Self.onlyError(result)
        #expect(error.file == "lines.geojson")
        #expect(error.location == .feature(1))
        #expect(error.field == "geometry.type")
        #expect(error.value == "LineString")
        #expect(error.description.hasPrefix("lines.geojson, feature 1, field 'geometry.type', value 'LineString': "))
    }

    @Test func nullOrMissingGeometry() throws {
        let missing = Self.feature(id: "stn-3").replacingOccurrences(of: Self.point(112.607649, 37.868459) + ",", with: "")
            .replacingOccurrences(of: #""geometry": "#, with: "")
        #expect(!missing.contains("geometry"))
        let result = try Self.read(Self.collection(Self.feature(), Self.feature(geometry: "null", id: "stn-2"), missing))
        #expect(result.errors.map(\.location) == [.feature(1), .feature(2)])
        #expect(result.errors.map(\.field) == ["geometry", "geometry"])
        #expect(result.errors.map(\.value) == ["null", "null"])
    }

    @Test func missingOrShortCoordinates() throws {
        let result = try Self.read(Self.collection(
            Self.feature(geometry: #"{"type": "Point"}"#),
            Self.feature(geometry: #"{"type": "Point", "coordinates": [112.5]}"#, id: "stn-2"),
            Self.feature(geometry: #"{"type": "Point", "coordinates": "112.5,37.8"}"#, id: "stn-3")))
        #expect(result.stations.isEmpty)
        #expect(result.errors.map(\.location) == [.feature(0), .feature(1), .feature(2)])
        #expect(result.errors.allSatisfy { $0.field == "geometry.coordinates" })
        #expect(result.errors.map(\.value) == [nil, "[112.5]", "112.5,37.8"])
    }

    @Test func badCoordinateValues() throws {
        let result = try Self.read(Self.collection(
            Self.feature(geometry: #"{"type": "Point", "coordinates": [112.5, "北纬37度"]}"#, id: "a"),
            Self.feature(geometry: Self.point(112.5, 95.5), id: "b"),
            Self.feature(geometry: #"{"type": "Point", "coordinates": [200, 37.8]}"#, id: "c"),
            Self.feature(geometry: #"{"type": "Point", "coordinates": [112.5, null]}"#, id: "d"),
            Self.feature(geometry: #"{"type": "Point", "coordinates": ["112.5", "37.8"]}"#, id: "e"),
            Self.feature(geometry: #"{"type": "Point", "coordinates": [112.5, 37.8]}"#, id: "f")))
        #expect(result.stations.map(\.id) == ["f"])
        #expect(result.errors.map(\.location) == [.feature(0), .feature(1), .feature(2), .feature(3), .feature(4), .feature(4)])
        #expect(result.errors.map(\.field) == ["lat", "lat", "lon", "lat", "lat", "lon"])
        #expect(result.errors.map(\.value) == ["北纬37度", "95.5", "200", "null", #""37.8""#, #""112.5""#])
        #expect(result.errors[0].message == "latitude is not a number")
        #expect(result.errors[1].message == "latitude must be between -90 and 90")
    }

    /// RFC 7946 positions are numbers: a quoted one is a bad record (named, with what to write),
    /// not silently converted; a string that holds no number keeps the general message.
    @Test func coordinatesWrittenAsStringsAreRejected() throws {
        let result = try Self.read(Self.collection(
            Self.feature(geometry: #"{"type": "Point", "coordinates": [" 112.5", 37.9]}"#, id: "a"),
            Self.feature(geometry: #"{"type": "Point", "coordinates": [112.5, "NaN"]}"#, id: "b")), file: "quoted.geojson")
        #expect(result.stations.isEmpty)
        #expect(result.errors.map(\.description) == [
            #"quoted.geojson, feature 0, field 'lon', value '" 112.5"': longitude is a string, not a number; write it as a number, without quotes"#,
            "quoted.geojson, feature 1, field 'lat', value 'NaN': latitude is not a finite number",
        ])
    }

    @Test func unknownKindAndAmenity() throws {
        let result = try Self.read(Self.collection(
            Self.feature(kind: "truck-stop"), Self.feature(id: "stn-2", amenities: #"["shower", "showr"]"#)))
        #expect(result.stations.isEmpty)
        #expect(result.errors.map(\.location) == [.feature(0), .feature(1)])
        #expect(result.errors.map(\.field) == ["kind", "amenities"])
        #expect(result.errors.map(\.value) == ["truck-stop", "showr"])
        #expect(result.errors[1].message.contains("did you mean 'shower'"))
    }

    @Test func missingID() throws {
        let error = try Self.onlyError(try Self.read(Self.collection(Self.feature(), Self.feature(id: nil))))
        #expect(error.location == .feature(1))
        #expect(error.field == "id")
        #expect(error.value == "")
    }

    @Test func duplicateIDPointsAtTheFirst() throws {
        let result = try Self.read(Self.collection(Self.feature(), Self.feature(id: "stn-2"), Self.feature(kind: "工会驿站")))
        #expect(result.stations.map(\.id) == ["stn-1", "stn-2"])
        #expect(result.stations[0].kind == .driverHome, "the first occurrence is kept")
        let error = try Self.onlyError(result)
        #expect(error.location == .feature(2))
        #expect(error.field == "id")
        #expect(error.value == "stn-1")
        #expect(error.message.contains("feature 0"))
    }

    @Test func elementThatIsNotAFeature() throws {
        let result = try Self.read(Self.collection(Self.feature(), #"{"type": "Point", "coordinates": [112.5, 37.8]}"#, "42"))
        #expect(result.errors.map(\.location) == [.feature(1), .feature(2)])
        #expect(result.errors.map(\.field) == ["type", "type"])
        #expect(result.errors[0].value == "Point")
    }

    @Test func datumsAreConvertedToWGS84() throws {
        let written = Coordinate(latitude: 37.868459, longitude: 112.607649)
        let record = try Self.read(Self.collection(Self.feature(more: #", "crs": "gcj02""#)))
        #expect(record.errors.isEmpty)
        #expect(record.stations.first?.coordinate == written.converted(from: .gcj02, to: .wgs84))
        #expect(record.stations.first?.sourceDatum == .gcj02)
        // The file-level foreign member our exporter writes, overridden by a record's own crs.
        let file = #"{"type": "FeatureCollection", "crs_name": "bd09", "features": ["# + Self.feature() + ","
            + Self.feature(id: "stn-2", more: #", "crs": "wgs84""#) + "]}"
        let both = try Self.read(file)
        #expect(both.stations.map(\.sourceDatum) == [.bd09, .wgs84])
        #expect(both.stations[0].coordinate == written.converted(from: .bd09, to: .wgs84))
        #expect(both.stations[1].coordinate == written)
        let unknown = try Self.onlyError(try Self.read(Self.collection(Self.feature(more: #", "crs": "utm50""#))))
        #expect(unknown.location == .feature(0) && unknown.field == "crs" && unknown.value == "utm50")
    }

    // MARK: - Whole files that cannot be read

    @Test func notJSON() throws {
        for text in ["", "id,name,kind\n", #"{"type": "FeatureCollection", "features": [}"#] {
            let error = try #require(Self.fileError(text, file: "broken.geojson"), "\(text)")
            #expect(error.file == "broken.geojson")
            #expect(error.reason == .unreadable)
            #expect(error.message.hasPrefix("not valid JSON"), "\(error.message)")
        }
    }

    @Test func notAFeatureCollection() throws {
        let feature = try #require(Self.fileError(Self.feature(), file: "one.geojson"))
        #expect(feature.file == "one.geojson")
        #expect(feature.message.contains("FeatureCollection") && feature.message.contains("\"Feature\""))
        let array = try #require(Self.fileError("[1, 2]"))
        #expect(array.message.contains("\"type\""))
        let noFeatures = try #require(Self.fileError(#"{"type": "FeatureCollection"}"#))
        #expect(noFeatures.message.contains("\"features\""))
    }

    @Test func utf16FileSaysHowToConvert() throws {
        let text = Self.collection(Self.feature())
        let bigEndian = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("unicode.geojson", bytes: [0xFE, 0xFF] + bigEndian)
        do {
            _ = try StationLoader.load(path: path)
            Issue.record("a UTF-16 file must not load")
        } catch {
            #expect(error.file == path)
            #expect(error.message.contains("UTF-16"))
            #expect(error.message.contains("iconv -f UTF-16 -t UTF-8"))
        }
    }

    // MARK: - Several inputs

    @Test func idsMustBeUniqueAcrossFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let csv = try folder.write("a.csv", text: CSVReaderTests.file(CSVReaderTests.row(), CSVReaderTests.row(id: "stn-9")))
        let geoJSON = try folder.write("b.geojson", text: Self.collection(Self.feature(id: "stn-2"), Self.feature()))
        let result = try StationLoader.load(paths: [csv, geoJSON])
        #expect(result.stations.map(\.id) == ["stn-1", "stn-9", "stn-2"])
        #expect(result.stations[0].kind == .outdoorWorkerStation, "the first file's station is kept")
        #expect(result.origins.map(\.description) == ["\(csv), line 2", "\(csv), line 3", "\(geoJSON), feature 0"])
        let error = try Self.onlyError(result)
        #expect(error.file == geoJSON)
        #expect(error.location == .feature(1))
        #expect(error.field == "id")
        #expect(error.value == "stn-1")
        #expect(error.message.contains("\(csv), line 2"))
    }
}
