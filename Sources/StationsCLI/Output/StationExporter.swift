import StationKit

/// Streams selected stations in one of the export formats.
struct StationExporter {
    let format: ExportFormat
    let datum: Datum
    let style: Bool
    let console: Console

    /// RFC 8142 record separator, written before every GeoJSON text of a sequence.
    static let recordSeparator = "\u{1E}"

    func write(_ stations: [Station], to output: OutputFile) throws {
        switch format {
        case .csv:
            let encoder = StationCSVEncoder(datum: datum)
            output.write(StationCSVEncoder.row(encoder.header))
            for station in stations { output.write(StationCSVEncoder.row(encoder.fields(station))) }
        case .geojson, .geojsonseq:
            let encoder = StationGeoJSONEncoder(datum: datum, style: style)
            let positions = stations.map(encoder.position(of:))
            if format == .geojson { output.write(encoder.collectionHeader(bbox: BoundingBox(enclosing: positions))) }
            var chunk = ""
            for (i, station) in stations.enumerated() {
                if format == .geojson {
                    chunk += i == 0 ? "\n" : ",\n"
                } else {
                    chunk += Self.recordSeparator
                }
                encoder.appendFeature(station, at: positions[i], to: &chunk)
                if format == .geojsonseq { chunk += "\n" }
                if chunk.utf8.count > 1 << 16 {
                    output.write(chunk)
                    chunk = ""
                }
            }
            output.write(chunk)
            if format == .geojson { output.write(stations.isEmpty ? "]}\n" : "\n]}\n") }
        }
    }
}
