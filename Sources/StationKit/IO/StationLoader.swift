import Foundation

/// Loads stations from files, standard input, or the embedded default set, choosing the reader by
/// the file's extension (or, for standard input, by its first non-blank character).
public enum StationLoader {
    /// The name messages use for the embedded data.
    public static let defaultDataName = "<default data>"

    /// The stations compiled into the binary (`geodata/stations.csv`).
    /// With `keepingSources`, every record as written is kept in ``LoadResult/sources`` (for audits).
    public static func loadDefault(keepingSources: Bool = false) -> LoadResult {
        // The embedded file is generated and tested; failing to read it is a build defect.
        do {
            return try CSVStationReader.read(EmbeddedStations.csv, file: defaultDataName, keepingSources: keepingSources)
        } catch {
            preconditionFailure("embedded default data is unreadable: \(error)")
        }
    }

    /// Loads every input in order; `-` is standard input. Ids must be unique across all inputs.
    /// `inputDatum` is the datum of records that do not name their own `crs`.
    /// `progress`, when given, hears how far each file's parse has come.
    /// With `keepingSources`, every record as written is kept in ``LoadResult/sources`` (for audits).
    public static func load(paths: [String], inputDatum: Datum = .wgs84, progress: LoadProgress? = nil,
                            keepingSources: Bool = false) throws(DataFileError) -> LoadResult {
        // Each reader already rejects duplicates within its file; only several files need the cross check.
        if paths.count == 1 {
            return try load(path: paths[0], inputDatum: inputDatum, progress: progress, keepingSources: keepingSources)
        }
        var result = LoadResult()
        for path in paths {
            result.append(try load(path: path, inputDatum: inputDatum, progress: progress, keepingSources: keepingSources))
        }
        result.remove(result.duplicateIDs())
        return result
    }

    /// Loads one input.
    public static func load(path: String, inputDatum: Datum = .wgs84, progress: LoadProgress? = nil,
                            keepingSources: Bool = false) throws(DataFileError) -> LoadResult {
        let data = try InputFile.contents(of: path)
        return try load(data: data, name: InputFile.displayName(path), formatHint: path, inputDatum: inputDatum,
                        progress: progress, keepingSources: keepingSources)
    }

    /// Reads stations from bytes already in memory (an HTTP request body): CSV or GeoJSON by the
    /// extension of `formatHint` (a file name or `.csv`/`.geojson`), else by the first byte; UTF-8,
    /// or GB18030 as a spreadsheet saves it. `name` is what messages call the input.
    public static func load(data: Data, name: String, formatHint: String = "", inputDatum: Datum = .wgs84,
                            progress: LoadProgress? = nil, keepingSources: Bool = false) throws(DataFileError) -> LoadResult {
        let isGeoJSON = format(of: formatHint, data: data) == .geoJSON
        // UTF-8, by far the common case, is parsed in place without first becoming one huge string.
        let direct = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<LoadResult?, DataFileError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(DataFileError) {
                return .success(isGeoJSON
                    ? try GeoJSONStationReader.read(utf8: bytes, file: name, inputDatum: inputDatum, progress: progress,
                                                    keepingSources: keepingSources)
                    : try CSVStationReader.read(utf8: bytes, file: name, inputDatum: inputDatum, progress: progress,
                                                keepingSources: keepingSources))
            } catch {
                return .failure(error)
            }
        }
        if let result = try direct.get() { return result }
        let decoded = try TextDecoding.decode(data, file: name)
        var result = isGeoJSON
            ? try GeoJSONStationReader.read(decoded.text, file: name, inputDatum: inputDatum, keepingSources: keepingSources)
            : try CSVStationReader.read(decoded.text, file: name, inputDatum: inputDatum, keepingSources: keepingSources)
        if let encoding = decoded.convertedFrom {
            result.notices.insert("\(name): read as \(encoding) (not UTF-8); consider saving it as UTF-8", at: 0)
        }
        return result
    }

    enum Format { case csv, geoJSON }

    /// By the extension, else by the first byte that is not white space or a byte-order mark.
    static func format(of path: String, data: Data) -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geoJSON }
        if lower.hasSuffix(".csv") { return .csv }
        let skipped: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
        return data.first { !skipped.contains($0) } == UInt8(ascii: "{") ? .geoJSON : .csv
    }
}
