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
        let separators: Set<Character> = [";", ",", "，", "、", "；", "|", " ", "\u{3000}"]
        return text.split(whereSeparator: { separators.contains($0) }).map(String.init).filter { !$0.isEmpty }
    }

    /// Whether the set holds `amenity`.
    public func contains(_ amenity: Amenity) -> Bool { rawValue & amenity.bit != 0 }

    /// Inserts one amenity.
    public mutating func insert(_ amenity: Amenity) { formUnion(AmenitySet(rawValue: amenity.bit)) }

    /// The amenities in canonical (vocabulary) order.
    public var members: [Amenity] { Amenity.allCases.filter { contains($0) } }

    /// Canonical tags joined with `;`, as in the CSV interchange format.
    public var description: String { members.map(\.rawValue).joined(separator: ";") }
}
