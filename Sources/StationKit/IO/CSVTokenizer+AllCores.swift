import Dispatch
import Foundation

extension CSVTokenizer {
    /// Inputs at least this long are tokenized on all cores.
    static let parallelThreshold = 1 << 18

    /// All records of `text`, blank lines skipped, like ``records(in:)``, but a large text is cut
    /// at record boundaries into pieces tokenized on all cores. For `near --batch`, whose rows are
    /// otherwise answered on all cores: a serial pass over the file was the largest part of what
    /// kept a batch from scaling. `pieceCount` is a parameter only so tests can cut small texts.
    public static func recordsOnAllCores(in text: String, pieceCount: Int? = nil) throws(UnterminatedQuote) -> [Record] {
        var text = text
        let result: Result<[Record], UnterminatedQuote> = text.withUTF8 { bytes in
            let pieces = pieceCount ?? (bytes.count < parallelThreshold ? 1 : ProcessInfo.processInfo.activeProcessorCount * 4)
            let targets = (0..<pieces).map { bytes.count / pieces * $0 }
            let starts = recordStarts(in: bytes, atOrAfter: targets) + [bytes.count]
            let ranges = (0..<pieces).map { starts[$0]..<starts[$0 + 1] }
            // Each piece starts right after a line break, so the breaks before it fix its first line.
            var firstLines = [1]
            for range in ranges.dropLast() { firstLines.append(firstLines.last! + lineBreaks(in: UnsafeBufferPointer(rebasing: bytes[range]))) }
            let parts = UnsafeMutableBufferPointer<Result<[Record], UnterminatedQuote>>.allocate(capacity: pieces)
            parts.initialize(repeating: .success([]))
            defer { parts.deinitialize(); parts.deallocate() }
            nonisolated(unsafe) let shared = parts, input = bytes
            let lines = firstLines
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                var records: [Record] = []
                do throws(UnterminatedQuote) {
                    try forEachRecord(in: UnsafeBufferPointer(rebasing: input[ranges[piece]]), firstLine: lines[piece]) { line, fields in
                        records.append(Record(line: line, fields: fields))
                    }
                    shared[piece] = .success(records)
                } catch {
                    shared[piece] = .failure(error)
                }
            }
            var all: [Record] = []
            for part in parts {
                switch part {
                case .success(let records): all += records
                case .failure(let error): return .failure(error)
                }
            }
            return .success(all)
        }
        return try result.get()
    }
}
