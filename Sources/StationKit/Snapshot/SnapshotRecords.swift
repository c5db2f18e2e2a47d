/// The station records of a mapped snapshot, decoded one at a time on request.
///
/// Opening a snapshot must not build a million `Station` values, so the records stay bytes:
/// positions in a flat array (what the final distances need), the fixed fields packed in one word
/// per station, and the text fields in the `records` section, framed by an offset table. Opening
/// does not read these sections (only `verify` checks them), so decoding trusts none of their
/// values: offsets and lengths are clamped to the section and to the record, invalid UTF-8 is
/// replaced, an unknown kind or datum code reads as the first one, and the search skips a
/// station whose position is not a valid coordinate. Damage gives wrong text, never a trap.
struct SnapshotRecords: @unchecked Sendable {
    /// Latitude and longitude of each station, interleaved.
    let coordinates: UnsafeBufferPointer<Double>
    /// Per station: amenity bits 0–23, kind at 24–25, datum at 26–27 (``StationInfo``).
    let info: UnsafeBufferPointer<UInt32>
    /// `offsets[i] ..< offsets[i + 1]` are station `i`'s bytes in ``text``.
    let offsets: UnsafeBufferPointer<UInt64>
    let text: UnsafeRawBufferPointer
    /// Keeps the mapping alive as long as any copy of the records (a ``StationList``) exists.
    let mapping: MappedFile

    var count: Int { info.count }

    @inline(__always)
    func coordinate(at station: Int) -> Coordinate {
        Coordinate(latitude: coordinates[2 * station], longitude: coordinates[2 * station + 1])
    }

    /// The id of station `station` (its record's first field).
    func id(at station: Int) -> String {
        precondition(station >= 0 && station < count, "station \(station) out of range 0..<\(count)")
        var reader = RecordFieldReader(text, start: Int(clamping: offsets[station]), end: Int(clamping: offsets[station + 1]))
        return reader.next()
    }

    /// Decodes station `station`.
    func station(at station: Int) -> Station {
        precondition(station >= 0 && station < count, "station \(station) out of range 0..<\(count)")
        let fixed = StationInfo(rawValue: info[station])
        var reader = RecordFieldReader(text, start: Int(clamping: offsets[station]), end: Int(clamping: offsets[station + 1]))
        let id = reader.next(), name = reader.next(), address = reader.next(), province = reader.next()
        let city = reader.next(), hours = reader.next(), phone = reader.next(), owner = reader.next()
        return Station(id: id, name: name, kind: fixed.kind, coordinate: coordinate(at: station), amenities: fixed.amenities,
                       address: address, province: province, city: city, openingHours: hours, phone: phone,
                       operator: owner, sourceDatum: fixed.datum)
    }

    /// Whether station `station`'s text fields exactly fill its record and are valid UTF-8 (for `verify`).
    func recordIsWellFormed(_ station: Int) -> Bool {
        var reader = RecordFieldReader(text, start: Int(clamping: offsets[station]), end: Int(clamping: offsets[station + 1]))
        for _ in 0..<StationRecordCodec.fieldCount {
            guard let field = reader.nextBytes(), UTF8Validation.isValid(field.bindMemory(to: UInt8.self)) else { return false }
        }
        return reader.isAtEnd
    }
}

/// The fixed fields of a station packed in one little-endian word (the `station-info` section).
struct StationInfo {
    let rawValue: UInt32

    init(rawValue: UInt32) { self.rawValue = rawValue }

    init(_ station: Station) {
        rawValue = station.amenities.rawValue | UInt32(Self.code(of: station.kind)) << 24 | UInt32(Self.code(of: station.sourceDatum)) << 26
    }

    /// Bits no station sets: a word with any of them is damage.
    static let unusedBits: UInt32 = 0xF000_0000 | (0x00FF_FFFF & ~AmenitySet(Amenity.allCases).rawValue)

    /// Whether the word names a real kind and datum and no unknown amenity.
    var isValid: Bool { rawValue & Self.unusedBits == 0 && rawValue >> 24 & 3 < 3 && rawValue >> 26 & 3 < 3 }

    var amenities: AmenitySet { AmenitySet(rawValue: rawValue & 0x00FF_FFFF) }

    /// The kind; a damaged word's unknown code reads as the first kind.
    var kind: Kind {
        switch rawValue >> 24 & 3 {
        case 1: .driverHome
        case 2: .carnationStation
        default: .outdoorWorkerStation
        }
    }

    var datum: Datum {
        switch rawValue >> 26 & 3 {
        case 1: .gcj02
        case 2: .bd09
        default: .wgs84
        }
    }

    /// File codes, spelled out so that reordering the Swift enums cannot change the format.
    static func code(of kind: Kind) -> Int {
        switch kind {
        case .outdoorWorkerStation: 0
        case .driverHome: 1
        case .carnationStation: 2
        }
    }

    static func code(of datum: Datum) -> Int {
        switch datum {
        case .wgs84: 0
        case .gcj02: 1
        case .bd09: 2
        }
    }
}

/// Reads a record's text fields: each an unsigned LEB128 byte length, then that many UTF-8 bytes.
/// Never reads outside `start ..< end`, whatever the bytes say.
struct RecordFieldReader {
    let text: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    init(_ text: UnsafeRawBufferPointer, start: Int, end: Int) {
        self.text = text
        // Offsets come from the file unchecked: a damaged one reads less, never out of bounds.
        self.end = min(max(end, 0), text.count)
        position = min(max(start, 0), self.end)
    }

    var isAtEnd: Bool { position == end }

    /// The next field's bytes, or nil when its length is malformed or runs past the record.
    mutating func nextBytes() -> UnsafeRawBufferPointer? {
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { return nil }
            let byte = text[position]
            position += 1
            length |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard length <= UInt64(end - position) else { return nil }
        let field = UnsafeRawBufferPointer(rebasing: text[position..<position + Int(length)])
        position += Int(length)
        return field
    }

    /// The next field as a string; damaged framing gives an empty string, damaged UTF-8 gets U+FFFD.
    mutating func next() -> String {
        guard let bytes = nextBytes() else {
            position = end
            return ""
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Encodes the text fields of stations into the `records` section.
enum StationRecordCodec {
    /// id, name, address, province, city, opening_hours, phone, operator.
    static let fieldCount = 8

    /// Calls `body` with each text field in file order (no array per station: a million are encoded).
    @inline(__always)
    static func forEachField(of station: Station, _ body: (String) -> Void) {
        body(station.id)
        body(station.name)
        body(station.address)
        body(station.province)
        body(station.city)
        body(station.openingHours)
        body(station.phone)
        body(station.operator)
    }

    /// Bytes `station`'s record takes.
    static func encodedLength(of station: Station) -> Int {
        var total = 0
        forEachField(of: station) { field in
            let count = field.utf8.count
            total += lengthOfLength(count) + count
        }
        return total
    }

    /// Writes `station`'s record at `destination`, which has room for ``encodedLength(of:)`` bytes.
    static func encode(_ station: Station, to destination: UnsafeMutableRawPointer) {
        var at = destination
        forEachField(of: station) { field in
            var field = field
            var count = UInt64(field.utf8.count)
            repeat {
                let low = UInt8(count & 0x7F)
                count >>= 7
                at.storeBytes(of: count == 0 ? low : low | 0x80, as: UInt8.self)
                at += 1
            } while count != 0
            field.withUTF8 { bytes in
                if let base = bytes.baseAddress { at.copyMemory(from: base, byteCount: bytes.count) }
                at += bytes.count
            }
        }
    }

    private static func lengthOfLength(_ count: Int) -> Int {
        var bytes = 1, rest = count >> 7
        while rest != 0 { bytes += 1; rest >>= 7 }
        return bytes
    }
}
