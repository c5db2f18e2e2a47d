#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes and
/// line breaks), remembering the physical line each record starts on for error messages.
///
/// Streaming: each record is handed to a closure as soon as it is complete, so a million-row
/// registry never exists as a million arrays of fields at once. Works on UTF-8 bytes; separators
/// are ASCII, so multi-byte characters pass through untouched.
public struct CSVTokenizer {
    /// One record: its fields and the line it starts on.
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// A quote left open at the end of the file: everything after it would be swallowed.
    public struct UnterminatedQuote: Error {
        public var line: Int
    }

    /// All records of `text`, blank lines skipped.
    public static func records(in text: String) throws(UnterminatedQuote) -> [Record] {
        var records: [Record] = []
        try forEachRecord(in: text) { line, fields in records.append(Record(line: line, fields: fields)) }
        return records
    }

    /// Calls `body` with each record's starting line and fields, blank lines skipped.
    public static func forEachRecord(in text: String, _ body: (Int, [String]) -> Void) throws(UnterminatedQuote) {
        var text = text
        let result: UnterminatedQuote? = text.withUTF8 { bytes in
            do throws(UnterminatedQuote) {
                try forEachRecord(in: bytes, firstLine: 1, body)
                return nil
            } catch {
                return error
            }
        }
        if let result { throw result }
    }

    /// Calls `body` with each record of `bytes` (which start at a record boundary on line `firstLine`).
    static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int,
                              _ body: (Int, [String]) -> Void) throws(UnterminatedQuote) {
        var fields: [String] = []
        fields.reserveCapacity(16)
        var line = firstLine, recordLine = firstLine
        var i = 0
        let count = bytes.count
        var quoted: [UInt8] = []  // only for fields with quotes, which need unescaping

        func endRecord() {
            if !(fields.count == 1 && fields[0].isEmpty) { body(recordLine, fields) }
            fields.removeAll(keepingCapacity: true)
        }

        while i <= count {
            // Start of a field.
            if i < count && bytes[i] == quote {
                let quoteLine = line
                quoted.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                while i < count {
                    let byte = bytes[i]
                    if byte == quote {
                        if i + 1 < count && bytes[i + 1] == quote {
                            quoted.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if byte == newline { line += 1 }
                    quoted.append(byte)
                    i += 1
                }
                if !closed { throw UnterminatedQuote(line: quoteLine) }
                // Text between the closing quote and the separator is kept, as spreadsheets do.
                while i < count && bytes[i] != comma && bytes[i] != newline && bytes[i] != carriageReturn {
                    quoted.append(bytes[i])
                    i += 1
                }
                fields.append(String(decoding: quoted, as: UTF8.self))
            } else {
                let start = i
                while i < count && bytes[i] != comma && bytes[i] != newline { i += 1 }
                var end = i
                if end > start && bytes[end - 1] == carriageReturn { end -= 1 }  // CRLF line ends
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            // After a field: a comma, a line end, or the end of the text.
            if i < count && bytes[i] == carriageReturn { i += 1 }
            if i < count && bytes[i] == comma {
                i += 1
                if i == count { fields.append(""); endRecord(); break }
                continue
            }
            endRecord()
            if i >= count { break }
            i += 1  // the newline
            line += 1
            recordLine = line
            if i == count { break }
        }
    }

    /// For each offset in `targets` (ascending), the first record start at or after it: 0, or the
    /// byte after a line break that is not inside a quoted field; `bytes.count` when there is none.
    /// Lets a large file be cut into pieces that parse independently.
    static func recordStarts(in bytes: UnsafeBufferPointer<UInt8>, atOrAfter targets: [Int]) -> [Int] {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return targets.map { _ in 0 } }
        if memchr(base, Int32(quote), count) == nil {
            // No quotes anywhere: every line break ends a record, and memchr finds them fast.
            return targets.map { target in
                if target <= 0 { return 0 }
                if target > count { return count }
                guard let found = memchr(base + (target - 1), Int32(newline), count - (target - 1)) else { return count }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        // Quotes present: follow the tokenizer's own rules (a quote opens a field only at its start).
        var starts: [Int] = []
        starts.reserveCapacity(targets.count)
        var next = 0
        func reached(_ position: Int) {
            while next < targets.count && targets[next] <= position {
                starts.append(position)
                next += 1
            }
        }
        reached(0)
        var i = 0, atFieldStart = true
        while i < count && next < targets.count {
            let byte = bytes[i]
            if atFieldStart && byte == quote {
                i += 1
                while i < count {
                    if bytes[i] == quote {
                        if i + 1 < count && bytes[i + 1] == quote { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
                atFieldStart = false
                continue
            }
            if byte == newline {
                reached(i + 1)
                atFieldStart = true
            } else {
                atFieldStart = byte == comma
            }
            i += 1
        }
        while starts.count < targets.count { starts.append(count) }
        return starts
    }

    /// Line breaks in `bytes`, to number the lines of a piece that starts mid-file.
    static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var breaks = 0
        for byte in bytes where byte == newline { breaks += 1 }
        return breaks
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"),
        carriageReturn = UInt8(ascii: "\r")
}
