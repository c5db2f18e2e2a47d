import StationKit

/// A record's amenity list entry by entry, empty entries included: the readers skip those
/// (``AmenitySet/forEachTag(in:_:)``) and merge repeated tags, so only the audit sees them.
enum AmenityEntries {
    /// The separators that end an entry. The readers also split on spaces, but a space beside a
    /// separator (`shower; toilet`) is padding, not an entry, so spaces count only as content here.
    /// `AmenityEntriesTests` checks that the readers split on each of these.
    static let separators: Set<Character> = [";", ",", "，", "、", "；", "|"]

    /// How many entries of the record's list are empty or blank: between two separators, before
    /// the first or after the last (`shower;;toilet`, `shower;`), or a blank string in a GeoJSON array.
    /// A list with no tag at all counts none: that is an empty list (`no-amenities`), not an empty entry.
    static func emptyCount(in raw: RawStation) -> Int {
        var values = raw.amenities
        if let list = raw.amenityList { values.append(list) }
        var empty = 0, tags = 0
        for value in values {
            // A lone blank value in an array is an empty entry; a blank CSV cell is no list at all.
            if value.trimmed().isEmpty {
                if raw.amenityList == nil { empty += 1 }
                continue
            }
            for entry in value.split(omittingEmptySubsequences: false, whereSeparator: separators.contains) {
                if isBlank(entry) { empty += 1 } else { tags += 1 }
            }
        }
        return tags == 0 ? 0 : empty
    }

    static func isBlank(_ text: Substring) -> Bool { text.allSatisfy { $0.isWhitespace } }

    /// The key two tags share when they name the same amenity: the canonical tag (`淋浴` and
    /// `shower` are one), else the text itself, trimmed and case-folded (`showr` twice is one too).
    static func key(_ tag: String) -> String {
        (try? Amenity(parsing: tag))?.rawValue ?? tag.trimmed().lowercased()
    }

    /// The tags as the readers see them, each amenity only at its first mention.
    static func withoutRepeats(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.filter { seen.insert(key($0)).inserted }
    }

    /// The list as written: the CSV cell, or the GeoJSON array as compact JSON.
    static func written(_ raw: RawStation) -> String {
        if let list = raw.amenityList { return list }
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in raw.amenities.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `raw` with its list replaced by `tags` (what `--fix` would write, for suggestions).
    static func with(_ tags: [String], in raw: RawStation) -> RawStation {
        var fixed = raw
        set(tags, in: &fixed)
        return fixed
    }

    /// Replaces the list with `tags`: one `;`-separated cell (the interchange format's separator) in
    /// CSV, one element per tag in GeoJSON.
    static func set(_ tags: [String], in raw: inout RawStation) {
        if raw.amenityList != nil {
            raw.amenityList = tags.joined(separator: ";")
        } else {
            raw.amenities = tags
        }
    }
}
