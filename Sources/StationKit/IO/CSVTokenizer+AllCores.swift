import Dispatch
import Foundation

extension CSVTokenizer {
    /// Inputs at least this long are tokenized on all cores.
    static let parallelThreshold = 1 << 18

    /// The first record of a text, and where the records after it begin.
    public struct Header: Sendable {
        public var record: Record
        /// Byte offset in the text's UTF-8 of the next record (or of its end).
        public var bodyStart: Int
        /// The line the rest starts on.
        public var bodyLine: Int
    }

    /// The first record of `text` (blank lines before it skipped), nil when there is none.
    public static func header(of text: String) throws(UnterminatedQuote) -> Header? {
        try utf8(of: text) { bytes throws(UnterminatedQuote) -> Header? in
            var start = 0, line = 1
            while start < bytes.count {
                // One record's bytes at a time: the first record start after `start` ends it.
                let end = recordStarts(in: bytes, atOrAfter: [start + 1])[0]
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                var found: Record?
                try forEachRecord(in: slice, firstLine: line) { found = $0 }
                line += lineBreaks(in: slice)
                if let found { return Header(record: found, bodyStart: end, bodyLine: line) }
                start = end
            }
            return nil
        }
    }

    /// `transform` of each record of `text` from byte `start` (a record boundary, on line
    /// `firstLine`) on, in order, computed on all cores as the pieces are tokenized. For
    /// `near --batch`, whose rows are then answered on all cores: in one pass, no array of every
    /// record is built and freed on one core, which was the largest part of what kept a batch
    /// from scaling. `pieceCount` is a parameter only so tests can cut small texts.
    public static func mapRecordsOnAllCores<T>(in text: String, from start: Int = 0, firstLine: Int = 1, pieceCount: Int? = nil,
                                               _ transform: (Record) -> T) throws(UnterminatedQuote) -> [T] {
        try utf8(of: text) { bytes throws(UnterminatedQuote) in
            try mapOnAllCores(UnsafeBufferPointer(rebasing: bytes[min(start, bytes.count)...]), firstLine: firstLine,
                              pieceCount: pieceCount, transform)
        }
    }

    /// `body` of the UTF-8 of `text`, keeping its typed error (`withUTF8` only rethrows).
    static func utf8<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(UnterminatedQuote) -> T) throws(UnterminatedQuote) -> T {
        var text = text
        let result: Result<T, UnterminatedQuote> = text.withUTF8 { bytes in
            do throws(UnterminatedQuote) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// `transform` of every record of `bytes` (which start at a record boundary on line
    /// `firstLine`), in order, the pieces tokenized and transformed on all cores.
    static func mapOnAllCores<T>(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, pieceCount: Int?,
                                 _ transform: (Record) -> T) throws(UnterminatedQuote) -> [T] {
        let pieces = max(1, pieceCount ?? (bytes.count < parallelThreshold ? 1 : ProcessInfo.processInfo.activeProcessorCount * 4))
        let targets = (0..<pieces).map { bytes.count / pieces * $0 }
        let starts = recordStarts(in: bytes, atOrAfter: targets) + [bytes.count]
        let ranges = (0..<pieces).map { starts[$0]..<max(starts[$0], starts[$0 + 1]) }
        // Each piece starts right after a line break, so the breaks before it fix its first line.
        var firstLines = [firstLine]
        for range in ranges.dropLast() { firstLines.append(firstLines.last! + lineBreaks(in: UnsafeBufferPointer(rebasing: bytes[range]))) }
        let parts = UnsafeMutableBufferPointer<Result<[T], UnterminatedQuote>>.allocate(capacity: pieces)
        parts.initialize(repeating: .success([]))
        defer { parts.deinitialize(); parts.deallocate() }
        nonisolated(unsafe) let shared = parts, input = bytes
        let lines = firstLines
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                var values: [T] = []
                do throws(UnterminatedQuote) {
                    try forEachRecord(in: UnsafeBufferPointer(rebasing: input[ranges[piece]]), firstLine: lines[piece]) {
                        values.append(transform($0))
                    }
                    shared[piece] = .success(values)
                } catch {
                    shared[piece] = .failure(error)
                }
            }
        }
        var all: [T] = []
        for part in parts {
            switch part {
            case .success(let values): all += values
            case .failure(let error): throw error
            }
        }
        return all
    }
}
