import Foundation
import StationKit

/// Renders a `near` answer as a table, JSON, GeoJSON or CSV.
enum NearOutput {
    /// Identifies the JSON layout; bumped only for incompatible changes.
    static let jsonSchema = "stations.near/1"

    static func table(_ answer: NearQuery.Answer, index: StationIndex) -> String {
        let query = answer.query
        var out = ""
        if answer.matches.isEmpty {
            out += "No station\(conditions(query)) near \(pointText(query)) among \(index.count) stations.\n"
            out += hoursUnknownTable(answer, index: index)
            if let beyond = answer.nearestBeyondLimit {
                let station = index.stations[beyond.index]
                out += "The nearest that has everything is \(station.name) (\(station.id)), \(formatDistance(beyond.distance)) away.\n"
            }
            if !answer.partial.isEmpty {
                out += "\nNearest stations with part of what you need:\n\n"
                var table = TextTable(header: ["#", "distance", "name", "id", "kind", "lacks", "has", "address"], rightAligned: [0, 1])
                for (rank, partial) in answer.partial.enumerated() {
                    let station = index.stations[partial.match.index]
                    table.add(["\(rank + 1)", formatDistance(partial.match.distance), station.name, station.id, station.kind.rawValue,
                               partial.lacking.members.map(\.rawValue).joined(separator: " "),
                               amenityList(station.amenities, marking: query.filter.need), station.address])
                }
                out += table.rendered()
            }
            return out
        }
        let plural = answer.matches.count == 1 ? "" : "s"
        out += "\(answer.matches.count) nearest station\(plural)\(conditions(query)) to \(pointText(query)) among \(index.count) stations\n\n"
        var table = TextTable(header: ["#", "distance", "name", "id", "kind", "amenities", "address"], rightAligned: [0, 1])
        for (rank, match) in answer.matches.enumerated() {
            let station = index.stations[match.index]
            table.add(["\(rank + 1)", formatDistance(match.distance), station.name, station.id, station.kind.rawValue,
                       amenityList(station.amenities, marking: query.filter.need), station.address])
        }
        out += table.rendered()
        out += hoursUnknownTable(answer, index: index)
        if !query.filter.need.isEmpty { out += "\n[tag] = what you asked for\n" }
        if let first = answer.matches.first, first.distance > farAwayMetres {
            out += "\nNote: the nearest station is \(formatDistance(first.distance)) away. Is the point in LAT,LON order, and inside the area the data covers?\n"
        }
        return out
    }

    /// " with shower (淋浴), toilet (厕所) of kind driver-home within 5 km": what was asked, in words.
    static func conditions(_ query: NearQuery) -> String {
        var text = ""
        if !query.filter.need.isEmpty {
            text += " with " + query.filter.need.members.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
        }
        if !query.filter.kinds.isEmpty {
            text += " of kind " + query.filter.kinds.sorted().map(\.rawValue).joined(separator: " or ")
        }
        if let maxDistance = query.maxDistance { text += " within \(formatLimit(maxDistance))" }
        if let openAt = query.openAt { text += " open at \(chinaTime(openAt))" }
        return text
    }

    /// `2026-11-21 22:00 (China time)`.
    static func chinaTime(_ date: Date) -> String {
        let day = OpeningHours.Day(containing: date)
        let seconds = (Int(date.timeIntervalSince1970.rounded(.down)) + OpeningHours.chinaUTCOffset) % 86_400
        let minute = (seconds + 86_400) % 86_400 / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.year)-\(two(day.month))-\(two(day.day)) \(two(minute / 60)):\(two(minute % 60)) (China time)"
    }

    /// `2026-11-21T22:00+08:00`, for JSON.
    static func isoChinaTime(_ date: Date) -> String {
        let text = chinaTime(date)
        return String(text.prefix(10)) + "T" + String(text.dropFirst(11).prefix(5)) + "+08:00"
    }

    /// The stations whose hours are unknown, after the open ones: listed, marked, never dropped.
    static func hoursUnknownTable(_ answer: NearQuery.Answer, index: StationIndex) -> String {
        guard !answer.hoursUnknown.isEmpty else { return "" }
        var table = TextTable(header: ["distance", "name", "id", "kind", "opening_hours", "address"], rightAligned: [0])
        for match in answer.hoursUnknown {
            let station = index.stations[match.index]
            table.add([formatDistance(match.distance), station.name, station.id, station.kind.rawValue,
                       station.openingHours.isEmpty ? "(none given)" : station.openingHours, station.address])
        }
        return "\nHours unknown (no or unreadable opening_hours; may be open):\n\n" + table.rendered()
    }

    /// A distance the user gave, as they would write it: "800 m", "3 km", "1.5 km".
    static func formatLimit(_ metres: Double) -> String {
        metres < 1000 ? JSONValue.formatNumber(metres, places: 1) + " m" : JSONValue.formatNumber(metres / 1000, places: 3) + " km"
    }

    static func pointText(_ query: NearQuery) -> String {
        let text = JSONValue.formatNumber(query.pointAsGiven.latitude, places: 7) + ","
            + JSONValue.formatNumber(query.pointAsGiven.longitude, places: 7)
        return query.datum == .wgs84 ? text : text + " (\(query.datum.rawValue))"
    }

    /// Beyond this the "nearest" station is more likely a sign of a wrong point or the wrong data.
    static let farAwayMetres = 300_000.0

    /// Amenities with the needed ones first, in brackets.
    static func amenityList(_ amenities: AmenitySet, marking need: AmenitySet) -> String {
        let needed = amenities.intersection(need).members.map { "[\($0.rawValue)]" }
        let others = amenities.subtracting(need).members.map(\.rawValue)
        return (needed + others).joined(separator: " ")
    }

    static func json(_ answer: NearQuery.Answer, index: StationIndex) -> JSONValue {
        let query = answer.query
        func distance(_ metres: Double) -> JSONValue { .number(metres, places: StationJSON.distancePlaces) }
        return .object([
            ("schema", .string(jsonSchema)),
            ("crs_name", .string(query.datum.rawValue)),
            ("query", .object([
                ("lat", .number(query.pointAsGiven.latitude, places: StationJSON.coordinatePlaces)),
                ("lon", .number(query.pointAsGiven.longitude, places: StationJSON.coordinatePlaces)),
                ("need", .array(query.filter.need.members.map { .string($0.rawValue) })),
                ("kind", .array(query.filter.kinds.sorted().map { .string($0.rawValue) })),
                ("limit", .integer(query.limit)),
                ("within_m", query.maxDistance.map(distance) ?? .null),
                ("open_at", query.openAt.map { .string(isoChinaTime($0)) } ?? .null),
            ])),
            ("stations_searched", .integer(index.count)),
            ("results", .array(answer.matches.enumerated().map { rank, match in
                .object([("rank", .integer(rank + 1)), ("distance_m", distance(match.distance)),
                         ("station", StationJSON.object(index.stations[match.index], datum: query.datum))])
            })),
            ("nearest_beyond_limit", answer.nearestBeyondLimit.map { match in
                .object([("distance_m", distance(match.distance)), ("station", StationJSON.object(index.stations[match.index], datum: query.datum))])
            } ?? .null),
            ("hours_unknown", .array(answer.hoursUnknown.map { match in
                .object([("distance_m", distance(match.distance)), ("station", StationJSON.object(index.stations[match.index], datum: query.datum))])
            })),
            ("partial_matches", .array(answer.partial.map { partial in
                .object([("distance_m", distance(partial.match.distance)),
                         ("lacks", .array(partial.lacking.members.map { .string($0.rawValue) })),
                         ("station", StationJSON.object(index.stations[partial.match.index], datum: query.datum))])
            })),
        ])
    }

    static func geoJSON(_ answer: NearQuery.Answer, index: StationIndex) -> String {
        let encoder = StationGeoJSONEncoder(datum: answer.query.datum)
        // With an opening time, the unknown-hours stations follow the open ones, with "open": null.
        let all = answer.matches + answer.hoursUnknown
        let positions = all.map { encoder.position(of: index.stations[$0.index]) }
        return GeoJSONText.featureCollection(encoder: encoder, positions: positions) { i, out in
            let match = all[i]
            var extra: [(String, JSONValue)] = [
                ("rank", i < answer.matches.count ? .integer(i + 1) : .null),
                ("distance_m", .number(match.distance, places: StationJSON.distancePlaces)),
            ]
            if answer.query.openAt != nil { extra.append(("open", i < answer.matches.count ? .bool(true) : .null)) }
            encoder.appendFeature(index.stations[match.index], at: positions[i], extra: extra, to: &out)
        }
    }

    static func csv(_ answer: NearQuery.Answer, index: StationIndex) -> String {
        let encoder = StationCSVEncoder(datum: answer.query.datum)
        // With an opening time a first column says "open" or "unknown"; the unknown rows come last, unranked.
        let marked = answer.query.openAt != nil
        var out = StationCSVEncoder.row((marked ? ["open"] : []) + ["rank", "distance_m"] + encoder.header)
        for (position, match) in (answer.matches + answer.hoursUnknown).enumerated() {
            let isOpen = position < answer.matches.count
            if marked { out += isOpen ? "open," : "unknown," }
            // Rank and distance are plain numbers, never quoted; the station's columns follow.
            out += (isOpen ? "\(position + 1)" : "") + "," + JSONValue.formatNumber(match.distance, places: StationJSON.distancePlaces) + ","
                + encoder.row(index.stations[match.index])
        }
        return out
    }
}
