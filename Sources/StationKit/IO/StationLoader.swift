import Foundation

/// Loads stations from files, standard input, or the embedded default set, choosing the reader by
/// the file's extension (or, for standard input, by its first non-blank character).
public enum StationLoader {
    /// The name messages use for the embedded data.
    public static let defaultDataName = "<default data>"

    /// The stations compiled into the binary (`geodata/stations.csv`).
    public static func loadDefault() -> LoadResult {
        // The embedded file is generated and tested; failing to read it is a build defect.
        do {
            return try CSVStationReader.read(EmbeddedStations.csv, file: defaultDataName)
        } catch {
            preconditionFailure("embedded default data is unreadable: \(error)")
        }
    }

    /// Loads every input in order; `-` is standard input. Ids must be unique across all inputs.
    /// `inputDatum` is the datum of records that do not name their own `crs`.
    public static func load(paths: [String], inputDatum: Datum = .wgs84) throws(DataFileError) -> LoadResult {
        var result = LoadResult()
        for path in paths {
            result.append(try load(path: path, inputDatum: inputDatum))
        }
        return removingCrossFileDuplicates(result)
    }

    /// Loads one input.
    public static func load(path: String, inputDatum: Datum = .wgs84) throws(DataFileError) -> LoadResult {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw DataFileError(file: path, reason: .missing, message: "no such file")
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw DataFileError(file: path, reason: .missing, message: "cannot read the file (permissions?)")
            }
            data = contents
        }
        let decoded = try TextDecoding.decode(data, file: name)
        var result: LoadResult
        switch format(of: path, text: decoded.text) {
        case .csv: result = try CSVStationReader.read(decoded.text, file: name, inputDatum: inputDatum)
        case .geoJSON: result = try GeoJSONStationReader.read(decoded.text, file: name, inputDatum: inputDatum)
        }
        if let encoding = decoded.convertedFrom {
            result.notices.insert("\(name): read as \(encoding) (not UTF-8); consider saving it as UTF-8", at: 0)
        }
        return result
    }

    enum Format { case csv, geoJSON }

    static func format(of path: String, text: String) -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geoJSON }
        if lower.hasSuffix(".csv") { return .csv }
        let first = text.unicodeScalars.first { !$0.properties.isWhitespace }
        return first == "{" ? .geoJSON : .csv
    }

    private static func removingCrossFileDuplicates(_ result: LoadResult) -> LoadResult {
        var firstSeen: [String: RecordOrigin] = [:]
        var kept = LoadResult(errors: result.errors, notices: result.notices)
        for (station, origin) in zip(result.stations, result.origins) {
            if let first = firstSeen[station.id] {
                kept.errors.append(RecordError(file: origin.file, location: origin.location, field: "id", value: station.id,
                                               message: "duplicate id, first used in \(first)"))
            } else {
                firstSeen[station.id] = origin
                kept.append(station, from: origin)
            }
        }
        return kept
    }
}
