import StationAnalysis
import StationKit

/// Renders service areas: a summary table and one GeoJSON feature per cell.
enum AreasOutput {
    /// How many of the largest areas the table lists.
    static let largestListed = 5

    static func table(_ report: ServiceAreaReport, stations: [Station], filter: StationFilter) -> String {
        let count = report.areas.count
        var out = "Service areas of \(report.total.stations) station\(report.total.stations == 1 ? "" : "s")"
        out += "\(CoverageOutput.conditions(filter)) in \(report.regionName): \(count) cell\(count == 1 ? "" : "s")\n\n"
        var rows = TextTable(header: ["region", "area km²", "stations", "km² per station"], rightAligned: [1, 2, 3])
        func add(_ row: ServiceAreaReport.Row) {
            rows.add([row.name, CoverageOutput.kilometres(row.area), "\(row.stations)", row.stations > 0 ? CoverageOutput.kilometres(row.areaPerStation) : "–"])
        }
        report.rows.forEach(add)
        if report.rows.count > 1 { add(report.total) }
        out += rows.rendered()
        let largest = report.areas.indices.sorted { report.areas[$0].area != report.areas[$1].area ? report.areas[$0].area > report.areas[$1].area : $0 < $1 }
            .prefix(largestListed)
        if !largest.isEmpty {
            out += "\nLargest service areas:\n"
            var table = TextTable(header: ["#", "km²", "id", "name", "kind"], rightAligned: [0, 1])
            for (rank, i) in largest.enumerated() {
                let station = stations[report.areas[i].station]
                table.add(["\(rank + 1)", CoverageOutput.kilometres(report.areas[i].area), station.id, station.name, station.kind.rawValue])
            }
            out += table.rendered()
        }
        let center = report.projection.center
        out += "\nVoronoi cells on the Lambert azimuthal equal-area projection centred at \(formatDecimal(center.latitude, places: 2))°N "
        out += "\(formatDecimal(center.longitude, places: 2))°E, clipped to the region; areas on the WGS84 ellipsoid.\n"
        return out
    }

    /// One feature per cell, in the id order of the stations: `id`, `name`, `kind`, `kind_zh`,
    /// `area_km2` and `shared_with` (ids of other stations at the same position).
    static func features(_ report: ServiceAreaReport, stations: [Station]) -> [PolygonGeoJSON.Feature] {
        report.areas.map { area in
            let station = stations[area.station]
            return PolygonGeoJSON.Feature(id: station.id, polygons: area.polygons, properties: [
                ("id", .string(station.id)), ("name", .string(station.name)), ("kind", .string(station.kind.rawValue)),
                ("kind_zh", .string(station.kind.chineseName)), ("area_km2", .number(area.area / 1e6, places: 6)),
                ("shared_with", .array(area.sharedWith.map { .string(stations[$0].id) })),
            ])
        }
    }
}
