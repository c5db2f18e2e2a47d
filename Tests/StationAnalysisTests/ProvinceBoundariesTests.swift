import Foundation
import StationAnalysis
import StationKit
import Testing

/// `geodata/regions/cn-provinces.geojson`, found from this file's place in the source tree.
let provincesFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("geodata/regions/cn-provinces.geojson")

/// Each test loads its own boundaries: a ProvinceBoundaries owns a GEOS context, which must not be
/// shared by tests running in parallel.
struct ProvinceBoundariesTests {
    @Test func loadsAll34ValidProvinces() throws {
        let boundaries = try ProvinceBoundaries(contentsOf: provincesFile)
        #expect(boundaries.provinces.count == 34)
        #expect(Set(boundaries.provinces.map(\.isoCode)).count == 34)
        #expect(Set(boundaries.provinces.map(\.nameZh)).count == 34)
        #expect(boundaries.provinces.contains(Province(nameZh: "山西省", nameEn: "Shanxi", isoCode: "CN-SX")))
    }

    @Test func findsTheProvinceOfKnownCities() throws {
        let boundaries = try ProvinceBoundaries(contentsOf: provincesFile)
        func isoCode(_ latitude: Double, _ longitude: Double) -> String? {
            boundaries.province(containing: Coordinate(latitude: latitude, longitude: longitude))?.isoCode
        }
        let taiyuan = boundaries.province(containing: Coordinate(latitude: 37.87, longitude: 112.55))
        #expect(taiyuan == Province(nameZh: "山西省", nameEn: "Shanxi", isoCode: "CN-SX"))
        #expect(isoCode(43.83, 87.62) == "CN-XJ", "Ürümqi")
        #expect(isoCode(31.23, 121.47) == "CN-SH", "Shanghai")
        #expect(isoCode(39.91, 116.40) == "CN-BJ", "Beijing")
        #expect(isoCode(22.28, 114.16) == "CN-HK", "Hong Kong")
        #expect(isoCode(47.92, 106.92) == nil, "Ulaanbaatar")
        #expect(isoCode(21.03, 105.85) == nil, "Hanoi")
        #expect(isoCode(37.57, 126.98) == nil, "Seoul")
        #expect(isoCode(91, 112.55) == nil, "out of range")
    }

    /// The generator promised that every default station lies in the province it names;
    /// this checks it independently with GEOS.
    @Test func everyDefaultStationLiesInTheProvinceItNames() throws {
        let boundaries = try ProvinceBoundaries(contentsOf: provincesFile)
        let loaded = StationLoader.loadDefault()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.stations.count > 600)
        var wrong: [String] = []
        for station in loaded.stations {
            let found = boundaries.province(containing: station.coordinate)
            if found?.nameZh != station.province {
                wrong.append("\(station.id) at \(station.coordinate): names \(station.province), lies in \(found?.description ?? "no province")")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) stations outside their province:\n\(wrong.joined(separator: "\n"))")
    }
}
