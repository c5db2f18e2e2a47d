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
        /// Set when the record broke a limit; then `fields` holds only the fields before the one
        /// that broke it, and the record must not be used.
        public var overflow: Overflow?

        public init(line: Int, fields: [String], overflow: Overflow? = nil) {
            self.line = line
            self.fields = fields
            self.overflow = overflow
        }
    }

    /// A record too large to be a registry row: a damaged or foreign file, which must not become
    /// a message hundreds of megabytes long or an array of millions of fields.
    public enum Overflow: Error, Sendable, Hashable, CustomStringConvertible {
        /// Field `index` (0-based) holds `bytes` bytes, more than ``maxFieldBytes``.
        case field(index: Int, bytes: Int)
        /// The record has `count` fields, more than ``maxFields``.
        case fields(count: Int)

        public var description: String {
            switch self {
            case .field(let index, let bytes):
                "field \(index + 1) holds \(bytes) bytes, more than the \(CSVTokenizer.maxFieldBytes) a field may hold (a spreadsheet cell holds at most 32,767 characters); is a quote missing, or is this not a CSV file?"
            case .fields(let count):
                "has \(count) fields, more than the \(CSVTokenizer.maxFields) a record may have (a spreadsheet has at most 16,384 columns); is this a CSV file?"
            }
        }
    }

    /// The most bytes one field may hold: 32,767 characters (Excel's cell limit) of up to four
    /// UTF-8 bytes each, rounded up.
    public static let maxFieldBytes = 1 << 17
    /// The most fields one record may have: Excel's and LibreOffice's column limit.
    public static let maxFields = 16_384

    /// A quote left open at the end of the file: everything after it would be swallowed.
    public struct UnterminatedQuote: Error {
        public var line: Int
    }

    /// All records of `text`, blank lines skipped.
    public static func records(in text: String) throws(UnterminatedQuote) -> [Record] {
        var records: [Record] = []
        try forEachRecord(in: text) { records.append($0) }
        return records
    }

    /// Calls `body` with each record, blank lines skipped.
    public static func forEachRecord(in text: String, _ body: (Record) -> Void) throws(UnterminatedQuote) {
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
    /// Records before a quote that is never closed are all delivered before the error is thrown.
    static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int,
                              _ body: (Record) -> Void) throws(UnterminatedQuote) {
        var fields: [String] = []
        fields.reserveCapacity(16)
        var line = firstLine, recordLine = firstLine
        var i = 0
        let count = bytes.count
        var quoted: [UInt8] = []  // only for fields with quotes, which need unescaping
        // Fields past the limits are measured but not kept.
        var overflow: Overflow?
        var fieldCount = 0

        func add(_ field: @autoclosure () -> String, bytes length: Int) {
            if overflow == nil && length > maxFieldBytes { overflow = .field(index: fieldCount, bytes: length) }
            fieldCount += 1
            if overflow == nil && fieldCount > maxFields { overflow = .fields(count: fieldCount) }
            if overflow == nil { fields.append(field()) }
        }

        func endRecord() {
            if !(overflow == nil && fieldCount == 1 && fields[0].isEmpty) {
                if case .fields = overflow { overflow = .fields(count: fieldCount) }
                body(Record(line: recordLine, fields: fields, overflow: overflow))
            }
            fields.removeAll(keepingCapacity: fields.count <= 64)
            overflow = nil
            fieldCount = 0
        }

        while i <= count {
            // Start of a field.
            if i < count && bytes[i] == quote {
                let quoteLine = line
                quoted.removeAll(keepingCapacity: quoted.count <= maxFieldBytes)
                var length = 0
                i += 1
                var closed = false
                while i < count {
                    let byte = bytes[i]
                    if byte == quote {
                        if i + 1 < count && bytes[i + 1] == quote {
                            if length < maxFieldBytes { quoted.append(quote) }
                            length += 1
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if byte == newline { line += 1 }
                    if length < maxFieldBytes { quoted.append(byte) }
                    length += 1
                    i += 1
                }
                if !closed { throw UnterminatedQuote(line: quoteLine) }
                // Text between the closing quote and the separator is kept, as spreadsheets do; a
                // carriage return is part of it unless it ends the line (CRLF, or the file's end),
                // so a line is always ended by a line feed, as the piece cutter counts them.
                while i < count && bytes[i] != comma && bytes[i] != newline
                        && !(bytes[i] == carriageReturn && (i + 1 == count || bytes[i + 1] == newline)) {
                    if length < maxFieldBytes { quoted.append(bytes[i]) }
                    length += 1
                    i += 1
                }
                add(String(decoding: quoted, as: UTF8.self), bytes: length)
            } else {
                let start = i
                while i < count && bytes[i] != comma && bytes[i] != newline { i += 1 }
                var end = i
                if end > start && bytes[end - 1] == carriageReturn { end -= 1 }  // CRLF line ends
                add(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), bytes: end - start)
            }
            // After a field: a comma, a line end, or the end of the text.
            if i < count && bytes[i] == carriageReturn { i += 1 }
            if i < count && bytes[i] == comma {
                i += 1
                if i == count { add("", bytes: 0); endRecord(); break }
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
