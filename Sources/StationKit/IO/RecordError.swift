/// Where in an input a record came from: a CSV line or a GeoJSON feature.
public enum RecordLocation: Hashable, Sendable, CustomStringConvertible {
    /// 1-based physical line of a CSV file (the header is line 1).
    case line(Int)
    /// 0-based index into a GeoJSON `features` array.
    case feature(Int)

    public var description: String {
        switch self {
        case .line(let line): "line \(line)"
        case .feature(let index): "feature \(index)"
        }
    }
}

/// One bad record: which file, where, which field, what value, and what is wrong with it.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: RecordLocation
    /// The field (column or property) at fault, in the interchange format's English name.
    public var field: String?
    /// The offending value as written.
    public var value: String?
    /// What is wrong, and where possible how to fix it.
    public var message: String

    public init(file: String, location: RecordLocation, field: String?, value: String?, message: String) {
        self.file = file
        self.location = location
        self.field = field
        self.value = value.map(Self.excerpt)
        self.message = message
    }

    /// Values quoted in messages are cut to this many bytes: a damaged file can hold a
    /// field of hundreds of megabytes, and a one-line message must stay one line.
    public static let quotedValueLimit = 200

    /// `value`, or its start and its length when it is longer than ``quotedValueLimit`` bytes.
    public static func excerpt(_ value: String) -> String {
        let length = value.utf8.count
        guard length > quotedValueLimit else { return value }
        // Cut at a character boundary, so the excerpt is still valid text.
        var end = value.utf8.index(value.utf8.startIndex, offsetBy: quotedValueLimit - 40)
        while value.utf8[end] & 0xC0 == 0x80 { end = value.utf8.index(before: end) }
        return String(value[..<end]) + "… (\(length) bytes in all)"
    }

    /// `file, line 7, field 'lat', value '91.5': latitude must be between -90 and 90`
    public var description: String {
        var text = "\(file), \(location)"
        if let field { text += ", field '\(field)'" }
        if let value { text += ", value '\(value)'" }
        return text + ": " + message
    }
}

/// A whole input that cannot be read at all.
public struct DataFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The file does not exist or cannot be opened (sysexits 66).
        case missing
        /// The content is not in a format we read (sysexits 65).
        case unreadable
    }

    public var file: String
    public var reason: Reason
    public var message: String

    public init(file: String, reason: Reason, message: String) {
        self.file = file
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// Stations read from one or more inputs, and every record that could not be used.
public struct LoadResult: Sendable {
    public var stations: [Station]
    /// Where each station came from, parallel to ``stations``.
    public var origins: [RecordOrigin]
    public var errors: [RecordError]
    /// Remarks about whole files that lose nothing but deserve a word (an ignored column, a converted encoding).
    public var notices: [String]
    /// Every record as written, good or bad, in file order; filled only when the loader is asked to
    /// keep them (audits need what the user wrote, not just what survived validation).
    public var sources: [SourceRecord] = []
    /// Records the reader could not even split into fields (a quote never closed, which takes the
    /// rest of the file with it; a field or record beyond the tokenizer's limits). Each is in
    /// ``errors`` too; they are listed apart because no copy of the file can reproduce them, so a
    /// cleaned copy (`audit --fix`) must not be written while there are any.
    public var unsplitRecords: [RecordOrigin] = []

    public init(stations: [Station] = [], origins: [RecordOrigin] = [], errors: [RecordError] = [], notices: [String] = []) {
        precondition(origins.count == stations.count, "one origin per station")
        self.stations = stations
        self.origins = origins
        self.errors = errors
        self.notices = notices
    }

    /// Appends a station read from `origin`.
    mutating func append(_ station: Station, from origin: RecordOrigin) {
        stations.append(station)
        origins.append(origin)
    }

    /// Appends another result.
    public mutating func append(_ other: LoadResult) {
        stations += other.stations
        origins += other.origins
        errors += other.errors
        notices += other.notices
        sources += other.sources
        unsplitRecords += other.unsplitRecords
    }
}

/// The file and record a station was read from.
public struct RecordOrigin: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: RecordLocation

    public init(file: String, location: RecordLocation) {
        self.file = file
        self.location = location
    }

    public var description: String { "\(file), \(location)" }
}

/// One record exactly as its file gave it, with where it came from.
public struct SourceRecord: Sendable, Hashable {
    public var origin: RecordOrigin
    public var fields: RawStation

    public init(origin: RecordOrigin, fields: RawStation) {
        self.origin = origin
        self.fields = fields
    }
}
