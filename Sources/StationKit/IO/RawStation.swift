/// A record's fields as written, before validation; shared by the CSV and GeoJSON readers so
/// both apply exactly the same rules and messages, and kept for audits (``SourceRecord``).
public struct RawStation: Sendable, Hashable {
    /// A coordinate value: absent, a JSON number, text that should hold a number (CSV), or a JSON
    /// string where a number belongs (GeoJSON).
    public enum Number: Sendable, Hashable {
        case missing
        /// A JSON number and its text as written.
        case value(Double, written: String)
        case text(String)
        /// A JSON string in a GeoJSON position (`"112.5"`), without its quotes. RFC 7946 positions
        /// are numbers, so validation rejects it even when it holds one; kept apart from ``text``
        /// so the audit can say so and `--fix` can write the number.
        case string(String)

        /// The value as the user wrote it; nil when absent.
        public var written: String? {
            switch self {
            case .missing: nil
            case .value(_, let written): written
            case .text(let text), .string(let text): text
            }
        }

        /// The number, when it is one (text is parsed after trimming).
        public var number: Double? {
            switch self {
            case .missing: nil
            case .value(let value, _): value
            case .text(let text), .string(let text): DecimalParsing.fastValue(text.trimmed()) ?? Double(text.trimmed())
            }
        }
    }

    public init() {}

    public var id: String?
    /// Whether the id was a JSON number (`"id": 17`, which RFC 7946 allows); ``id`` is then its
    /// text as written. Ids are compared as text, so the audit points this out.
    public var idIsNumber = false
    public var name = ""
    public var kind: String?
    public var latitude = Number.missing
    public var longitude = Number.missing
    /// Amenity values as GeoJSON gives them (each may still hold a list).
    public var amenities: [String] = []
    /// The amenity list as one text, as CSV gives it.
    public var amenityList: String?
    public var address = ""
    public var province = ""
    public var city = ""
    public var openingHours = ""
    public var phone = ""
    public var `operator` = ""
    public var crs: String?
    /// Columns or properties that are not part of the station format (a registry's own 备注 column,
    /// fields beyond the header), as name and text; kept only so cleaned copies lose nothing.
    public var otherFields: [OtherField] = []

    /// One field outside the station format.
    public struct OtherField: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Validates every field; returns the station, or nil after appending one error per bad field.
    /// `inputDatum` is the datum of records without their own `crs`; positions are converted to WGS84.
    public func validated(file: String, location: RecordLocation, inputDatum: Datum = .wgs84,
                   errors: inout [RecordError]) -> Station? {
        var problems: [RecordError] = []
        func fail(_ field: String, _ value: String?, _ message: String) {
            problems.append(RecordError(file: file, location: location, field: field, value: value, message: message))
        }

        let id = (self.id ?? "").trimmed()
        if id.isEmpty { fail("id", self.id ?? "", "every station needs an id") }

        var kind: Kind?
        if let text = self.kind, !text.trimmed().isEmpty {
            kind = Kind(parsing: text)
            if kind == nil {
                fail("kind", text, "unknown kind; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        } else {
            fail("kind", self.kind ?? "", "missing kind; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        let latitude = Self.number(self.latitude, field: "lat", range: 90, fail: fail)
        let longitude = Self.number(self.longitude, field: "lon", range: 180, fail: fail)

        var amenities = AmenitySet()
        func add(_ tag: String) {
            do { amenities.insert(try Amenity(parsing: tag)) } catch { fail("amenities", tag, error.description) }
        }
        for value in self.amenities { AmenitySet.forEachTag(in: value, add) }
        if let amenityList { AmenitySet.forEachTag(in: amenityList, add) }

        // A record's own crs wins over the file's.
        var datum = inputDatum
        if let crs = self.crs?.trimmed(), !crs.isEmpty {
            if let parsed = Datum(parsing: crs) { datum = parsed } else { fail("crs", crs, "unknown datum; use wgs84, gcj02 or bd09") }
        }

        guard problems.isEmpty, let kind, let latitude, let longitude else {
            errors += problems
            return nil
        }
        return Station(
            id: id, name: name.trimmed(), kind: kind,
            coordinate: Coordinate(latitude: latitude, longitude: longitude).converted(from: datum, to: .wgs84),
            amenities: amenities,
            address: address.trimmed(), province: province.trimmed(), city: city.trimmed(),
            openingHours: openingHours.trimmed(), phone: phone.trimmed(), operator: `operator`.trimmed(),
            sourceDatum: datum)
    }

    private static func number(_ raw: Number, field: String, range: Double,
                               fail: (String, String?, String) -> Void) -> Double? {
        let name = field == "lat" ? "latitude" : "longitude"
        let value: Double
        // Errors quote the value as the user wrote it ("91.5", "NaN"), not as Swift would print it.
        let written: String
        switch raw {
        case .missing:
            fail(field, nil, "missing \(name)")
            return nil
        case .text(let text), .string(let text):
            let trimmed = text.trimmed()
            guard !trimmed.isEmpty else { fail(field, text, "missing \(name)"); return nil }
            guard let parsed = DecimalParsing.fastValue(trimmed) ?? Double(trimmed) else { fail(field, text, "\(name) is not a number"); return nil }
            if case .string = raw, parsed.isFinite {
                // Quoted, the value is what it says but not what the format says: other GeoJSON
                // tools reject it or read it differently, so it is not used until written as a number.
                var quoted: [UInt8] = []
                JSONValue.writeString(text, to: &quoted)
                fail(field, String(decoding: quoted, as: UTF8.self),
                     "\(name) is a string, not a number; write it as a number, without quotes")
                return nil
            }
            value = parsed
            written = text
        case .value(let parsed, let text):
            value = parsed
            written = text
        }
        guard value.isFinite else { fail(field, written, "\(name) is not a finite number"); return nil }
        guard abs(value) <= range else {
            fail(field, written, "\(name) must be between -\(Int(range)) and \(Int(range))")
            return nil
        }
        return value
    }
}
