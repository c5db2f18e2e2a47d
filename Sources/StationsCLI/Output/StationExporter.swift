import Dispatch
import Foundation
import StationKit

/// Streams selected stations in one of the export formats.
///
/// Stations are encoded in blocks on every core and written in order, so a million stations
/// export in about the time it takes to write the file, with memory bounded by a few blocks.
struct StationExporter {
    let format: ExportFormat
    let datum: Datum
    let style: Bool
    let console: Console

    /// Stations per encoded block.
    static let blockSize = 4096

    /// Writes `stations[order[0]]`, `stations[order[1]]`, …
    func write(_ stations: [Station], order: [Int], to output: OutputFile) throws {
        switch format {
        case .csv:
            let encoder = StationCSVEncoder(datum: datum)
            output.write(StationCSVEncoder.row(encoder.header))
            Self.encodeInBlocks(count: order.count, to: output) { range in
                var bytes: [UInt8] = []
                for i in range { encoder.appendRow(stations[order[i]], to: &bytes) }
                return bytes
            }
        case .geojson, .geojsonseq:
            let encoder = StationGeoJSONEncoder(datum: datum, style: style)
            let positions = Self.positions(of: stations, order: order, by: encoder)
            let isCollection = format == .geojson
            if isCollection { output.write(encoder.collectionHeader(bbox: BoundingBox(enclosing: positions))) }
            Self.encodeInBlocks(count: order.count, to: output) { range in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(range.count * 512)
                for i in range {
                    if isCollection {
                        if i > 0 { bytes.append(UInt8(ascii: ",")) }
                        bytes.append(0x0A)
                    } else {
                        bytes.append(0x1E)  // RFC 8142 record separator
                    }
                    encoder.appendFeature(stations[order[i]], at: positions[i], to: &bytes)
                    if !isCollection { bytes.append(0x0A) }
                }
                return bytes
            }
            if isCollection { output.write(order.isEmpty ? "]}\n" : "\n]}\n") }
        }
    }

    /// The output positions of `stations[order[i]]`, converted on every core when the datum is not
    /// WGS84 (a forward shift costs ~0.3 µs).
    static func positions(of stations: [Station], order: [Int], by encoder: StationGeoJSONEncoder) -> [Coordinate] {
        [Coordinate](unsafeUninitializedCapacity: order.count) { buffer, count in
            nonisolated(unsafe) let shared = buffer
            let blocks = (order.count + blockSize - 1) / blockSize
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                for i in block * blockSize..<min(order.count, (block + 1) * blockSize) {
                    (shared.baseAddress! + i).initialize(to: encoder.position(of: stations[order[i]]))
                }
            }
            count = order.count
        }
    }

    /// Encodes items `0..<count` in blocks on all cores, a batch of blocks at a time, and writes
    /// the blocks in order; one batch is written while the next is encoded.
    static func encodeInBlocks(count: Int, to output: OutputFile, _ encode: @escaping @Sendable (Range<Int>) -> [UInt8]) {
        let blocks = (count + blockSize - 1) / blockSize
        let batch = ProcessInfo.processInfo.activeProcessorCount * 4
        let writer = DispatchQueue(label: "stations.export.writer")
        nonisolated(unsafe) let sink = output
        var first = 0
        while first < blocks {
            let last = min(blocks, first + batch)
            let texts = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: last - first)
            texts.initialize(repeating: [])
            nonisolated(unsafe) let shared = texts
            let start = first
            DispatchQueue.concurrentPerform(iterations: last - first) { offset in
                let block = start + offset
                shared[offset] = encode(block * blockSize..<min(count, (block + 1) * blockSize))
            }
            // The serial queue keeps batches in order; the file is only touched from there. Waiting
            // for the previous batch first bounds memory to two batches however slow the disk is.
            writer.sync {}
            writer.async {
                for bytes in shared { sink.write(bytes: bytes) }
                shared.deinitialize()
                shared.deallocate()
            }
            first = last
        }
        writer.sync {}
    }
}
