import Foundation
import StationKit

/// Renders an `along` answer as a table, JSON, GeoJSON or CSV.
enum AlongOutput {
    /// Identifies the JSON layout; bumped only for incompatible changes.
    static let jsonSchema = "stations.along/1"
    /// Kilometre marks: 3 decimals (1 m) in JSON, GeoJSON and CSV.
    static let kilometrePlaces = 3

    // MARK: Table

    static func table(_ answer: AlongAnswerView) -> String {
        let query = answer.query
        var out = "Route \(routeText(query)). Corridor \(NearOutput.formatLimit(query.width))\(filterText(query))\(openText(query))"
        if let every = query.every { out += "; one station per \(NearOutput.formatLimit(every))" }
        out += ".\n"
        let count = answer.results.count
        out += "\(count) station\(count == 1 ? "" : "s") along the route among \(answer.stationsSearched) stations"
        if query.openAt != nil {
            let unknown = answer.results.filter { $0.opening == .unknown }.count
            out += " (\(count - unknown) open, \(unknown) with hours unknown; \(answer.closedCount) closed left out)"
        }
        out += "\n"
        guard count > 0 else {
            return out + "No station in the corridor; a wider one (--within) or fewer conditions may find some.\n" + stretchNotes(answer)
        }
        var header = ["#", "km", "detour"]
        if query.every != nil { header.append("stretch") }
        if query.openAt != nil { header.append("hours") }
        header += ["name", "id", "kind", "amenities", "address"]
        var table = TextTable(header: header, rightAligned: [0, 1, 2])
        for (rank, result) in answer.results.enumerated() {
            let station = answer.station(result)
            var row = ["\(rank + 1)", formatDecimal(result.match.distanceAlong / 1000, places: 1), formatDistance(result.match.detour)]
            if let stretch = result.stretch { row.append(stretchText(answer.stretches[stretch])) }
            if query.openAt != nil { row.append(result.opening == .open ? "open" : "hours unknown") }
            row += [station.name, station.id, station.kind.rawValue, NearOutput.amenityList(station.amenities, marking: query.filter.need),
                    station.address]
            table.add(row)
        }
        out += "\n" + table.rendered()
        if !query.filter.need.isEmpty { out += "\n[tag] = what you asked for\n" }
        return out + stretchNotes(answer)
    }

    static func routeText(_ query: AlongQuery) -> String {
        let parts = query.route.parts.count
        return "\(query.routeSource): \(query.route.pointCount) points\(parts > 1 ? " in \(parts) lines" : ""), "
            + formatDecimal(query.route.length / 1000, places: 1) + " km"
    }

    /// "; kind driver-home; need shower (淋浴)": the filters, in words.
    static func filterText(_ query: AlongQuery) -> String {
        var text = ""
        if !query.filter.kinds.isEmpty { text += "; kind " + query.filter.kinds.sorted().map(\.rawValue).joined(separator: " or ") }
        if !query.filter.need.isEmpty {
            text += "; need " + query.filter.need.members.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
        }
        return text
    }

    static func openText(_ query: AlongQuery) -> String {
        guard let openAt = query.openAt else { return "" }
        let (date, time) = chinaDateAndTime(openAt)
        return "; open at \(date) \(time.prefix(5)) China time"
    }

    /// "200–400 km", "0–0.5 km", "300–377.2 km": the stretch's marks, to 100 m.
    static func stretchText(_ stretch: RouteStretch) -> String {
        JSONValue.formatNumber(stretch.start / 1000, places: 1) + "–" + JSONValue.formatNumber(stretch.end / 1000, places: 1) + " km"
    }

    /// Stretches without a station, so a gap in coverage is never silent.
    static func stretchNotes(_ answer: AlongAnswerView) -> String {
        let empty = answer.stretches.filter { $0.pick == nil }
        guard !empty.isEmpty else { return "" }
        return "\nNo station in the stretches \(empty.map(stretchText).joined(separator: ", "))\n"
    }

    /// `2026-11-21T22:00:00+08:00`: the instant in China Standard Time, as the opening hours read it.
    static func chinaTime(_ date: Date) -> String {
        let (day, time) = chinaDateAndTime(date)
        return day + "T" + time + "+08:00"
    }

    /// `("2026-11-21", "22:00:00")` in China Standard Time.
    static func chinaDateAndTime(_ date: Date) -> (String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: OpeningHours.chinaUTCOffset)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return ("\(c.year ?? 0)-\(two(c.month))-\(two(c.day))", "\(two(c.hour)):\(two(c.minute)):\(two(c.second))")
    }

    // MARK: JSON

    static func json(_ answer: AlongAnswerView) -> JSONValue {
        let query = answer.query
        func kilometres(_ metres: Double) -> JSONValue { .number(metres / 1000, places: kilometrePlaces) }
        let encoder = StationGeoJSONEncoder(datum: query.datum)
        return .object([
            ("schema", .string(jsonSchema)),
            ("crs_name", .string(query.datum.rawValue)),
            ("query", .object([
                ("route", .object([
                    ("source", .string(query.routeSource)),
                    ("lines", .integer(query.route.parts.count)),
                    ("points", .integer(query.route.pointCount)),
                    ("length_km", kilometres(query.route.length)),
                ])),
                ("within_m", .number(query.width, places: StationJSON.distancePlaces)),
                ("need", .array(query.filter.need.members.map { .string($0.rawValue) })),
                ("kind", .array(query.filter.kinds.sorted().map { .string($0.rawValue) })),
                ("every_km", query.every.map(kilometres) ?? .null),
                ("open_at", query.openAt.map { .string(chinaTime($0)) } ?? .null),
            ])),
            ("stations_searched", .integer(answer.stationsSearched)),
            ("closed_left_out", .integer(answer.closedCount)),
            ("results", .array(answer.results.enumerated().map { rank, result in
                let point = query.datum == .wgs84 ? result.match.closestPoint : result.match.closestPoint.converted(from: .wgs84, to: query.datum)
                return .object([
                    ("rank", .integer(rank + 1)),
                    ("km", kilometres(result.match.distanceAlong)),
                    ("detour_m", .number(result.match.detour, places: StationJSON.distancePlaces)),
                    ("open", openValue(result)),
                    ("stretch", result.stretch.map { .integer($0) } ?? .null),
                    ("route_point", .object([
                        ("lat", .number(point.latitude, places: StationJSON.coordinatePlaces)),
                        ("lon", .number(point.longitude, places: StationJSON.coordinatePlaces)),
                    ])),
                    ("station", StationJSON.object(answer.station(result), datum: encoder.datum)),
                ])
            })),
            ("stretches", .array(answer.stretches.map { stretch in
                .object([
                    ("from_km", kilometres(stretch.start)),
                    ("to_km", kilometres(stretch.end)),
                    ("station_id", stretch.pick.map { .string(answer.index.stations[$0.index].id) } ?? .null),
                ])
            })),
        ])
    }

    /// `true` open, `null` hours unknown or no opening question asked (`query.open_at` says which).
    static func openValue(_ result: AlongQuery.Result) -> JSONValue {
        result.opening == .open ? .bool(true) : .null
    }

    // MARK: GeoJSON

    /// A FeatureCollection of the stations as Points, in the order listed, each with `rank`, `km` and
    /// `detour_m` (plus `open` when asked, `stretch_from_km`/`stretch_to_km` with --every) before the
    /// station's properties as `export` writes them. With `withRoute`, the route comes first as a
    /// LineString (MultiLineString for several lines) feature with id `route`.
    static func geoJSON(_ answer: AlongAnswerView, withRoute: Bool) -> String {
        let query = answer.query
        let encoder = StationGeoJSONEncoder(datum: query.datum)
        let positions = answer.results.map { encoder.position(of: answer.station($0)) }
        let routeLines = withRoute
            ? query.route.parts.map { line in line.map { query.datum == .wgs84 ? $0 : $0.converted(from: .wgs84, to: query.datum) } }
            : []
        var out = encoder.collectionHeader(bbox: BoundingBox(enclosing: positions + routeLines.flatMap { $0 }))
        var features: [String] = []
        if withRoute { features.append(routeFeature(routeLines, query: query)) }
        for (i, result) in answer.results.enumerated() {
            var extra: [(String, JSONValue)] = [
                ("rank", .integer(i + 1)),
                ("km", .number(result.match.distanceAlong / 1000, places: kilometrePlaces)),
                ("detour_m", .number(result.match.detour, places: StationJSON.distancePlaces)),
            ]
            if query.openAt != nil { extra.append(("open", openValue(result))) }
            if let stretch = result.stretch {
                extra.append(("stretch_from_km", .number(answer.stretches[stretch].start / 1000, places: kilometrePlaces)))
                extra.append(("stretch_to_km", .number(answer.stretches[stretch].end / 1000, places: kilometrePlaces)))
            }
            var feature = ""
            encoder.appendFeature(answer.station(result), at: positions[i], extra: extra, to: &feature)
            features.append(feature)
        }
        out += features.isEmpty ? "]}\n" : "\n" + features.joined(separator: ",\n") + "\n]}\n"
        return out
    }

    static func routeFeature(_ lines: [[Coordinate]], query: AlongQuery) -> String {
        func position(_ point: Coordinate) -> String {
            "[" + JSONValue.formatNumber(point.longitude, places: StationJSON.coordinatePlaces) + ","
                + JSONValue.formatNumber(point.latitude, places: StationJSON.coordinatePlaces) + "]"
        }
        func line(_ points: [Coordinate]) -> String { "[" + points.map(position).joined(separator: ",") + "]" }
        let geometry = lines.count == 1
            ? #"{"type":"LineString","coordinates":"# + line(lines[0]) + "}"
            : #"{"type":"MultiLineString","coordinates":["# + lines.map(line).joined(separator: ",") + "]}"
        let properties = JSONValue.object([
            ("role", .string("route")),
            ("source", .string(query.routeSource)),
            ("length_km", .number(query.route.length / 1000, places: kilometrePlaces)),
            ("within_m", .number(query.width, places: StationJSON.distancePlaces)),
        ])
        return #"{"type":"Feature","id":"route","geometry":"# + geometry + #","properties":"# + properties.rendered() + "}"
    }

    // MARK: CSV

    /// `rank,km,detour_m,open,stretch_from_km` then the interchange columns (readable with --data).
    /// `open` is `open` or `unknown` when asked, else empty; `stretch_from_km` only with --every.
    static func csv(_ answer: AlongAnswerView) -> String {
        let encoder = StationCSVEncoder(datum: answer.query.datum)
        var out = StationCSVEncoder.row(["rank", "km", "detour_m", "open", "stretch_from_km"] + encoder.header)
        for (rank, result) in answer.results.enumerated() {
            let open = result.opening.map { $0 == .open ? "open" : "unknown" } ?? ""
            let stretch = result.stretch.map { JSONValue.formatNumber(answer.stretches[$0].start / 1000, places: kilometrePlaces) } ?? ""
            out += "\(rank + 1)," + JSONValue.formatNumber(result.match.distanceAlong / 1000, places: kilometrePlaces) + ","
                + JSONValue.formatNumber(result.match.detour, places: StationJSON.distancePlaces) + ",\(open),\(stretch),"
                + encoder.row(answer.station(result))
        }
        return out
    }
}

/// An answer with the index it refers to, which every renderer needs.
struct AlongAnswerView {
    var answer: AlongQuery.Answer
    var index: StationIndex

    var query: AlongQuery { answer.query }
    var results: [AlongQuery.Result] { answer.results }
    var stretches: [RouteStretch] { answer.stretches }
    var closedCount: Int { answer.closedCount }
    var stationsSearched: Int { answer.stationsSearched }
    func station(_ result: AlongQuery.Result) -> Station { index.stations[result.match.index] }
}
