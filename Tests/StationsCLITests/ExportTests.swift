import Foundation
import Testing
@testable import StationAnalysis
@testable import StationKit
@testable import StationsCLI

/// `stations export`: golden files, RFC 7946 structure, round trips, filters, datums, atomic files.
@Suite struct ExportTests {
    @Test func goldenFiles() throws {
        let input = fixturePath("export-input.csv")
        let plain = try runInProcess(["export", "--data", input]).output
        #expect(plain == (try String(contentsOfFile: fixturePath("export-golden.geojson"), encoding: .utf8)))
        let styled = try runInProcess(["export", "--data", input, "--style", "--crs", "gcj02"]).output
        #expect(styled == (try String(contentsOfFile: fixturePath("export-golden-gcj02-style.geojson"), encoding: .utf8)))
    }

    @Test func defaultDataIsStructurallyRFC7946() throws {
        let text = try runInProcess(["export"]).output
        let json = try jsonObject(text)
        #expect(json["type"] as? String == "FeatureCollection")
        #expect(json["crs_name"] as? String == "wgs84")
        let bbox = try #require(json["bbox"] as? [Double])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == defaultStations.count)
        var ids = Set<String>()
        let byID = Dictionary(uniqueKeysWithValues: defaultStations.map { ($0.id, $0) })
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let position = try #require(geometry["coordinates"] as? [Double])
            #expect(position.count == 2)
            let properties = try #require(feature["properties"] as? [String: Any])
            let id = try #require(feature["id"] as? String)
            #expect(properties["id"] as? String == id)
            #expect(ids.insert(id).inserted)
            let station = try #require(byID[id])
            // [lon, lat] order, not [lat, lon].
            #expect(abs(position[0] - station.coordinate.longitude) < 5e-8 && abs(position[1] - station.coordinate.latitude) < 5e-8)
            #expect(position[0] >= bbox[0] && position[1] >= bbox[1] && position[0] <= bbox[2] && position[1] <= bbox[3])
            for key in ["name", "kind", "kind_zh", "amenities", "address", "province", "city", "opening_hours", "phone", "operator"] {
                #expect(properties[key] != nil, "\(id) lacks \(key)")
            }
        }
        #expect(try runInProcess(["export"]).output == text, "export is deterministic")
        #expect(!text.contains("\\u"), "Chinese text is not escaped")
    }

    @Test func roundTripsThroughOurReaders() throws {
        let geoJSON = try GeoJSONStationReader.read(try runInProcess(["export"]).output, file: "export.geojson")
        #expect(geoJSON.errors.isEmpty)
        #expect(geoJSON.stations.sorted { $0.id < $1.id } == defaultStations.sorted { $0.id < $1.id })
        let csv = try CSVStationReader.read(try runInProcess(["export", "--format", "csv"]).output, file: "export.csv")
        #expect(csv.errors.isEmpty)
        #expect(csv.stations == geoJSON.stations)
    }

    @Test func roundTripsRandomStationsWithAwkwardText() throws {
        var rng = SystemRandomNumberGenerator()
        let texts = ["", "太原市", "a,b", "say \"hi\"", "line1\nline2", "  padded", "tab\there", "🚚 司机之家", "back\\slash"]
        var stations: [Station] = []
        for i in 0..<300 {
            var amenities = AmenitySet()
            for amenity in Amenity.allCases where Bool.random(using: &rng) { amenities.insert(amenity) }
            stations.append(Station(
                id: "r\(i)", name: texts.randomElement(using: &rng)!, kind: Kind.allCases.randomElement(using: &rng)!,
                coordinate: Coordinate(latitude: (Double.random(in: -90...90, using: &rng) * 1e7).rounded() / 1e7,
                                       longitude: (Double.random(in: -180...180, using: &rng) * 1e7).rounded() / 1e7),
                amenities: amenities, address: texts.randomElement(using: &rng)!, province: texts.randomElement(using: &rng)!,
                city: texts.randomElement(using: &rng)!, openingHours: texts.randomElement(using: &rng)!,
                phone: texts.randomElement(using: &rng)!, operator: texts.randomElement(using: &rng)!))
        }
        // What the readers keep: values trimmed of surrounding white space.
        let expected = stations.map { s in
            Station(id: s.id, name: s.name.trimmed(), kind: s.kind, coordinate: s.coordinate, amenities: s.amenities,
                    address: s.address.trimmed(), province: s.province.trimmed(), city: s.city.trimmed(),
                    openingHours: s.openingHours.trimmed(), phone: s.phone.trimmed(), operator: s.operator.trimmed())
        }
        let input = try temporaryFile("random.csv", StationCSVEncoder.row(StationCSVEncoder().header)
            + stations.map { StationCSVEncoder().row($0) }.joined())
        let loaded = try StationLoader.load(paths: [input])
        #expect(loaded.errors.isEmpty)
        #expect(loaded.stations == expected)
        for format in ["geojson", "csv", "geojsonseq"] {
            let text = try runInProcess(["export", "--data", input, "--format", format]).output
            let back: [Station]
            if format == "geojsonseq" {
                let records = text.split(separator: "\u{1E}").map(String.init)
                #expect(records.allSatisfy { $0.hasSuffix("\n") })
                let collection = "{\"type\":\"FeatureCollection\",\"features\":[" + records.joined(separator: ",") + "]}"
                back = try GeoJSONStationReader.read(collection, file: "seq").stations
            } else if format == "csv" {
                back = try CSVStationReader.read(text, file: "x.csv").stations
            } else {
                back = try GeoJSONStationReader.read(text, file: "x.geojson").stations
            }
            #expect(back == expected.sorted { $0.id < $1.id }, "\(format)")
        }
    }

    @Test func gcj02ExportReadsBackToTheSamePlaces() throws {
        for format in ["geojson", "csv"] {
            let text = try runInProcess(["export", "--crs", "gcj02", "--format", format]).output
            let file = try temporaryFile("gcj.\(format)", text)
            let back = try StationLoader.load(paths: [file])
            #expect(back.errors.isEmpty)
            let original = Dictionary(uniqueKeysWithValues: defaultStations.map { ($0.id, $0) })
            var worst = 0.0
            for station in back.stations {
                let source = try #require(original[station.id])
                worst = max(worst, station.coordinate.geodesicDistance(to: source.coordinate))
                #expect(station.sourceDatum == .gcj02)
            }
            // 7 decimals (≈ 1 cm) in the file plus the inverse's own 1 cm.
            #expect(worst < 0.03, "\(format): worst round trip \(worst) m")
        }
    }

    @Test func filtersSelectExactlyWhatBruteForceSelects() throws {
        func ids(_ arguments: [String]) throws -> [String] {
            let text = try runInProcess(["export", "--format", "csv"] + arguments).output
            return try CSVStationReader.read(text, file: "x.csv").stations.map(\.id)
        }
        let sortedIDs = { (stations: [Station]) in stations.map(\.id).sorted() }
        #expect(try ids(["--need", "shower", "--kind", "driver-home"])
            == sortedIDs(defaultStations.filter { $0.amenities.contains(.shower) && $0.kind == .driverHome }))
        let box = BoundingBox(south: 37.7, west: 112.3, north: 38.0, east: 112.8)
        #expect(try ids(["--bbox", "112.3,37.7,112.8,38.0"]) == sortedIDs(defaultStations.filter { box.contains($0.coordinate) }))
        let centre = Coordinate(latitude: 37.9, longitude: 112.5)
        #expect(try ids(["--near", "37.9,112.5", "--within", "10km"])
            == sortedIDs(defaultStations.filter { centre.geodesicDistance(to: $0.coordinate) <= 10_000 }))
        // The generator put every station inside the province it names; GEOS agrees (see StationAnalysisTests).
        #expect(try ids(["--region", "山西"]) == sortedIDs(defaultStations.filter { $0.province == "山西省" }))
        #expect(try ids(["--region", "CN-JS"]) == sortedIDs(defaultStations.filter { $0.province == "江苏省" }))
    }

    @Test func regionFromAPolygonFile() throws {
        // A triangle around Taiyuan, as a FeatureCollection.
        let triangle = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon",
            "coordinates":[[[112.3,37.6],[112.9,37.6],[112.6,38.1],[112.3,37.6]]]}}]}
            """
        let path = try temporaryFile("triangle.geojson", triangle)
        let context = GEOSBridgeTestPolygon(wkt: "POLYGON((112.3 37.6, 112.9 37.6, 112.6 38.1, 112.3 37.6))")
        let text = try runInProcess(["export", "--format", "csv", "--region", path]).output
        let got = try CSVStationReader.read(text, file: "x.csv").stations.map(\.id)
        let expected = defaultStations.filter { context.covers($0.coordinate) }.map(\.id).sorted()
        #expect(!expected.isEmpty)
        #expect(got == expected)
        let bowTie = try temporaryFile("bowtie.geojson", #"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#)
        #expect(throws: CLIError.self) { try runInProcess(["export", "--region", bowTie]) }
    }

    @Test func outputFileIsAtomic() throws {
        let directory = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        let target = directory + "/stations.geojson"
        let ok = try runBinary(["export", "-o", target])
        #expect(ok.status == 0)
        #expect(ok.stderr.contains("exported \(defaultStations.count) of \(defaultStations.count) stations to \(target)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["placeholder", "stations.geojson"])
        let before = try String(contentsOfFile: target, encoding: .utf8)
        // A failing export (unknown region) must leave the earlier file untouched and no temporary behind.
        let failed = try runBinary(["export", "-o", target, "--region", "Atlantis"])
        #expect(failed.status == 64)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 2)
        let missingFolder = try runBinary(["export", "-o", directory + "/no/such/folder/x.geojson"])
        #expect(missingFolder.status == 74)
    }

    @Test func nearSpeaksTheUsersDatum() throws {
        // A point copied from Amap (GCJ-02) must give the same answer as its true WGS84 position.
        let wgs = Coordinate(latitude: 37.9, longitude: 112.5)
        let gcj = wgs.converted(from: .wgs84, to: .gcj02)
        let inGCJ = try jsonObject(try runInProcess(["near", "\(gcj.latitude),\(gcj.longitude)", "--crs", "gcj02", "--format", "json"]).output)
        let inWGS = try jsonObject(try runInProcess(["near", "37.9,112.5", "--format", "json"]).output)
        #expect(inGCJ["crs_name"] as? String == "gcj02")
        let gcjResults = try #require(inGCJ["results"] as? [[String: Any]])
        let wgsResults = try #require(inWGS["results"] as? [[String: Any]])
        #expect(gcjResults.map { ($0["station"] as? [String: Any])?["id"] as? String } == wgsResults.map { ($0["station"] as? [String: Any])?["id"] as? String })
        for (a, b) in zip(gcjResults, wgsResults) {
            #expect(abs((a["distance_m"] as? Double ?? 0) - (b["distance_m"] as? Double ?? 1e9)) <= 0.1)
            let station = try #require(a["station"] as? [String: Any])
            let original = try #require(defaultStations.first { $0.id == station["id"] as? String })
            let shifted = original.coordinate.converted(from: .wgs84, to: .gcj02)
            #expect(abs((station["lat"] as? Double ?? 0) - shifted.latitude) < 1e-7)
            #expect(abs((station["lon"] as? Double ?? 0) - shifted.longitude) < 1e-7)
        }
    }
}

/// A polygon for checking `--region FILE` independently of the code under test's file reading.
struct GEOSBridgeTestPolygon {
    let vertices: [(x: Double, y: Double)]

    init(wkt: String) {
        let numbers = wkt.split(whereSeparator: { !"0123456789.-".contains($0) }).compactMap { Double($0) }
        vertices = stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    /// Even-odd ray casting (points exactly on an edge do not occur in the test data).
    func covers(_ c: Coordinate) -> Bool {
        var inside = false
        var j = vertices.count - 1
        for i in vertices.indices {
            let (xi, yi) = vertices[i], (xj, yj) = vertices[j]
            if (yi > c.latitude) != (yj > c.latitude) && c.longitude < (xj - xi) * (c.latitude - yi) / (yj - yi) + xi {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
