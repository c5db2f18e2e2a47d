import Dispatch
import Foundation

/// Reads the CSV interchange format (DESIGN.md), with English or Chinese headers.
public enum CSVStationReader {
    /// Header names accepted for each field; the first is the canonical English one.
    static let headerNames: [(field: String, names: [String])] = [
        ("id", ["id", "编号", "序号", "站点编号"]),
        ("name", ["name", "名称", "站点名称"]),
        ("kind", ["kind", "类型", "站点类型"]),
        ("lat", ["lat", "latitude", "纬度"]),
        ("lon", ["lon", "lng", "longitude", "经度"]),
        ("amenities", ["amenities", "设施", "服务设施"]),
        ("address", ["address", "地址"]),
        ("province", ["province", "省", "省份"]),
        ("city", ["city", "市", "城市"]),
        ("opening_hours", ["opening_hours", "开放时间"]),
        ("phone", ["phone", "电话", "联系电话"]),
        ("operator", ["operator", "运营单位"]),
        ("crs", ["crs", "坐标系"]),
    ]

    static let required = ["kind", "lat", "lon"]

    /// Parses CSV text. `file` names the source in messages.
    /// `inputDatum` is the datum of records without a `crs` of their own.
    /// - Throws: ``DataFileError`` when the header is unusable or a quote is never closed.
    /// With `keepingSources`, every record as written is kept in ``LoadResult/sources``.
    public static func read(_ text: String, file: String, inputDatum: Datum = .wgs84,
                            keepingSources: Bool = false) throws(DataFileError) -> LoadResult {
        try text.readingUTF8 { bytes throws(DataFileError) in
            try read(utf8: bytes, file: file, inputDatum: inputDatum, keepingSources: keepingSources)
        }
    }

    /// Files larger than this are cut into pieces parsed on all cores.
    static let pieceSize = 1 << 20

    /// Parses CSV bytes in place; nil when they are not UTF-8 (the caller then tries other encodings).
    /// Validation happens piece by piece inside the parallel parse, so it costs no extra pass.
    /// `pieceSize` is a parameter only so tests can cut small files into many pieces.
    static func read(utf8 whole: UnsafeBufferPointer<UInt8>, file: String, inputDatum: Datum,
                     pieceSize: Int = pieceSize, progress: LoadProgress? = nil,
                     keepingSources: Bool = false) throws(DataFileError) -> LoadResult? {
        // A UTF-8 byte-order mark that survived decoding would otherwise become part of the first column's name.
        let bytes = whole.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: whole[3...]) : whole
        var result = LoadResult()
        let found = try Self.header(of: bytes, file: file)
        guard found.isUTF8 else { return nil }
        guard let (header, bodyStart, bodyLine) = found.header else {
            throw DataFileError(file: file, reason: .unreadable, message: "the file is empty; expected a header line: \(canonicalHeader)")
        }
        let known = try Self.columns(of: header, file: file, notices: &result.notices)
        let columns = ColumnMap(known, header: header,
                                others: keepingSources ? header.indices.filter { !known.values.contains($0) }.map { ($0, header[$0]) } : [])

        let pieces = Self.pieces(of: bytes, from: bodyStart, pieceSize: pieceSize)
        // A piece holds at most one record per line: its line count fixes both the line it starts on
        // and a slot range in the result arrays that no other piece touches.
        let lineCounts = pieces.map { CSVTokenizer.lineBreaks(in: UnsafeBufferPointer(rebasing: bytes[$0])) + 1 }
        var firstLines = [bodyLine], slots = [0]
        for count in lineCounts.dropLast() {
            firstLines.append(firstLines.last! + count - 1)
            slots.append(slots.last! + count)
        }
        let capacity = slots.last! + lineCounts.last!
        progress?.start(units: bytes.count - bodyStart)
        let parsed = UnsafeMutableBufferPointer<Piece>.allocate(capacity: pieces.count)
        parsed.initialize(repeating: Piece())
        defer { parsed.deinitialize(); parsed.deallocate() }
        nonisolated(unsafe) let shared = parsed, input = bytes
        let lines = firstLines
        let notices = result.notices
        result = LoadResult.gathering(slotStarts: slots, capacity: capacity) { index, stations, origins in
            shared[index] = Self.parse(UnsafeBufferPointer(rebasing: input[pieces[index]]), firstLine: lines[index],
                                       columnCount: header.count, columns: columns, file: file, inputDatum: inputDatum,
                                       keepingSources: keepingSources, stations: stations, origins: origins)
            progress?.advance(by: pieces[index].count)
            return shared[index].count
        }
        result.notices = notices

        guard parsed.allSatisfy(\.isUTF8) else { return nil }
        for piece in parsed {
            result.errors += piece.errors
            result.sources += piece.sources
            result.unsplitRecords += piece.unsplitRecords
        }
        // Ids must be unique across the whole file, so duplicates are found once the pieces are joined.
        result.remove(result.duplicateIDs())
        return result
    }

    /// The stations, their lines and the bad records of one piece of a file.
    struct Piece {
        /// Stations written to the piece's slots.
        var count = 0
        var errors: [RecordError] = []
        /// Every record as written, when the caller keeps them.
        var sources: [SourceRecord] = []
        /// Records that could not be split into fields (see ``LoadResult/unsplitRecords``).
        var unsplitRecords: [RecordOrigin] = []
        /// False when the piece is not UTF-8; then nothing else in it was parsed.
        var isUTF8 = true
    }

    /// The first non-blank record, the byte offset after it and the line the rest starts on (nil for an
    /// empty file); `isUTF8` is false, and nothing else is set, when the header's bytes are not UTF-8.
    static func header(of bytes: UnsafeBufferPointer<UInt8>, file: String) throws(DataFileError)
        -> (header: ([String], Int, Int)?, isUTF8: Bool) {
        var start = 0, line = 1
        while start < bytes.count {
            let end = CSVTokenizer.recordStarts(in: bytes, atOrAfter: [start + 1])[0]
            let record = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard UTF8Validation.isValid(record) else { return (nil, false) }
            var fields: [String]?
            var overflow: CSVTokenizer.Overflow?
            do throws(CSVTokenizer.UnterminatedQuote) {
                try CSVTokenizer.forEachRecord(in: record, firstLine: line) { found in
                    fields = found.fields
                    overflow = found.overflow
                }
            } catch {
                throw DataFileError(file: file, reason: .unreadable, message:
                    "line \(error.line): the header's quoted field is never closed; add the missing '\"'")
            }
            if let overflow {
                throw DataFileError(file: file, reason: .unreadable, message: "line \(line), the header: \(overflow)")
            }
            line += CSVTokenizer.lineBreaks(in: record)
            if let fields { return ((fields, end, line), true) }
            start = end
        }
        return (nil, true)
    }

    /// Byte ranges, each starting at a record boundary, that together cover `bytes[start...]`.
    static func pieces(of bytes: UnsafeBufferPointer<UInt8>, from start: Int, pieceSize: Int) -> [Range<Int>] {
        let length = bytes.count - start
        // A few pieces per core balance the load; large files get more, so progress moves smoothly.
        let count = max(1, min(length / pieceSize, max(ProcessInfo.processInfo.activeProcessorCount * 4, length / (4 << 20))))
        let targets = (0..<count).map { start + length / count * $0 }
        let starts = CSVTokenizer.recordStarts(in: bytes, atOrAfter: targets) + [bytes.count]
        return (0..<count).map { starts[$0]..<starts[$0 + 1] }.filter { !$0.isEmpty }.ifEmpty([start..<start])
    }

    /// Parses one piece: each record validated, good ones initialised in `stations` and `origins`
    /// (room for one per line), bad ones reported.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, columnCount: Int, columns: ColumnMap,
                      file: String, inputDatum: Datum, keepingSources: Bool = false,
                      stations: UnsafeMutablePointer<Station>, origins: UnsafeMutablePointer<RecordOrigin>) -> Piece {
        var piece = Piece()
        guard UTF8Validation.isValid(bytes) else {
            piece.isUTF8 = false
            return piece
        }
        do throws(CSVTokenizer.UnterminatedQuote) {
            try CSVTokenizer.forEachRecord(in: bytes, firstLine: firstLine) { record in
                let line = record.line, fields = record.fields
                if let overflow = record.overflow {
                    // Its fields are not what the file holds: report it, and never use or rewrite it.
                    let origin = RecordOrigin(file: file, location: .line(line))
                    piece.errors.append(RecordError(file: file, location: .line(line), field: columns.name(of: overflow),
                                                    value: nil, message: overflow.description))
                    piece.unsplitRecords.append(origin)
                    return
                }
                if fields.count != columnCount {
                    // Kept as far as it goes, so an audit can still show what the row held.
                    if keepingSources {
                        piece.sources.append(SourceRecord(origin: RecordOrigin(file: file, location: .line(line)),
                                                          fields: Self.raw(fields, columns: columns, line: line)))
                    }
                    piece.errors.append(RecordError(file: file, location: .line(line), field: nil, value: nil, message:
                        "has \(fields.count) fields but the header has \(columnCount); a comma inside a value needs quotes"))
                    return
                }
                let raw = Self.raw(fields, columns: columns, line: line)
                if keepingSources {
                    piece.sources.append(SourceRecord(origin: RecordOrigin(file: file, location: .line(line)), fields: raw))
                }
                guard let station = raw.validated(file: file, location: .line(line), inputDatum: inputDatum,
                                                  errors: &piece.errors) else { return }
                (stations + piece.count).initialize(to: station)
                (origins + piece.count).initialize(to: RecordOrigin(file: file, location: .line(line)))
                piece.count += 1
            }
        } catch {
            // The records before the quote are kept; the rest of the file is one unfinished field.
            let lastLine = firstLine + CSVTokenizer.lineBreaks(in: bytes) - (bytes.last == UInt8(ascii: "\n") ? 1 : 0)
            let lost = lastLine > error.line ? "lines \(error.line)–\(lastLine)" : "line \(error.line)"
            piece.errors.append(RecordError(file: file, location: .line(error.line), field: nil, value: nil, message:
                "a quoted field opens on this line and is never closed, so the rest of the file (\(lost)) cannot be read; add the missing '\"'"))
            piece.unsplitRecords.append(RecordOrigin(file: file, location: .line(error.line)))
        }
        return piece
    }

    /// Maps each known field to its column; unknown columns become notices.
    static func columns(of header: [String], file: String, notices: inout [String]) throws(DataFileError) -> [String: Int] {
        var columns: [String: Int] = [:]
        for (position, rawName) in header.enumerated() {
            let name = rawName.trimmed().lowercased()
            if let field = headerNames.first(where: { $0.names.contains(name) })?.field {
                if columns[field] != nil {
                    throw DataFileError(file: file, reason: .unreadable, message: "line 1: column '\(field)' appears twice ('\(rawName)')")
                }
                columns[field] = position
            } else {
                notices.append("\(file), line 1: column '\(rawName)' is not part of the station format and is ignored")
            }
        }
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw DataFileError(file: file, reason: .unreadable, message:
                "line 1: missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); expected a header like: \(canonicalHeader)")
        }
        return columns
    }

    /// Column positions of the fields, looked up once per file rather than once per record.
    struct ColumnMap {
        let id, name, kind, lat, lon, amenities, address, province, city, openingHours, phone, `operator`, crs: Int?
        /// Columns outside the format (position, header name); filled only when sources are kept.
        let others: [(Int, String)]
        let count: Int
        /// The header's names, as written.
        let header: [String]

        init(_ columns: [String: Int], header: [String], others: [(Int, String)] = []) {
            self.others = others
            self.header = header
            count = header.count
            id = columns["id"]; name = columns["name"]; kind = columns["kind"]; lat = columns["lat"]; lon = columns["lon"]
            amenities = columns["amenities"]; address = columns["address"]; province = columns["province"]
            city = columns["city"]; openingHours = columns["opening_hours"]; phone = columns["phone"]
            `operator` = columns["operator"]; crs = columns["crs"]
        }

        /// The header name of the column an overflow is in, when it has one.
        func name(of overflow: CSVTokenizer.Overflow) -> String? {
            guard case .field(let index, _) = overflow, index < header.count else { return nil }
            return header[index]
        }
    }

    /// One record's fields by name; columns a short row lacks count as absent.
    static func raw(_ fields: [String], columns: ColumnMap, line: Int) -> RawStation {
        func value(_ column: Int?) -> String? { column.flatMap { $0 < fields.count ? fields[$0] : nil } }
        var raw = RawStation()
        // Registries without an id column get one from the line, stable for the same file.
        raw.id = columns.id == nil ? "line-\(line)" : value(columns.id)
        raw.name = value(columns.name) ?? ""
        raw.kind = value(columns.kind)
        raw.latitude = value(columns.lat).map(RawStation.Number.text) ?? .missing
        raw.longitude = value(columns.lon).map(RawStation.Number.text) ?? .missing
        raw.amenityList = value(columns.amenities)
        raw.address = value(columns.address) ?? ""
        raw.province = value(columns.province) ?? ""
        raw.city = value(columns.city) ?? ""
        raw.openingHours = value(columns.openingHours) ?? ""
        raw.phone = value(columns.phone) ?? ""
        raw.operator = value(columns.operator) ?? ""
        raw.crs = value(columns.crs)
        for (position, name) in columns.others where position < fields.count {
            raw.otherFields.append(RawStation.OtherField(name: name, value: fields[position]))
        }
        // Fields beyond the header (an unquoted comma) are kept too, so a cleaned copy loses nothing.
        if fields.count > columns.count {
            for position in columns.count..<fields.count {
                raw.otherFields.append(RawStation.OtherField(name: "field \(position + 1)", value: fields[position]))
            }
        }
        return raw
    }

    static let canonicalHeader = "id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator"
}

extension Array {
    fileprivate func ifEmpty(_ replacement: [Element]) -> [Element] { isEmpty ? replacement : self }
}
