import Dispatch
import StationAnalysis
import StationKit

/// The JSON shapes shared by `diff` and `reconcile`: a record with where it was read, and a field
/// that differs between two records.
enum RegistryRecordJSON {
    /// The station's fields (``StationJSON/object(_:datum:)``) followed by `file`, `line` (CSV, else
    /// null) and `feature` (GeoJSON, else null).
    static func object(_ record: RegistryDiff.Record) -> JSONValue {
        guard case .object(var members) = StationJSON.object(record.station) else { return .null }
        members.append(("file", .string(record.origin.file)))
        if case .line(let line) = record.origin.location { members.append(("line", .integer(line))) } else { members.append(("line", .null)) }
        if case .feature(let index) = record.origin.location { members.append(("feature", .integer(index))) } else { members.append(("feature", .null)) }
        return .object(members)
    }

    /// `{"field", "old", "new", "gained", "lost"}`; the last two list amenities (empty for other fields).
    static func field(_ change: FieldChange) -> JSONValue {
        .object([
            ("field", .string(change.field)), ("old", .string(change.old)), ("new", .string(change.new)),
            ("gained", .array(change.gained.members.map { .string($0.rawValue) })),
            ("lost", .array(change.lost.members.map { .string($0.rawValue) })),
        ])
    }

    /// How a changed field reads in a text report: `amenities +shower −wifi`, `phone '1' → '2'`.
    static func text(_ change: FieldChange) -> String {
        if change.field == "amenities" {
            let parts = change.gained.members.map { "+\($0.rawValue)" } + change.lost.members.map { "−\($0.rawValue)" }
            return "amenities " + parts.joined(separator: " ")
        }
        return "\(change.field) '\(change.old)' → '\(change.new)'"
    }

    /// `37.9,112.5` as the CLI writes points (7 decimals at most).
    static func position(_ station: Station) -> String {
        JSONValue.formatNumber(station.coordinate.latitude, places: StationJSON.coordinatePlaces) + ","
            + JSONValue.formatNumber(station.coordinate.longitude, places: StationJSON.coordinatePlaces)
    }

    /// A GeoJSON geometry: a Point at `a`, or a LineString from `a` to `b`.
    static func geometry(_ a: Coordinate, _ b: Coordinate? = nil) -> JSONValue {
        func point(_ c: Coordinate) -> JSONValue {
            .array([.number(c.longitude, places: StationJSON.coordinatePlaces), .number(c.latitude, places: StationJSON.coordinatePlaces)])
        }
        guard let b else { return .object([("type", .string("Point")), ("coordinates", point(a))]) }
        return .object([("type", .string("LineString")), ("coordinates", .array([point(a), point(b)]))])
    }

    /// One GeoJSON Feature per line, in a FeatureCollection.
    static func featureCollection(_ features: [JSONValue]) -> String {
        var out = #"{"type":"FeatureCollection","features":["#
        for (i, feature) in features.enumerated() { out += (i == 0 ? "\n" : ",\n") + feature.rendered() }
        return out + (features.isEmpty ? "]}\n" : "\n]}\n")
    }

    /// `document`'s compact text (``JSONValue/rendered()``) with `items`, rendered on all cores in
    /// order, as the elements of its last member, which `document` holds as an empty array: the
    /// same bytes as rendering the whole tree, without building it or writing it on one core.
    static func rendered<Item: Sendable>(_ document: JSONValue, lastMember items: [Item], _ element: @Sendable (Item) -> JSONValue) -> String {
        var head = document.rendered()
        precondition(head.hasSuffix("[]}"), "the last member must be an empty array")
        head.removeLast(2)
        let chunk = 2_048, chunks = (items.count + chunk - 1) / chunk
        let parts = UnsafeMutableBufferPointer<String>.allocate(capacity: max(chunks, 1))
        parts.initialize(repeating: "")
        defer { parts.deinitialize(); parts.deallocate() }
        nonisolated(unsafe) let shared = parts
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            var text = ""
            for index in part * chunk..<min(items.count, (part + 1) * chunk) {
                if index > 0 { text += "," }
                element(items[index]).write(to: &text)
            }
            shared[part] = text
        }
        var out = head
        out.reserveCapacity(head.utf8.count + parts.reduce(0) { $0 + $1.utf8.count } + 2)
        for part in parts { out += part }
        return out + "]}"
    }
}
