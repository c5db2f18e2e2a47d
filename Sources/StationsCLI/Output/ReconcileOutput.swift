import StationAnalysis
import StationKit

/// `stations reconcile` in its four formats.
enum ReconcileOutput {
    struct Context {
        var referenceFile: String
        var otherFile: String
        var options: Reconciliation.Options
    }

    static func summary(_ result: Reconciliation) -> [(String, Int)] {
        Reconciliation.Status.allCases.map { ($0.rawValue, result.count($0)) } + [("unmatched-reference", result.unmatchedReferences.count)]
    }

    static func text(_ result: Reconciliation, _ context: Context) -> String {
        var out = "Reconciliation of \(context.otherFile) (\(result.entries.count) stations) against \(context.referenceFile) "
            + "(\(result.referenceCount) stations): \(result.count(.matched)) matched, \(result.count(.possibleMatch)) possible "
            + "match\(result.count(.possibleMatch) == 1 ? "" : "es"), \(result.count(.missing)) missing from the reference; "
            + "\(result.unmatchedReferences.count) reference record\(result.unmatchedReferences.count == 1 ? "" : "s") matched by none. "
            + "A match is a similar name within \(formatDistance(context.options.radius)); a possible match has only one of the two "
            + "(similar names are looked for up to \(formatDistance(context.options.nameRadius))).\n"
        let possible = result.entries.filter { $0.status == .possibleMatch }
        if !possible.isEmpty {
            out += "\nPossible matches (\(possible.count)): check each on a map\n"
            for entry in possible { out += pairLine(entry) }
        }
        let missing = result.entries.filter { $0.status == .missing }
        if !missing.isEmpty {
            out += "\nMissing from the reference (\(missing.count))\n"
            for entry in missing { out += recordLine(entry.other) }
        }
        let differing = result.entries.filter { $0.status == .matched && !$0.fields.isEmpty }
        if !differing.isEmpty {
            out += "\nMatched, with fields that differ (\(differing.count) of \(result.count(.matched)))\n"
            for entry in differing { out += pairLine(entry) }
        }
        if !result.unmatchedReferences.isEmpty {
            out += "\nReference records matched by none (\(result.unmatchedReferences.count))\n"
            for record in result.unmatchedReferences { out += recordLine(record) }
        }
        return out
    }

    static func pairLine(_ entry: Reconciliation.Entry) -> String {
        guard let reference = entry.reference, let distance = entry.distance else { return recordLine(entry.other) }
        var parts = [formatDistance(distance) + " apart"]
        switch entry.basis {
        case .position?: parts.append("close, but the names differ")
        case .name?: parts.append("similar names, but farther apart than a match may be")
        default: break
        }
        parts += entry.fields.map(RegistryRecordJSON.text)
        return "  \(entry.other.station.id) \(entry.other.station.name) ~ \(reference.station.id) \(reference.station.name): "
            + parts.joined(separator: "; ") + "\n"
    }

    static func recordLine(_ record: RegistryDiff.Record) -> String {
        "  \(record.station.id)  \(record.station.name)  \(record.origin), \(RegistryRecordJSON.position(record.station))\n"
    }

    /// The `stations.reconcile/1` document.
    static func json(_ result: Reconciliation, _ context: Context) -> JSONValue {
        .object([
            ("schema", .string("stations.reconcile/1")),
            ("reference", .object([("file", .string(context.referenceFile)), ("stations", .integer(result.referenceCount))])),
            ("other", .object([("file", .string(context.otherFile)), ("stations", .integer(result.entries.count))])),
            ("options", .object([
                ("radius_m", .number(context.options.radius, places: StationJSON.distancePlaces)),
                ("name_radius_m", .number(context.options.nameRadius, places: StationJSON.distancePlaces)),
            ])),
            ("summary", .object(summary(result).map { ($0.0, .integer($0.1)) })),
            ("records", .array(result.entries.map(entryJSON))),
            ("unmatched_reference", .array(result.unmatchedReferences.map(RegistryRecordJSON.object))),
        ])
    }

    static func entryJSON(_ entry: Reconciliation.Entry) -> JSONValue {
        .object([
            ("status", .string(entry.status.rawValue)),
            ("basis", entry.basis.map { .string($0.rawValue) } ?? .null),
            ("distance_m", entry.distance.map { .number($0, places: StationJSON.distancePlaces) } ?? .null),
            ("fields", .array(entry.fields.map(RegistryRecordJSON.field))),
            ("other", RegistryRecordJSON.object(entry.other)),
            ("reference", entry.reference.map(RegistryRecordJSON.object) ?? .null),
        ])
    }

    static func colour(_ status: String) -> String {
        switch status {
        case "matched": "#1a9850"
        case "possible-match": "#fc8d59"
        case "missing-from-reference": "#d73027"
        default: "#878787"
        }
    }

    /// Every record of the other source as a Point (a possible match as a LineString from its
    /// position to the reference record's, for review on a map), then the unmatched reference
    /// records as grey Points.
    static func geoJSON(_ result: Reconciliation) -> String {
        var features = result.entries.map { entry -> JSONValue in
            let here = entry.other.station.coordinate
            let geometry = entry.status == .possibleMatch ? RegistryRecordJSON.geometry(here, entry.reference!.station.coordinate)
                : RegistryRecordJSON.geometry(here)
            guard case .object(var properties) = entryJSON(entry) else { return .null }
            properties.append(("marker-color", .string(colour(entry.status.rawValue))))
            properties.append(("stroke", .string(colour(entry.status.rawValue))))
            return .object([("type", .string("Feature")), ("id", .string(entry.other.station.id)), ("geometry", geometry),
                            ("properties", .object(properties))])
        }
        features += result.unmatchedReferences.map { record in
            .object([("type", .string("Feature")), ("id", .string(record.station.id)),
                     ("geometry", RegistryRecordJSON.geometry(record.station.coordinate)),
                     ("properties", .object([("status", .string("unmatched-reference")), ("reference", RegistryRecordJSON.object(record)),
                                             ("marker-color", .string(colour("unmatched-reference")))]))])
        }
        return RegistryRecordJSON.featureCollection(features)
    }

    static let csvHeader = ["status", "basis", "other_id", "other_name", "reference_id", "reference_name", "distance_m",
                            "differing_fields", "other_lat", "other_lon", "reference_lat", "reference_lon"]

    /// One row per record of the other source, then one per unmatched reference record.
    static func csv(_ result: Reconciliation) -> String {
        func coordinate(_ value: Double?) -> String { value.map { JSONValue.formatNumber($0, places: StationJSON.coordinatePlaces) } ?? "" }
        var out = StationCSVEncoder.row(csvHeader)
        for entry in result.entries {
            let other = entry.other.station, reference = entry.reference?.station
            out += StationCSVEncoder.row([
                entry.status.rawValue, entry.basis?.rawValue ?? "", other.id, other.name, reference?.id ?? "", reference?.name ?? "",
                entry.distance.map { JSONValue.formatNumber($0, places: StationJSON.distancePlaces) } ?? "",
                entry.fields.map(\.field).joined(separator: ";"), coordinate(other.coordinate.latitude), coordinate(other.coordinate.longitude),
                coordinate(reference?.coordinate.latitude), coordinate(reference?.coordinate.longitude),
            ])
        }
        for record in result.unmatchedReferences {
            let station = record.station
            out += StationCSVEncoder.row(["unmatched-reference", "", "", "", station.id, station.name, "", "", "", "",
                                          coordinate(station.coordinate.latitude), coordinate(station.coordinate.longitude)])
        }
        return out
    }
}
