import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns file bytes into text: UTF-8 with or without a byte-order mark, or GB18030/GBK (what
/// Excel and WPS save Chinese CSV files as), decoded with the C library's iconv.
enum TextDecoding {
    struct Decoded {
        var text: String
        /// Set when the bytes were not UTF-8 and were converted.
        var convertedFrom: String?
    }

    static func decode(_ data: Data, file: String) throws(DataFileError) -> Decoded {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw DataFileError(file: file, reason: .unreadable, message:
                "the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" instead, or convert it: iconv -f UTF-16 -t UTF-8 '\(file)' > stations-utf8.csv")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: text) }
        if let text = iconvDecode(bytes, from: "GB18030") { return Decoded(text: text, convertedFrom: "GB18030") }
        let offset = firstInvalidUTF8Offset(bytes)
        throw DataFileError(file: file, reason: .unreadable, message:
            "the file is neither UTF-8 nor GB18030 (first bad byte at offset \(offset)); convert it to UTF-8, for example: iconv -f GB18030 -t UTF-8 '\(file)' > stations-utf8.csv")
    }

    /// Decodes with iconv; nil when the encoding is unavailable or the bytes are not valid in it.
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                // Returns (size_t)-1 on an invalid or incomplete sequence.
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1 && inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(validating: output[..<converted].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Byte offset of the first byte that breaks UTF-8, for the error message.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return offset
    }
}

extension String {
    /// Runs a reader of UTF-8 bytes on this string. A Swift string is always valid UTF-8, so a
    /// reader that answers nil only for invalid UTF-8 always answers here.
    func readingUTF8(_ read: (UnsafeBufferPointer<UInt8>) throws(DataFileError) -> LoadResult?) throws(DataFileError) -> LoadResult {
        var text = self
        // withUTF8 rethrows untyped errors; carry the typed one out in a Result.
        let outcome: Result<LoadResult?, DataFileError> = text.withUTF8 { bytes in
            do throws(DataFileError) { return .success(try read(bytes)) } catch { return .failure(error) }
        }
        return try outcome.get()!
    }
}
