import StationKit

/// Applies the unambiguous fixes to one record's raw fields and lists every change: trimmed
/// spaces, canonical kind and amenity tags, empty and repeated amenity entries dropped, opening
/// hours in standard spelling, quoted GeoJSON coordinates and numeric ids written as a number and
/// a string, swapped coordinates put right, declared GCJ-02/BD-09 converted to WGS84. Nothing else
/// is ever changed, and no record is ever dropped.
struct RecordFixer {
    /// A text field of ``RawStation`` by its interchange name.
    struct TextField: Sendable {
        let name: String
        let get: @Sendable (RawStation) -> String?
        let set: @Sendable (inout RawStation, String) -> Void
    }

    static let textFields: [TextField] = [
        TextField(name: "id", get: { $0.id }, set: { $0.id = $1 }),
        TextField(name: "name", get: { $0.name }, set: { $0.name = $1 }),
        TextField(name: "kind", get: { $0.kind }, set: { $0.kind = $1 }),
        TextField(name: "lat", get: { if case .text(let t) = $0.latitude { t } else { nil } }, set: { $0.latitude = .text($1) }),
        TextField(name: "lon", get: { if case .text(let t) = $0.longitude { t } else { nil } }, set: { $0.longitude = .text($1) }),
        TextField(name: "amenities", get: { $0.amenityList ?? ($0.amenities.contains { $0 != $0.trimmed() } ? $0.amenities.joined(separator: ";") : nil) },
                  set: { raw, _ in
                      if let list = raw.amenityList { raw.amenityList = list.trimmed() }
                      raw.amenities = raw.amenities.map { $0.trimmed() }
                  }),
        TextField(name: "address", get: { $0.address }, set: { $0.address = $1 }),
        TextField(name: "province", get: { $0.province }, set: { $0.province = $1 }),
        TextField(name: "city", get: { $0.city }, set: { $0.city = $1 }),
        TextField(name: "opening_hours", get: { $0.openingHours }, set: { $0.openingHours = $1 }),
        TextField(name: "phone", get: { $0.phone }, set: { $0.phone = $1 }),
        TextField(name: "operator", get: { $0.operator }, set: { $0.operator = $1 }),
        TextField(name: "crs", get: { $0.crs }, set: { $0.crs = $1 }),
    ]

    /// The fixed fields and the changes, given the ids of the fixable rules that flagged the record
    /// and the datum its coordinates were read in (nil when the record is not a valid station).
    static func fix(_ record: SourceRecord, flaggedBy rules: Set<String>, datum: Datum?) -> (RawStation, [AuditChange]) {
        var raw = record.fields
        var changes: [AuditChange] = []
        func change(_ rule: String, _ field: String, _ from: String, _ to: String) {
            guard from != to else { return }
            changes.append(AuditChange(file: record.origin.file, location: record.origin.location, recordID: raw.trimmedID,
                                       rule: rule, field: field, from: from, to: to))
        }
        if rules.contains(WhitespaceRule.id) {
            for field in textFields {
                guard let value = field.get(raw), value != value.trimmed() else { continue }
                field.set(&raw, value.trimmed())
                change(WhitespaceRule.id, field.name, value, field.get(raw) ?? value.trimmed())
            }
        }
        // Before the canonical tags, which rewrite the list from its tags: each change is then
        // listed under the rule that asked for it.
        if rules.contains(EmptyAmenityRule.id) {
            let before = AmenityEntries.written(raw)
            AmenityEntries.set(raw.amenityTags, in: &raw)
            change(EmptyAmenityRule.id, "amenities", before, AmenityEntries.written(raw))
        }
        if rules.contains(RepeatedAmenityRule.id) {
            let before = AmenityEntries.written(raw)
            AmenityEntries.set(AmenityEntries.withoutRepeats(raw.amenityTags), in: &raw)
            change(RepeatedAmenityRule.id, "amenities", before, AmenityEntries.written(raw))
        }
        if rules.contains(NumericIDRule.id), raw.idIsNumber, let id = raw.id {
            // The same text, now a string: the id the readers saw does not change.
            raw.idIsNumber = false
            change(NumericIDRule.id, "id", id, CoordinateAsStringRule.quoted(id))
        }
        if rules.contains(CoordinateAsStringRule.id) {
            for (field, keyPath) in [("lon", \RawStation.longitude), ("lat", \RawStation.latitude)] {
                let value = raw[keyPath: keyPath]
                guard let text = CoordinateAsStringRule.quotedNumber(value), let number = value.number,
                      let json = CleanedRecords.jsonNumber(value) else { continue }
                raw[keyPath: keyPath] = .value(number, written: json)
                change(CoordinateAsStringRule.id, field, CoordinateAsStringRule.quoted(text), json)
            }
        }
        if rules.contains(NonCanonicalTagRule.id) {
            if let text = raw.kind, let kind = Kind(parsing: text) {
                raw.kind = kind.rawValue
                change(NonCanonicalTagRule.id, "kind", text, kind.rawValue)
            }
            let before = raw.amenityTags.joined(separator: ";")
            func canonical(_ tag: String) -> String { (try? Amenity(parsing: tag))?.rawValue ?? tag }
            if let list = raw.amenityList {
                var tags: [String] = []
                AmenitySet.forEachTag(in: list) { tags.append(canonical($0)) }
                raw.amenityList = tags.joined(separator: ";")
            }
            raw.amenities = raw.amenities.map { value in
                var tags: [String] = []
                AmenitySet.forEachTag(in: value) { tags.append(canonical($0)) }
                return tags.joined(separator: ";")
            }
            change(NonCanonicalTagRule.id, "amenities", before, raw.amenityTags.joined(separator: ";"))
        }
        if rules.contains(NonStandardOpeningHoursRule.id), case .success(let hours) = OpeningHours.parse(raw.openingHours) {
            let before = raw.openingHours
            raw.openingHours = hours.normalized
            change(NonStandardOpeningHoursRule.id, "opening_hours", before, hours.normalized)
        }
        if rules.contains(SwappedCoordinatesRule.id) {
            let (latitude, longitude) = (raw.latitude, raw.longitude)
            raw.latitude = longitude
            raw.longitude = latitude
            change(SwappedCoordinatesRule.id, "lat,lon", "\(latitude.written ?? ""),\(longitude.written ?? "")",
                   "\(raw.latitude.written ?? ""),\(raw.longitude.written ?? "")")
        }
        if rules.contains(DeclaredDatumRule.id), let datum, datum != .wgs84, let (latitude, longitude) = raw.writtenPosition {
            let wgs84 = Coordinate(latitude: latitude, longitude: longitude).converted(from: datum, to: .wgs84)
            let before = "\(raw.latitude.written ?? ""),\(raw.longitude.written ?? "") (\(datum.rawValue))"
            // Seven decimals: 1 cm, finer than any source, so the conversion loses nothing.
            let (lat, lon) = (formatDecimal(wgs84.latitude, places: 7), formatDecimal(wgs84.longitude, places: 7))
            raw.latitude = .value(wgs84.latitude, written: lat)
            raw.longitude = .value(wgs84.longitude, written: lon)
            raw.crs = Datum.wgs84.rawValue
            change(DeclaredDatumRule.id, "lat,lon", before, "\(lat),\(lon) (wgs84)")
        }
        return (raw, changes)
    }
}
