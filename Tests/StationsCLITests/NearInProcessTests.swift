import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI

/// `near` run in-process on the embedded data; every answer is checked against brute force.
@Suite struct NearInProcessTests {
    static let taiyuan = Coordinate(latitude: 37.9, longitude: 112.5)

    @Test func jsonAnswersEqualBruteForce() throws {
        let cases: [(args: [String], filter: StationFilter, limit: Int, within: Double?)] = [
            (["--need", "shower"], StationFilter(need: [.shower]), 5, nil),
            (["--need", "淋浴,停车", "--limit", "3"], StationFilter(need: [.shower, .parking]), 3, nil),
            (["--kind", "carnation-station", "--limit", "10"], StationFilter(kinds: [.carnationStation]), 10, nil),
            (["--within", "5km", "--limit", "50"], StationFilter(), 50, 5000),
        ]
        for testCase in cases {
            let run = try runInProcess(["near", "37.9,112.5", "--format", "json"] + testCase.args)
            let json = try jsonObject(run.output)
            #expect(json["schema"] as? String == "stations.near/1")
            let results = try #require(json["results"] as? [[String: Any]])
            let got = results.map { (($0["station"] as? [String: Any])?["id"] as? String ?? "", $0["distance_m"] as? Double ?? -1) }
            let expected = expectedNearest(to: Self.taiyuan, limit: testCase.limit, filter: testCase.filter, maxDistance: testCase.within)
            #expect(got.map(\.0) == expected.map(\.id), "\(testCase.args)")
            for (pair, oracle) in zip(got, expected) { #expect(abs(pair.1 - oracle.distance) <= 0.05) }
            #expect(results.map { $0["rank"] as? Int } == Array(1...max(1, results.count)).prefix(results.count).map { $0 })
        }
    }

    @Test func tableListsRankDistanceNameIdAndMarksNeeds() throws {
        let run = try runInProcess(["near", "37.9,112.5", "--need", "shower"])
        let expected = expectedNearest(to: Self.taiyuan, limit: 5, filter: StationFilter(need: [.shower]))
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines[0] == "5 nearest stations with shower (淋浴) to 37.9,112.5 among \(StationLoader.loadDefault().stations.count) stations")
        let rows = lines.filter { $0.contains("stn-") }
        #expect(rows.count == 5)
        for (row, oracle) in zip(rows, expected) {
            #expect(row.contains(oracle.id))
            #expect(row.contains(formatDistance(oracle.distance)))
            #expect(row.contains("[shower]"))
        }
    }

    @Test func noMatchExplainsAndShowsPartialMatches() throws {
        let run = try runInProcess(["near", "37.9,112.5", "--need", "shower,lactation-room,vehicle-repair", "--within", "3km", "--format", "json"])
        let json = try jsonObject(run.output)
        #expect((json["results"] as? [Any])?.isEmpty == true)
        let partial = try #require(json["partial_matches"] as? [[String: Any]])
        #expect(!partial.isEmpty)
        let stations = StationLoader.loadDefault().stations
        let need: AmenitySet = [.shower, .lactationRoom, .vehicleRepair]
        for entry in partial {
            let id = (entry["station"] as? [String: Any])?["id"] as? String
            let station = try #require(stations.first { $0.id == id })
            let lacks = Set((entry["lacks"] as? [String]) ?? [])
            #expect(lacks == Set(need.subtracting(station.amenities).members.map(\.rawValue)))
            #expect(!lacks.isEmpty && lacks.count < 3)
            #expect((entry["distance_m"] as? Double ?? .infinity) <= 3000)
        }
        let table = try runInProcess(["near", "37.9,112.5", "--need", "shower,lactation-room,vehicle-repair", "--within", "3km"]).output
        #expect(table.hasPrefix("No station with shower (淋浴), vehicle-repair (车辆维修), lactation-room (母婴室) within 3 km near 37.9,112.5"))
        #expect(table.contains("Nearest stations with part of what you need"))
    }

    @Test func geoJSONIsRFC7946Points() throws {
        let run = try runInProcess(["near", "37.9,112.5", "--need", "shower", "--format", "geojson"])
        let json = try jsonObject(run.output)
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 5)
        let stations = StationLoader.loadDefault().stations
        for feature in features {
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let position = try #require(geometry["coordinates"] as? [Double])
            let properties = try #require(feature["properties"] as? [String: Any])
            let station = try #require(stations.first { $0.id == properties["id"] as? String })
            #expect(abs(position[0] - station.coordinate.longitude) < 1e-7 && abs(position[1] - station.coordinate.latitude) < 1e-7)
            #expect(feature["id"] as? String == station.id)
        }
    }

    @Test func csvOutputReadsBackAsStations() throws {
        let run = try runInProcess(["near", "37.9,112.5", "--need", "shower", "--format", "csv", "--limit", "7"])
        let loaded = try CSVStationReader.read(run.output, file: "near.csv")
        #expect(loaded.errors.isEmpty)
        let expected = expectedNearest(to: Self.taiyuan, limit: 7, filter: StationFilter(need: [.shower]))
        #expect(loaded.stations.map(\.id) == expected.map(\.id))
        let original = StationLoader.loadDefault().stations
        for station in loaded.stations { #expect(original.contains(station)) }
    }

    @Test func statsCountsMatchTheData() throws {
        let json = try jsonObject(try runInProcess(["stats", "--format", "json"]).output)
        let stations = StationLoader.loadDefault().stations
        #expect(json["stations"] as? Int == stations.count)
        let byKind = try #require(json["by_kind"] as? [String: Int])
        for kind in Kind.allCases { #expect(byKind[kind.rawValue] == stations.filter { $0.kind == kind }.count) }
        let byAmenity = try #require(json["by_amenity"] as? [String: Int])
        #expect(byAmenity["shower"] == stations.filter { $0.amenities.contains(.shower) }.count)
        let byProvince = try #require(json["by_province"] as? [String: Int])
        #expect(byProvince.values.reduce(0, +) == stations.count)
        #expect(byProvince["山西省"] == stations.filter { $0.province == "山西省" }.count)
    }

    @Test func showPrintsEveryField() throws {
        let station = try #require(StationLoader.loadDefault().stations.first { $0.id == "stn-NM-000001" })
        let json = try jsonObject(try runInProcess(["show", "stn-NM-000001", "--format", "json"]).output)
        #expect(json["name"] as? String == station.name)
        #expect(json["amenities"] as? [String] == station.amenities.members.map(\.rawValue))
        let text = try runInProcess(["show", "stn-NM-000001"]).output
        #expect(text.contains(station.name) && text.contains("driver-home (司机之家)"))
        #expect(throws: CLIError.self) { try runInProcess(["show", "no-such-id"]) }
    }
}
