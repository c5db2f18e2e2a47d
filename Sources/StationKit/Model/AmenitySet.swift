/// A set of amenities stored as a bitmask, so "has all of these" is one AND and one compare.
public struct AmenitySet: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The set holding exactly `amenities`.
    public init<S: Sequence>(_ amenities: S) where S.Element == Amenity {
        self.init(rawValue: amenities.reduce(0) { $0 | $1.bit })
    }

    /// Parses a list such as `shower;toilet`, `淋浴,厕所` or `shower toilet` (separators `;` `,` `，` `、` `|` and spaces).
    /// - Throws: ``UnknownAmenityError`` for the first unknown tag.
    public init(parsingList text: String) throws(UnknownAmenityError) {
        var set = AmenitySet()
        for part in AmenitySet.splitList(text) {
            set.insert(try Amenity(parsing: part))
        }
        self = set
    }

    /// Splits an amenity list on every separator registries use.
    static func splitList(_ text: String) -> [String] {
        var tags: [String] = []
        forEachTag(in: text) { tags.append($0) }
        return tags
    }

    /// Calls `body` with each tag of a list, split on every separator registries use; empty pieces skipped.
    public static func forEachTag(in text: String, _ body: (String) -> Void) {
        // The interchange format's own `a;b;c` splits on bytes without building an array; lists with
        // other separators (Chinese punctuation, spaces) take the general path.
        var text = text
        let split = text.withUTF8 { bytes -> Bool in
            for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "|") {
                return false
            }
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: ";") { end += 1 }
                if start < end { body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
                start = end + 1
            }
            return true
        }
        guard !split else { return }
        for part in text.split(whereSeparator: { separators.contains($0) }) { body(String(part)) }
    }

    private static let separators: Set<Character> = [";", ",", "，", "、", "；", "|", " ", "\u{3000}"]

    /// Whether the set holds `amenity`.
    public func contains(_ amenity: Amenity) -> Bool { rawValue & amenity.bit != 0 }

    /// Inserts one amenity.
    public mutating func insert(_ amenity: Amenity) { formUnion(AmenitySet(rawValue: amenity.bit)) }

    /// The amenities in canonical (vocabulary) order.
    public var members: [Amenity] { Amenity.allCases.filter { contains($0) } }

    /// Canonical tags joined with `;`, as in the CSV interchange format.
    public var description: String { members.map(\.rawValue).joined(separator: ";") }
}
