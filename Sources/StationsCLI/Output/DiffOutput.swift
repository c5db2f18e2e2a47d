import StationAnalysis
import StationKit

/// `stations diff` in its four formats.
enum DiffOutput {
    /// What the report is about, for headers and the JSON document.
    struct Context {
        var oldFile: String
        var newFile: String
        var options: RegistryDiff.Options
    }

    static func summary(_ diff: RegistryDiff) -> [(String, Int)] {
        RegistryDiff.Change.allCases.map { ($0.rawValue, diff.count($0)) } + [("unchanged", diff.unchanged)]
    }

    static func text(_ diff: RegistryDiff, _ context: Context) -> String {
        let counts = summary(diff).map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        var out = "Diff of \(context.oldFile) (\(diff.oldCount) stations) → \(context.newFile) (\(diff.newCount) stations): "
            + "\(counts). Moves under \(formatDistance(context.options.moveThreshold)) are not counted.\n"
        for change in RegistryDiff.Change.allCases {
            let entries = diff.entries.filter { $0.change == change }
            guard !entries.isEmpty else { continue }
            out += "\n\(heading(change).title) (\(entries.count))\(heading(change).note)\n"
            for entry in entries { out += line(entry) }
        }
        return out
    }

    static func heading(_ change: RegistryDiff.Change) -> (title: String, note: String) {
        switch change {
        case .removed: ("Removed", "")
        case .added: ("Added", "")
        case .reidentified: ("Re-identified", ": the same station under a new id")
        case .moved: ("Moved", "")
        case .changed: ("Changed", "")
        }
    }

    static func line(_ entry: RegistryDiff.Entry) -> String {
        let station = (entry.new ?? entry.old)!
        var id = station.station.id
        if entry.change == .reidentified, let old = entry.old { id = "\(old.station.id) → \(id)" }
        var parts: [String] = []
        switch entry.change {
        case .added, .removed: parts.append("\(station.origin), \(RegistryRecordJSON.position(station.station))")
        default: break
        }
        if entry.moved, let distance = entry.distance { parts.append("moved \(formatDistance(distance))") }
        parts += entry.fields.map(RegistryRecordJSON.text)
        return "  \(id)  \(station.station.name)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: "; ")) + "\n"
    }

    /// The `stations.diff/1` document as text, the changes rendered on all cores (the bytes of `json(…).rendered()`).
    static func jsonText(_ diff: RegistryDiff, _ context: Context) -> String {
        RegistryRecordJSON.rendered(json(diff, context, changes: false), lastMember: diff.entries, entryJSON)
    }

    /// The `stations.diff/1` document (with `changes` empty when `changes` is false).
    static func json(_ diff: RegistryDiff, _ context: Context, changes: Bool = true) -> JSONValue {
        .object([
            ("schema", .string("stations.diff/1")),
            ("old", .object([("file", .string(context.oldFile)), ("stations", .integer(diff.oldCount))])),
            ("new", .object([("file", .string(context.newFile)), ("stations", .integer(diff.newCount))])),
            ("options", .object([
                ("move_threshold_m", .number(context.options.moveThreshold, places: StationJSON.distancePlaces)),
                ("reidentify_radius_m", .number(context.options.reidentifyRadius, places: StationJSON.distancePlaces)),
            ])),
            ("summary", .object(summary(diff).map { ($0.0, .integer($0.1)) })),
            ("changes", .array(changes ? diff.entries.map(entryJSON) : [])),
        ])
    }

    static func entryJSON(_ entry: RegistryDiff.Entry) -> JSONValue {
        .object([
            ("change", .string(entry.change.rawValue)),
            ("id", .string(entry.id)),
            ("old_id", entry.old.map { .string($0.station.id) } ?? .null),
            ("name", .string((entry.new ?? entry.old)!.station.name)),
            ("distance_m", entry.distance.map { .number($0, places: StationJSON.distancePlaces) } ?? .null),
            ("moved", .bool(entry.moved)),
            ("fields", .array(entry.fields.map(RegistryRecordJSON.field))),
            ("old", entry.old.map(RegistryRecordJSON.object) ?? .null),
            ("new", entry.new.map(RegistryRecordJSON.object) ?? .null),
        ])
    }

    /// simplestyle colours, so geojson.io and Leaflet draw the kinds of change apart.
    static func colour(_ change: RegistryDiff.Change) -> String {
        switch change {
        case .removed: "#d73027"
        case .added: "#1a9850"
        case .reidentified: "#7b3294"
        case .moved: "#fc8d59"
        case .changed: "#4575b4"
        }
    }

    /// One feature per change: a Point where the station is (was, for a removal), or a LineString
    /// from the old position to the new one when it moved.
    static func geoJSON(_ diff: RegistryDiff) -> String {
        RegistryRecordJSON.featureCollection(diff.entries.map { entry in
            let old = entry.old?.station.coordinate, new = entry.new?.station.coordinate
            let geometry = entry.moved ? RegistryRecordJSON.geometry(old!, new!) : RegistryRecordJSON.geometry((new ?? old)!)
            guard case .object(var properties) = entryJSON(entry) else { return .null }
            properties.append(("marker-color", .string(colour(entry.change))))
            properties.append(("stroke", .string(colour(entry.change))))
            return .object([("type", .string("Feature")), ("id", .string(entry.id)), ("geometry", geometry),
                            ("properties", .object(properties))])
        })
    }

    static let csvHeader = ["change", "id", "old_id", "name", "field", "old", "new", "distance_m"]

    /// One row per changed field (a move is the field `position`, as `lat,lon`); an addition or a
    /// removal is one row with its position.
    static func csv(_ diff: RegistryDiff) -> String {
        var out = StationCSVEncoder.row(csvHeader)
        for entry in diff.entries {
            let station = (entry.new ?? entry.old)!.station
            let distance = entry.distance.map { JSONValue.formatNumber($0, places: StationJSON.distancePlaces) } ?? ""
            func row(_ field: String, _ old: String, _ new: String) {
                out += StationCSVEncoder.row([entry.change.rawValue, station.id, entry.old?.station.id ?? "", station.name,
                                              field, old, new, distance])
            }
            switch entry.change {
            case .added: row("position", "", RegistryRecordJSON.position(station))
            case .removed: row("position", RegistryRecordJSON.position(station), "")
            default:
                if entry.moved || entry.fields.isEmpty {
                    row("position", RegistryRecordJSON.position(entry.old!.station), RegistryRecordJSON.position(entry.new!.station))
                }
                for field in entry.fields { row(field.field, field.old, field.new) }
            }
        }
        return out
    }
}
