import Foundation

/// The GeoJSON station reader on arbitrary bytes, the way the loader calls it: in place when the
/// bytes are UTF-8, else decoded first.
enum GeoJSONTarget {
    static let file = "fuzz.geojson"

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let choices = FuzzChoices(bytes)
        let keepingSources = choices.flag(0)
        let datum: Datum = choices.pick([.wgs84, .wgs84, .gcj02, .bd09], bits: 1)
        do throws(DataFileError) {
            if let result = try GeoJSONStationReader.read(utf8: bytes, file: file, inputDatum: datum,
                                                          keepingSources: keepingSources) {
                StationChecks.check(result)
                return
            }
            let decoded = try TextDecoding.decode(Data(buffer: bytes), file: file)
            let result = try GeoJSONStationReader.read(decoded.text, file: file, inputDatum: datum, keepingSources: keepingSources)
            StationChecks.check(result)
        } catch {
            _ = error.description
        }
    }
}
