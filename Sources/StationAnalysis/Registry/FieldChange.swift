import StationKit

/// One field that differs between two records of the same station.
public struct FieldChange: Sendable, Hashable {
    /// The interchange format's name of the field (`name`, `kind`, `amenities`, `opening_hours`, …).
    public var field: String
    /// The values as the two records hold them (amenities as `a;b`, in vocabulary order).
    public var old: String
    public var new: String
    /// For `amenities`: what the new record has that the old lacks, and the reverse.
    public var gained: AmenitySet = []
    public var lost: AmenitySet = []

    /// The fields that differ between `old` and `new`, in the interchange format's column order;
    /// positions are compared apart (a move has a distance, not two texts).
    public static func between(_ old: Station, _ new: Station) -> [FieldChange] {
        var changes: [FieldChange] = []
        func compare(_ field: String, _ a: String, _ b: String) {
            if a != b { changes.append(FieldChange(field: field, old: a, new: b)) }
        }
        compare("name", old.name, new.name)
        compare("kind", old.kind.rawValue, new.kind.rawValue)
        if old.amenities != new.amenities {
            changes.append(FieldChange(field: "amenities", old: old.amenities.description, new: new.amenities.description,
                                       gained: new.amenities.subtracting(old.amenities), lost: old.amenities.subtracting(new.amenities)))
        }
        compare("address", old.address, new.address)
        compare("province", old.province, new.province)
        compare("city", old.city, new.city)
        compare("opening_hours", old.openingHours, new.openingHours)
        compare("phone", old.phone, new.phone)
        compare("operator", old.operator, new.operator)
        return changes
    }
}
