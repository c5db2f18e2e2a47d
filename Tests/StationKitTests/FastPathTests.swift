import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The fast paths that make million-station files quick each have a slow, obviously right
/// counterpart in the standard library or in our own general code; these tests hold them equal.
@Suite struct FastPathTests {
    @Test func trimmableIsUnicodeWhiteSpace() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isTrimmable == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }

    @Test func amenityPositionIsDeclarationOrder() {
        for (index, amenity) in Amenity.allCases.enumerated() {
            #expect(amenity.position == index, "\(amenity)")
            #expect(amenity.bit == 1 << UInt32(index))
        }
    }

    @Test func amenitiesAndKindsFitTheIndexMasks() {
        // 32-bit masks: amenity bits from 0, kind bits from 24.
        #expect(Amenity.allCases.count <= 24)
        #expect(Kind.allCases.map(\.maskBit) == [1 << 24, 1 << 25, 1 << 26])
        #expect(Amenity.allCases.allSatisfy { $0.bit < 1 << 24 })
    }

    @Test func cachedChineseNameIsTheFirstAlias() {
        #expect(Amenity.allCases.map(\.chineseName) == Amenity.allCases.map { $0.chineseAliases[0] })
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var generator = SeededGenerator(seed: 7)
        // Bytes biased towards lead and continuation bytes, so near-misses (overlongs, surrogates,
        // truncated sequences) are common; some runs long enough for the eight-byte ASCII path.
        let interesting: [UInt8] = [0x41, 0x0A, 0x7F, 0x80, 0x8F, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                    0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        var invalid = 0
        for _ in 0..<50_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes: [UInt8] = (0..<length).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator)
                                               : interesting.randomElement(using: &generator)!
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if !expected { invalid += 1 }
            let actual = bytes.withUnsafeBufferPointer(UTF8Validation.isValid)
            #expect(actual == expected, "\(bytes.map { String($0, radix: 16) })")
        }
        #expect(invalid > 1000 && invalid < 49_000, "the generator must produce both kinds")
        let chinese = Array("太原市迎泽区工会驿站 🚚 ∑".utf8)
        #expect(chinese.withUnsafeBufferPointer(UTF8Validation.isValid))
    }

    @Test func fastDecimalsAreBitForBitWhatDoubleParses() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<100_000 {
            let integer = Int.random(in: -180...180, using: &generator)
            let places = Int.random(in: 0...14, using: &generator)
            let fraction = (0..<places).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let text = places == 0 ? "\(integer)" : "\(integer).\(fraction)"
            // Up to 15 digits take the fast path and must agree bit for bit; longer ones are declined.
            if let fast = DecimalParsing.fastValue(text) {
                #expect(fast.bitPattern == Double(text)!.bitPattern, "\(text)")
            } else {
                #expect(text.filter(\.isNumber).count > 15, "\(text)")
            }
        }
        for text in ["38.", ".5", "-0", "+12.5", "-.25", "007.10"] {
            #expect(DecimalParsing.fastValue(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        // Not plain decimals: left to Double(_:), which decides.
        for text in ["1e5", "NaN", "inf", " 1", "1-", "1.2.3", "", "-", ".", "1234567890123456", "0x1p3", "１２"] {
            #expect(DecimalParsing.fastValue(text) == nil, "\(text)")
        }
    }

    @Test func fastNumberFormattingMatchesTheGeneralPath() {
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<100_000 {
            let value = Double.random(in: -200...200, using: &generator) * (Bool.random(using: &generator) ? 1 : 1e-6)
            let places = Int.random(in: 0...9, using: &generator)
            #expect(JSONValue.formatNumber(value, places: places) == JSONValue.trimmedDecimal(value, places: places),
                    "\(value) \(places)")
        }
        #expect(JSONValue.formatNumber(-0.00000001, places: 7) == "0")
        #expect(JSONValue.formatNumber(112.5, places: 7) == "112.5")
        #expect(JSONValue.formatNumber(-37, places: 7) == "-37")
        #expect(JSONValue.formatNumber(.nan, places: 7) == "null")
        #expect(JSONValue.formatNumber(1e300, places: 7) == JSONValue.trimmedDecimal(1e300, places: 7))
    }

    @Test func jsonStringEscapesOnlyWhatJSONRequires() {
        var out: [UInt8] = []
        JSONValue.writeString("工会\"驿站\"\\\n\t\r\u{1}\u{1F}end", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""工会\"驿站\"\\\n\t\r\u0001\u001fend""#)
        let decoded = try? JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String
        #expect(decoded == "工会\"驿站\"\\\n\t\r\u{1}\u{1F}end")
    }

    @Test func csvFieldWithCarriageReturnLineFeedIsQuoted() {
        #expect(StationCSVEncoder.field("line one\r\nline two") == "\"line one\r\nline two\"")
        #expect(StationCSVEncoder.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(StationCSVEncoder.field("plain 文本") == "plain 文本")
    }

    @Test func amenityListsSplitAlikeOnEveryPath() {
        #expect(AmenitySet.splitList("shower;toilet;;parking") == ["shower", "toilet", "parking"])
        #expect(AmenitySet.splitList("淋浴、厕所，停车") == ["淋浴", "厕所", "停车"])
        #expect(AmenitySet.splitList("shower, toilet | wifi") == ["shower", "toilet", "wifi"])
        #expect(AmenitySet.splitList("") == [])
    }
}

/// The CSV reader cuts large files into pieces parsed on all cores; whatever the cut, the answer
/// must be the one a single front-to-back pass gives.
@Suite struct ParallelCSVTests {
    /// A messy registry: quoted fields with commas, quotes and line breaks, CRLF and LF, blank
    /// lines, bad records and duplicate ids spread through the file.
    static func messyFile(rows: Int, seed: UInt64) -> String {
        var generator = SeededGenerator(seed: seed)
        var lines = [CSVReaderTests.header]
        for i in 0..<rows {
            let id = Int.random(in: 0..<20, using: &generator) == 0 ? "stn-\(i / 2)" : "stn-\(i)"
            var name = "驿站\(i)"
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: name = "\"驿站, 第\(i)号\""
            case 1: name = "\"多行\n名称 \"\"\(i)\"\"\""
            case 2: name = "\"\"\"引号\"\"站\(i)\""
            default: break
            }
            let lat = Int.random(in: 0..<25, using: &generator) == 0 ? "north" : String(Double.random(in: 18...53, using: &generator))
            var row = [id, name, "driver-home", lat, String(Double.random(in: 74...134, using: &generator)), "shower;parking",
                       "", "山西省", "太原市", "", "", ""].joined(separator: ",")
            if Int.random(in: 0..<30, using: &generator) == 0 { row += ",extra" }
            if Bool.random(using: &generator) { row += "\r" }
            lines.append(row)
            if Int.random(in: 0..<15, using: &generator) == 0 { lines.append("") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func read(_ text: String, pieceSize: Int) throws -> LoadResult {
        var text = text
        let outcome = text.withUTF8 { bytes in
            Result { () throws(DataFileError) -> LoadResult? in
                try CSVStationReader.read(utf8: bytes, file: "messy.csv", inputDatum: .wgs84, pieceSize: pieceSize)
            }
        }
        return try #require(try outcome.get())
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func piecesGiveTheSameAnswerAsOnePass(seed: UInt64) throws {
        let text = Self.messyFile(rows: 600, seed: seed)
        let whole = try Self.read(text, pieceSize: Int.max)
        #expect(whole.stations.count > 400)
        #expect(whole.errors.contains { $0.message.hasPrefix("duplicate id") })
        #expect(whole.errors.contains { $0.field == "lat" })
        #expect(whole.errors.contains { $0.message.contains("fields but the header has") })
        for pieceSize in [64, 500, 4096] {
            let cut = try Self.read(text, pieceSize: pieceSize)
            #expect(cut.stations == whole.stations, "piece size \(pieceSize)")
            #expect(cut.origins == whole.origins, "piece size \(pieceSize)")
            #expect(cut.errors == whole.errors, "piece size \(pieceSize)")
        }
    }

    @Test func linesMatchTheSequentialTokenizer() throws {
        let text = Self.messyFile(rows: 300, seed: 5)
        let records = try CSVTokenizer.records(in: text)
        let lineOfID = Dictionary(records.dropFirst().map { ($0.fields[0], $0.line) }, uniquingKeysWith: { first, _ in first })
        let result = try Self.read(text, pieceSize: 64)
        for (station, origin) in zip(result.stations, result.origins) {
            #expect(origin.location == .line(lineOfID[station.id]!), "\(station.id)")
        }
    }

    @Test func invalidUTF8InALaterPieceSendsTheFileToTheEncodingFallback() throws {
        var bytes = Array(Self.messyFile(rows: 300, seed: 9).utf8)
        bytes.insert(contentsOf: [0xB9, 0xA4], at: bytes.count - 40)  // GBK bytes of 工, mid-file
        let answer = try bytes.withUnsafeBufferPointer { buffer throws(DataFileError) in
            try CSVStationReader.read(utf8: buffer, file: "gbk.csv", inputDatum: .wgs84, pieceSize: 64)
        }
        #expect(answer == nil)
    }

    /// `near --batch` tokenizes on all cores: the same records and lines as one pass, however
    /// the text is cut, quoted line breaks, blank lines and CRLF included.
    @Test func recordsMappedOnAllCoresMatchTheSequentialTokenizer() throws {
        for seed in [3, 11] {
            let text = Self.messyFile(rows: 250, seed: UInt64(seed)) + "\r\n\n" + "late,\"quoted\nfield\",x\r\n"
            let sequential = try CSVTokenizer.records(in: text)
            for pieces in [1, 2, 7, 64, 400] {
                let cut = try CSVTokenizer.mapRecordsOnAllCores(in: text, pieceCount: pieces) { $0 }
                #expect(cut.map(\.line) == sequential.map(\.line), "\(pieces) pieces")
                #expect(cut.map(\.fields) == sequential.map(\.fields), "\(pieces) pieces")
            }
        }
        // A quote left open is reported on the line it opens, as by the single pass.
        let open = "id,lat,lon\n" + String(repeating: "a,1,2\n", count: 50) + "b,\"3,4\n" + String(repeating: "c,5,6\n", count: 50)
        #expect(throws: CSVTokenizer.UnterminatedQuote.self) { try CSVTokenizer.mapRecordsOnAllCores(in: open, pieceCount: 8) { $0 } }
        do { _ = try CSVTokenizer.mapRecordsOnAllCores(in: open, pieceCount: 8) { $0 } } catch { #expect(error.line == 52) }
    }

    /// `near --batch` reads its header alone, then maps the rest on all cores from where it ends.
    @Test func headerThenRowsMatchTheSequentialTokenizer() throws {
        let text = "\r\n\n\"id\",\"lat\nitude\",lon\n" + Self.messyFile(rows: 120, seed: 8)
        let sequential = try CSVTokenizer.records(in: text)
        let header = try #require(try CSVTokenizer.header(of: text))
        #expect(header.record.line == sequential[0].line && header.record.fields == sequential[0].fields)
        for pieces in [1, 3, 50] {
            let rows = try CSVTokenizer.mapRecordsOnAllCores(in: text, from: header.bodyStart, firstLine: header.bodyLine,
                                                             pieceCount: pieces) { "\($0.line):\($0.fields.joined(separator: "|"))" }
            #expect(rows == sequential.dropFirst().map { "\($0.line):\($0.fields.joined(separator: "|"))" }, "\(pieces) pieces")
        }
        #expect(try CSVTokenizer.header(of: "\n\r\n") == nil)
        #expect(try CSVTokenizer.header(of: "")  == nil)
    }

    @Test func recordStartsNeverFallInsideQuotedFields() throws {
        let text = Self.messyFile(rows: 200, seed: 4)
        var copy = text
        let starts = copy.withUTF8 { CSVTokenizer.recordStarts(in: $0, atOrAfter: Array(stride(from: 0, to: $0.count, by: 97))) }
        // Every record start the tokenizer reports, as a byte offset.
        let utf8 = Array(text.utf8)
        var lineStarts = [0]
        for (offset, byte) in utf8.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
        let recordOffsets = Set(try CSVTokenizer.records(in: text).map { lineStarts[$0.line - 1] })
        for start in starts where start < utf8.count {
            // A start is a record's first byte or a blank line's (which holds no record).
            #expect(recordOffsets.contains(start) || utf8[start] == UInt8(ascii: "\n"), "offset \(start)")
        }
    }
}

extension LoadResult: Equatable {
    public static func == (lhs: LoadResult, rhs: LoadResult) -> Bool {
        lhs.stations == rhs.stations && lhs.origins == rhs.origins && lhs.errors == rhs.errors && lhs.notices == rhs.notices
    }
}
