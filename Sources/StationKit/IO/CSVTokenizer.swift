/// Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes and
/// line breaks), remembering the physical line each record starts on for error messages.
public struct CSVTokenizer {
    /// One record: its fields and the line it starts on.
    public struct Record: Sendable {
        /// 1-based physical line where the record starts.
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
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        let bytes = Array(text.utf8)
        var i = 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let byte = bytes[i]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inQuotes = true
                    quoteLine = line
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\r"):
                    break  // CRLF line ends: the LF ends the record
                case UInt8(ascii: "\n"):
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.append(byte)
                }
            }
            i += 1
        }
        if inQuotes { throw UnterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
