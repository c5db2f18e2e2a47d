/// One row of a batch file: a position to answer, or why it cannot be answered.
public struct BatchPoint: Sendable, Hashable {
    /// The physical line the row starts on.
    public var line: Int
    /// The row's `id`, or `line-N` when the file has no id column.
    public var id: String
    /// Nil exactly when ``error`` is set.
    public var point: Coordinate?
    /// The row's own `need`, added to the query's.
    public var need: AmenitySet
    /// What is wrong with the row, naming its line (and field); nil for a good row.
    public var error: String?
}

/// Reads the positions of `stations near --batch`: CSV with a header naming `lat` and `lon`
/// (`纬度`, `经度`), optionally `id` and `need`. Structural problems (not UTF-8, no header, a quote
/// never closed) are fatal; a bad value becomes a row with an error, so no row disappears.
public enum BatchPointReader {
    /// Parses the bytes of a batch file; `file` names it in messages.
    /// - Throws: ``DataFileError`` (`.unreadable`) when the file as a whole cannot be read.
    public static func read(_ bytes: [UInt8], file: String) throws(DataFileError) -> [BatchPoint] {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else {
            throw DataFileError(file: file, reason: .unreadable, message:
                "not UTF-8 text; convert it, e.g. iconv -f GB18030 -t UTF-8 '\(file)' > points-utf8.csv")
        }
        func unclosed(_ error: CSVTokenizer.UnterminatedQuote) -> DataFileError {
            DataFileError(file: file, reason: .unreadable, message:
                "line \(error.line): a quoted field is never closed, so the rest of the file would be one field; add the missing '\"'")
        }
        let found: CSVTokenizer.Header?
        do throws(CSVTokenizer.UnterminatedQuote) { found = try CSVTokenizer.header(of: text) } catch { throw unclosed(error) }
        guard let header = found else {
            throw DataFileError(file: file, reason: .unreadable, message: "empty; expected a header id,lat,lon[,need]")
        }
        let at = "line \(header.record.line)"
        if let overflow = header.record.overflow {
            throw DataFileError(file: file, reason: .unreadable, message: "\(at), the header: \(overflow)")
        }
        let names = header.record.fields.map { $0.trimmed().lowercased() }
        func column(_ options: [String]) -> Int? { names.firstIndex(where: options.contains) }
        guard let lat = column(["lat", "latitude", "纬度"]), let lon = column(["lon", "lng", "longitude", "经度"]) else {
            throw DataFileError(file: file, reason: .unreadable, message:
                "\(at): needs columns lat and lon (header id,lat,lon[,need]); found \(RecordError.excerpt(header.record.fields.joined(separator: ",")))")
        }
        let columns = Columns(count: names.count, lat: lat, lon: lon, id: column(["id", "编号"]), need: column(["need", "设施"]))
        // Rows are tokenized and parsed on all cores: on a 100,000-row file this was most of a
        // batch's time.
        do throws(CSVTokenizer.UnterminatedQuote) {
            return try CSVTokenizer.mapRecordsOnAllCores(in: text, from: header.bodyStart, firstLine: header.bodyLine) {
                point(from: $0, columns: columns)
            }
        } catch {
            throw unclosed(error)
        }
    }

    /// Where the fields of a row are.
    struct Columns {
        var count, lat, lon: Int
        var id, need: Int?
    }

    /// One row from its record; a bad value becomes the row's error.
    static func point(from record: CSVTokenizer.Record, columns: Columns) -> BatchPoint {
        let fields = record.fields
        // After an overflow, `fields` still holds the fields before it, the id among them perhaps.
        let id = columns.id.flatMap { $0 < fields.count ? fields[$0] : nil }
        var row = BatchPoint(line: record.line, id: id ?? "line-\(record.line)", point: nil, need: [])
        if let overflow = record.overflow {
            row.error = "line \(record.line): \(overflow)"
            return row
        }
        guard fields.count == columns.count else {
            row.error = "line \(record.line) has \(fields.count) fields, the header \(columns.count)"
            return row
        }
        do {
            row.point = try Coordinate(parsingLatitude: fields[columns.lat], longitude: fields[columns.lon])
        } catch {
            row.error = "line \(record.line): \(error.message)"
        }
        if let column = columns.need {
            do { row.need = try AmenitySet(parsingList: fields[column]) } catch {
                row.error = "line \(record.line), field 'need': \(error)"
                row.point = nil
            }
        }
        return row
    }
}
