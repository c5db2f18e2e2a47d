import StationKit

/// How the stations spread: how many per province and kind, and for outdoor-worker stations the
/// share in each city whose nearest outdoor-worker neighbour is more than 2 km away (isolated:
/// the national goal is a station within 1 km, a 15-minute walk).
public struct CoverageSummary: Sendable, Hashable {
    public struct ProvinceRow: Sendable, Hashable {
        /// Where the stations lie (by the boundary file, not by their `province` field); nil for
        /// stations outside every province.
        public var province: Province?
        /// Stations of each kind, in ``Kind/allCases`` order.
        public var counts: [Int]
        public var total: Int { counts.reduce(0, +) }
    }

    public struct CityRow: Sendable, Hashable {
        /// The `city` field as written (trimmed); empty when missing.
        public var city: String
        public var stations: Int
        public var isolated: Int
        public var isolatedShare: Double { stations == 0 ? 0 : Double(isolated) / Double(stations) }
    }

    /// Most stations first; stations outside every province last.
    public var provinces: [ProvinceRow]
    /// Most outdoor-worker stations first; stations without a city last.
    public var cities: [CityRow]
    /// The distance beyond which a station counts as isolated.
    public static let isolationDistance = 2000.0

    /// Computes the summary from the audit's data (nearest neighbours through the grid index).
    static func compute(_ data: AuditData) -> CoverageSummary {
        var byProvince: [Int32: [Int]] = [:]
        for (index, station) in data.stations.enumerated() {
            let kind = Kind.allCases.firstIndex(of: station.kind)!
            byProvince[data.locatedProvince[index], default: [0, 0, 0]][kind] += 1
        }
        let rows: [ProvinceRow] = byProvince.map { ProvinceRow(province: $0.key < 0 ? nil : data.provinces[Int($0.key)], counts: $0.value) }
        func order(_ row: ProvinceRow) -> (Int, Int, String) { (row.province == nil ? 1 : 0, -row.total, row.province?.isoCode ?? "") }
        let provinces = rows.sorted { order($0) < order($1) }

        let candidates = data.stations.indices.filter { data.stations[$0].kind == .outdoorWorkerStation }
        // A grid of 2 km cells over the outdoor stations alone; the search stops at the first neighbour.
        let grid = NeighbourGrid(candidates.map { data.stations[$0].coordinate }, radius: Self.isolationDistance)
        let isolated = parallelMap(count: candidates.count) { !grid.hasNeighbour($0) }
        var byCity: [String: (Int, Int)] = [:]
        for (position, index) in candidates.enumerated() {
            let city = data.stations[index].city
            byCity[city, default: (0, 0)].0 += 1
            if isolated[position] { byCity[city, default: (0, 0)].1 += 1 }
        }
        let cityRows: [CityRow] = byCity.map { CityRow(city: $0.key, stations: $0.value.0, isolated: $0.value.1) }
        func order(_ row: CityRow) -> (Int, Int, String) { (row.city.isEmpty ? 1 : 0, -row.stations, row.city) }
        let cities = cityRows.sorted { order($0) < order($1) }
        return CoverageSummary(provinces: provinces, cities: cities)
    }
}
