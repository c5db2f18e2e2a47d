import StationAnalysis
import StationKit

/// Renders a coverage report: a table, JSON, or the gap features for GeoJSON.
enum CoverageOutput {
    /// Identifies the JSON layout; bumped only for incompatible changes.
    static let jsonSchema = "stations.coverage/1"

    static func table(_ report: CoverageReport, filter: StationFilter) -> String {
        let radius = NearOutput.formatLimit(report.radius)
        var out = "Coverage of \(report.regionName) within \(radius) of a station\(conditions(filter)): "
        out += "\(report.circles) matching station\(report.circles == 1 ? "" : "s") reach it\n\n"
        var table = TextTable(header: ["region", "area km²", "stations", "covered km²", "covered", "uncovered km²"], rightAligned: [1, 2, 3, 4, 5])
        func add(_ row: CoverageReport.Row) {
            table.add([row.name, kilometres(row.area), "\(row.stations)", kilometres(row.covered), percent(row.share), kilometres(row.uncovered)])
        }
        report.rows.forEach(add)
        if report.rows.count > 1 { add(report.total) }
        out += table.rendered()
        let center = report.projection.center
        out += "\nAreas on the WGS84 ellipsoid (Lambert azimuthal equal-area centred at \(formatDecimal(center.latitude, places: 2))°N "
        out += "\(formatDecimal(center.longitude, places: 2))°E); circles of \(report.segments) geodesic points. "
        out += "`stations` = matching stations inside.\n"
        return out
    }

    static func json(_ report: CoverageReport, filter: StationFilter) -> String {
        func row(_ row: CoverageReport.Row) -> JSONValue {
            .object([
                ("name", .string(row.name)), ("area_km2", .number(row.area / 1e6, places: 3)), ("stations", .integer(row.stations)),
                ("covered_km2", .number(row.covered / 1e6, places: 3)), ("uncovered_km2", .number(row.uncovered / 1e6, places: 3)),
                ("share", .number(row.share, places: 6)),
            ])
        }
        let center = report.projection.center
        return JSONValue.object([
            ("schema", .string(jsonSchema)),
            ("region", .string(report.regionName)),
            ("radius_m", .number(report.radius, places: 3)),
            ("need", .array(filter.need.members.map { .string($0.rawValue) })),
            ("kind", .array(filter.kinds.sorted().map { .string($0.rawValue) })),
            ("stations_reaching", .integer(report.circles)),
            ("rows", .array(report.rows.map(row))),
            ("total", row(report.total)),
            ("projection", .object([
                ("name", .string("Lambert azimuthal equal-area, WGS84 ellipsoid")),
                ("lat_0", .number(center.latitude, places: 7)), ("lon_0", .number(center.longitude, places: 7)),
            ])),
            ("segments", .integer(report.segments)),
        ]).rendered() + "\n"
    }

    /// One feature per row: its uncovered area and its numbers.
    static func features(_ report: CoverageReport) -> [PolygonGeoJSON.Feature] {
        report.rows.enumerated().map { i, row in
            PolygonGeoJSON.Feature(id: nil, polygons: report.gaps?[i] ?? [], properties: [
                ("name", .string(row.name)), ("radius_m", .number(report.radius, places: 3)),
                ("area_km2", .number(row.area / 1e6, places: 3)), ("covered_km2", .number(row.covered / 1e6, places: 3)),
                ("uncovered_km2", .number(row.uncovered / 1e6, places: 3)), ("share", .number(row.share, places: 6)),
                ("stations", .integer(row.stations)),
            ])
        }
    }

    /// " with shower (淋浴) of kind driver-home".
    static func conditions(_ filter: StationFilter) -> String {
        var text = ""
        if !filter.need.isEmpty { text += " with " + filter.need.members.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ") }
        if !filter.kinds.isEmpty { text += " of kind " + filter.kinds.sorted().map(\.rawValue).joined(separator: " or ") }
        return text
    }

    /// Square metres as km² with one decimal and thousands separated: "156,698.2".
    static func kilometres(_ squareMetres: Double) -> String {
        let text = formatDecimal(squareMetres / 1e6, places: 1)
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = String(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return digits + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// "12.3%", with two decimals below 1 % so small shares do not read as zero.
    static func percent(_ share: Double) -> String {
        share > 0 && share < 0.01 ? formatDecimal(share * 100, places: 2) + "%" : formatDecimal(share * 100, places: 1) + "%"
    }
}
