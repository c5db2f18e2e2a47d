import Foundation

/// The CSV station reader on arbitrary bytes, as ``StationLoader/load(path:inputDatum:progress:keepingSources:)``
/// calls it: the in-place UTF-8 path first, and for anything else the decoder (GB18030) and the
/// string path.
///
/// The UTF-8 path runs twice, cut into tiny pieces and as one piece; the two results must be
/// equal. That is what the parallel cutting promises (ARCHITECTURE.md, "Readers"), and with
/// pieces of a few bytes every record boundary of a small input is a cut.
enum CSVTarget {
    static let file = "fuzz.csv"

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let choices = FuzzChoices(bytes)
        let keepingSources = choices.flag(0)
        let datum: Datum = choices.pick([.wgs84, .wgs84, .gcj02, .bd09], bits: 1)
        let pieceSize = choices.pick([1, 3, 16, 64], bits: 3)

        let cut = readUTF8(bytes, pieceSize: pieceSize, datum: datum, keepingSources: keepingSources)
        let whole = readUTF8(bytes, pieceSize: CSVStationReader.pieceSize, datum: datum, keepingSources: keepingSources)
        fuzzCheck(cut == whole, "pieces of \(pieceSize) bytes read differently from one piece:\n\(cut)\nversus\n\(whole)")
        if case .loaded(let loaded) = whole { check(loaded.result, keepingSources: keepingSources) }

        if case .notUTF8 = whole {
            // What the loader does next for a file that is not UTF-8.
            do throws(DataFileError) {
                let decoded = try TextDecoding.decode(Data(buffer: bytes), file: file)
                let result = try CSVStationReader.read(decoded.text, file: file, inputDatum: datum, keepingSources: keepingSources)
                check(result, keepingSources: keepingSources)
            } catch {
                _ = error.description
            }
        }
    }

    /// What one read gave, comparable across piece sizes.
    enum Outcome: Equatable, CustomStringConvertible {
        case loaded(Loaded)
        case notUTF8
        case failed(DataFileError)

        var description: String {
            switch self {
            case .loaded(let loaded): "\(loaded.stations.count) stations, errors \(loaded.errors), notices \(loaded.notices)"
            case .notUTF8: "not UTF-8"
            case .failed(let error): "error \(error)"
            }
        }
    }

    /// The parts of a ``LoadResult`` that must not depend on how the file was cut.
    struct Loaded: Equatable {
        var stations: [Station]
        var origins: [RecordOrigin]
        var errors: [RecordError]
        var notices: [String]
        var sources: [SourceRecord]

        var result: LoadResult {
            var result = LoadResult(stations: stations, origins: origins, errors: errors, notices: notices)
            result.sources = sources
            return result
        }
    }

    static func readUTF8(_ bytes: UnsafeBufferPointer<UInt8>, pieceSize: Int, datum: Datum, keepingSources: Bool) -> Outcome {
        do throws(DataFileError) {
            guard let result = try CSVStationReader.read(utf8: bytes, file: file, inputDatum: datum, pieceSize: pieceSize,
                                                         keepingSources: keepingSources) else { return .notUTF8 }
            return .loaded(Loaded(stations: result.stations, origins: result.origins, errors: result.errors,
                                  notices: result.notices, sources: result.sources))
        } catch {
            return .failed(error)
        }
    }

    /// What every successful read promises, whichever path it took.
    static func check(_ result: LoadResult, keepingSources: Bool) {
        StationChecks.check(result)
        if !keepingSources { fuzzCheck(result.sources.isEmpty, "sources kept though not asked for") }
    }
}
