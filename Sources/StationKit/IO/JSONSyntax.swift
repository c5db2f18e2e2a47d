import Foundation

/// Where JSON text goes wrong, in the words of our own parser, for readers that leave the
/// parsing itself to Foundation (region outlines), whose errors say only "not in the correct
/// format".
public enum JSONSyntax {
    /// The first syntax error in `data` with its line and column, or nil when it is valid JSON
    /// (then Foundation's complaint must be about something else, such as the encoding).
    public static func firstError(in data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            let whole = raw.bindMemory(to: UInt8.self)
            let bytes = whole.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: whole[3...]) : whole
            guard UTF8Validation.isValid(bytes) else { return "not UTF-8 text" }
            var parser = JSONParser(bytes)
            do throws(JSONSyntaxError) {
                _ = try parser.value()
                if parser.peek() != nil { throw parser.error("unexpected text after the end of the document") }
                return nil
            } catch {
                let (line, column) = GeoJSONStationReader.lineAndColumn(of: error.offset, in: bytes)
                return "\(error.message) (line \(line), column \(column))"
            }
        }
    }
}
