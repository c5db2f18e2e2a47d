/// The three kinds of station, with the canonical English tag used in files and on the command line.
public enum Kind: String, CaseIterable, Sendable, Hashable, Comparable {
    /// 户外劳动者服务站点 / 工会驿站: rest, water, warmth and cool for outdoor workers.
    case outdoorWorkerStation = "outdoor-worker-station"
    /// 司机之家: parking, meals, showers and sleep for truck drivers.
    case driverHome = "driver-home"
    /// 康乃馨服务站: lactation rooms and care for women workers.
    case carnationStation = "carnation-station"

    /// The name Chinese registries use.
    public var chineseName: String {
        switch self {
        case .outdoorWorkerStation: "户外劳动者服务站点"
        case .driverHome: "司机之家"
        case .carnationStation: "康乃馨服务站"
        }
    }

    /// Other spellings accepted on input (registries mix them freely).
    static let aliases: [String: Kind] = {
        var table: [String: Kind] = [:]
        let extra: [Kind: [String]] = [
            .outdoorWorkerStation: ["outdoor", "outdoor-worker", "户外劳动者服务站点", "户外劳动者服务站", "工会驿站", "爱心驿站", "驿站"],
            .driverHome: ["driver", "司机之家", "货车司机之家"],
            .carnationStation: ["carnation", "康乃馨服务站", "妈妈驿站", "爱心妈咪小屋"],
        ]
        for kind in Kind.allCases {
            table[kind.rawValue] = kind
            for alias in extra[kind] ?? [] { table[alias] = kind }
        }
        return table
    }()

    /// Parses a canonical tag or an alias, English or Chinese, ignoring case and surrounding spaces.
    public init?(parsing text: String) {
        if let exact = Kind(rawValue: text) {
            self = exact
            return
        }
        guard let kind = Kind.aliases[text.trimmed().lowercased()] else { return nil }
        self = kind
    }

    /// The bit this kind occupies in an index mask, above the amenity bits.
    var maskBit: UInt32 { 1 << (24 + UInt32(Kind.declarationOrder.firstIndex(of: self)!)) }

    public static func < (lhs: Kind, rhs: Kind) -> Bool {
        declarationOrder.firstIndex(of: lhs)! < declarationOrder.firstIndex(of: rhs)!
    }

    /// `allCases` builds a new array on every call; sorting and indexing ask millions of times.
    private static let declarationOrder = allCases
}

extension String {
    /// The string without leading and trailing white space (including the full-width space U+3000).
    public func trimmed() -> String {
        // Most values have nothing to trim: decide from the first and last scalar without copying.
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !first.isTrimmable && !last.isTrimmable { return self }
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.isTrimmable { scalars.removeFirst() }
        while let last = scalars.last, last.isTrimmable { scalars.removeLast() }
        return String(scalars)
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, spelled out: the table is fixed by the standard, and asking
    /// the runtime for scalar properties costs a table lookup per field on million-row files.
    var isTrimmable: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
