import Foundation
import Testing
@testable import StationKit

/// Progress reports from the parallel readers: growing fractions that end at exactly 1.
@Suite struct LoadProgressTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Double] = []
        func record(_ value: Double) { lock.withLock { values.append(value) } }
        var fractions: [Double] { lock.withLock { values } }
    }

    func expectComplete(_ fractions: [Double], pieces: Int) {
        #expect(fractions.count >= pieces)
        #expect(fractions == fractions.sorted(), "reported in order")
        #expect(fractions.last == 1)
        #expect(fractions.allSatisfy { $0 > 0 && $0 <= 1 })
    }

    @Test func csvReportsEveryPiece() throws {
        let text = ParallelCSVTests.messyFile(rows: 600, seed: 8)
        let recorder = Recorder()
        let progress = LoadProgress { recorder.record($0) }
        var copy = text
        let result = copy.withUTF8 { bytes in
            try? CSVStationReader.read(utf8: bytes, file: "p.csv", inputDatum: .wgs84, pieceSize: 512, progress: progress)
        }
        #expect(result?.stations.isEmpty == false)
        expectComplete(recorder.fractions, pieces: 2)
    }

    @Test func geoJSONReportsEveryBlock() throws {
        let text = StreamingGeoJSONTests.messyCollection(features: 3 * GeoJSONStationReader.blockSize + 5, seed: 9)
        let recorder = Recorder()
        let progress = LoadProgress { recorder.record($0) }
        var copy = text
        let result = copy.withUTF8 { bytes in
            try? GeoJSONStationReader.read(utf8: bytes, file: "p.geojson", inputDatum: .wgs84, progress: progress)
        }
        #expect(result?.stations.isEmpty == false)
        expectComplete(recorder.fractions, pieces: 4)
    }
}
