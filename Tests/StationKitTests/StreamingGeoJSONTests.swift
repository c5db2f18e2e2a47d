import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The streaming GeoJSON reader against the Foundation-based oracle: same stations, same
/// origins, same errors, on messy random collections; and syntax errors that point at the place.
@Suite struct StreamingGeoJSONTests {
    /// A random FeatureCollection mixing good features with every kind of oddity a registry
    /// export shows: escapes, numbers in several spellings, nulls, wrong types, duplicates.
    static func messyCollection(features: Int, seed: UInt64) -> String {
        var generator = SeededGenerator(seed: seed)
        func pick<T>(_ options: [T]) -> T { options.randomElement(using: &generator)! }
        var items: [String] = []
        for i in 0..<features {
            let id = Int.random(in: 0..<25, using: &generator) == 0 ? "\"f-\(i / 2)\"" : pick(["\"f-\(i)\"", "\(100_000 + i)"])
            // At most 15 significant digits: Foundation's parser, the oracle, misrounds some longer
            // numbers by an ulp (see `longNumbersAreCorrectlyRounded`).
            let lon = pick([String(format: "%.6f", 112.5 + Double(i % 1000) / 10_000), "112.5", "1.125e2", "\(112 + i % 7)", "\"112.5\"", "null", "-0.0"])
            let lat = pick([String(format: "%.6f", 37.9 - Double(i % 997) / 10_000), "37.9", "3.79E+1", "\"37.875\"", "95", "\"north\"", "37"])
            let name = pick(["\"驿站\(i)\"", "\"\\u592a\\u539f \\\"站\\\" \(i)\"", "\"tab\\tand\\nnewline\(i)\"", "null", "\"\\/slash\(i)\"",
                             "\"😀 \\ud83d\\ude9a \(i)\""])
            let amenities = pick(["[\"shower\",\"parking\"]", "\"淋浴;停车\"", "[]", "null", "[\"showr\"]", "[\"wifi\", 3]"])
            let kind = pick(["\"driver-home\"", "\"司机之家\"", "null", "\"barn\"", "7"])
            let crs = pick(["", ",\"crs\":\"gcj02\"", ",\"crs\":\"wgs84\"", ",\"crs\":\"mars2\""])
            let properties = pick([
                "{\"id\":\(id),\"name\":\(name),\"kind\":\(kind),\"amenities\":\(amenities),\"address\":\"\",\"phone\":null\(crs)}",
                "{\"name\":\(name),\"kind\":\"carnation-station\",\"amenities\":\(amenities),\"operator\":{\"nested\":[1,2]}}",
                "null",
            ])
            let geometry = pick([
                "{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]}",
                "{\"coordinates\": [ \(lon) , \(lat), 12.5 ], \"type\": \"Point\"}",
                "{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]}",
                "{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}",
                "{\"type\":\"Point\",\"coordinates\":[1]}",
                "null",
            ])
            let type = Int.random(in: 0..<40, using: &generator) == 0 ? "\"Featur\"" : "\"Feature\""
            items.append(pick([
                "{\"type\":\(type),\"id\":\(id),\"geometry\":\(geometry),\"properties\":\(properties)}",
                "{ \"properties\" : \(properties) ,\n  \"geometry\" : \(geometry), \"type\" : \(type) }",
            ]))
        }
        let body = items.joined(separator: pick([",\n", ",", " ,\r\n "]))
        return pick([
            "{\"type\":\"FeatureCollection\",\"features\":[\n\(body)\n]}",
            "{\"features\": [\(body)], \"bbox\": [1, 2, 3, 4], \"type\": \"FeatureCollection\", \"name\": {\"a\": [true, false, null]}}",
            "\u{FEFF}  {\"type\":\"FeatureCollection\",\"crs_name\":\"gcj02\",\"features\":[\(body)]}  \n",
        ])
    }

    /// Errors compared field by field; a value that is an object or array is compact JSON in both,
    /// but key order and number spelling may differ, so only its presence is compared.
    static func comparable(_ errors: [RecordError]) -> [String] {
        errors.map { error in
            let value = error.value.map { $0.hasPrefix("{") || $0.hasPrefix("[") ? "<json>" : $0 } ?? "<none>"
            return "\(error.location) \(error.field ?? "-") \(value) \(error.message)"
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6])
    func agreesWithTheFoundationOracle(seed: UInt64) throws {
        let text = Self.messyCollection(features: seed == 6 ? 20_000 : 400, seed: seed)  // 20,000: several parallel blocks
        let expected = try FoundationGeoJSONOracle.read(text, file: "messy.geojson")
        let actual = try GeoJSONStationReader.read(text, file: "messy.geojson")
        #expect(expected.stations.count >= 5)
        #expect(!expected.errors.isEmpty)
        #expect(actual.stations == expected.stations)
        #expect(actual.origins == expected.origins)
        #expect(Self.comparable(actual.errors) == Self.comparable(expected.errors))
    }

    @Test func longNumbersAreCorrectlyRounded() throws {
        // 17 significant digits, as Swift and JavaScript print doubles; Foundation's
        // JSONSerialization turns the first into 37.8843, one ulp off.
        for text in ["37.884299999999996", "37.870324000000004", "-33.868820000000003", "3.7884299999999996e1"] {
            let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[112.5,"#
                + text + #"]},"properties":{"id":"a","kind":"driver-home"}}]}"#
            let station = try #require(try GeoJSONStationReader.read(json, file: "x.geojson").stations.first)
            #expect(station.coordinate.latitude.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    @Test func numbersKeepTheirSpellingInMessages() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[181.0,1e1]},"properties":{"id":"a","kind":"driver-home"}}]}"#
        let result = try GeoJSONStationReader.read(text, file: "x.geojson")
        #expect(result.errors.map(\.value) == ["181.0"])
    }

    /// Broken JSON: the reader must refuse it (as Foundation does), saying where.
    @Test(arguments: [
        (#"{"type":"FeatureCollection","features":[{"type":"Feature"}"#, 1, 59),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","id":[1}]}"#, 1, 66),
        ("{\"type\":\"FeatureCollection\",\n\"features\":[]} x", 2, 16),
        (#"{"type":"FeatureCollection","features":[{"a":01}]}"#, 1, 46),
        (#"{"type":"FeatureCollection","features":[{"a":"\x"}]}"#, 1, 47),
        (#"{"type":"FeatureCollection","features":[{"a":"\ud800"}]}"#, 1, 53),
        ("{\"type\":\"FeatureCollection\",\"features\":[{\"a\":\"tab\there\"}]}", 1, 50),
        (#"{"type":"FeatureCollection","features":[{"a":NaN}]}"#, 1, 46),
        (#"{"type":"FeatureCollection","features":[{"a":1,}]}"#, 1, 48),
        (#"{"type":"FeatureCollection","features":[1 2]}"#, 1, 43),
        (#"{"type" "FeatureCollection"}"#, 1, 9),
        ("", 1, 1),
        ("{\"type\":\"FeatureCollection\",\"features\":[{\"name\":\"驿站\" x}]}", 1, 54),
    ] as [(String, Int, Int)])
    func syntaxErrorsSayWhere(text: String, line: Int, column: Int) {
        // Foundation also refuses these, except a trailing comma, which it tolerates and RFC 8259 does not.
        if !text.contains(",}") {
            #expect(throws: (any Error).self) { _ = try FoundationGeoJSONOracle.read(text, file: "bad.geojson") }
        }
        do {
            _ = try GeoJSONStationReader.read(text, file: "bad.geojson")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.message.hasPrefix("not valid JSON: "), "\(error.message)")
            #expect(error.message.hasSuffix("(line \(line), column \(column))"), "\(error.message)")
        }
    }

    @Test func theStructureErrorsOfTheOracleRemain() {
        let cases = [
            (#"[1, 2]"#, "expected a GeoJSON object with a \"type\" member"),
            (#"{"type":"Feature","features":[]}"#, "expected \"type\": \"FeatureCollection\", found \"Feature\""),
            (#"{"type":"FeatureCollection","features":{}}"#, "a FeatureCollection needs a \"features\" array"),
            (#"{"type":"FeatureCollection","crs_name":"bogus","features":[]}"#, "unknown \"crs_name\" 'bogus'; use wgs84, gcj02 or bd09"),
        ]
        for (text, message) in cases {
            do {
                _ = try GeoJSONStationReader.read(text, file: "x.geojson")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.message == message, "\(text)")
            }
        }
    }
}
