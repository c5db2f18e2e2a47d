/// One facility a station offers, by its canonical tag (DESIGN.md's vocabulary).
///
/// The declaration order is the bit order of ``AmenitySet``: never reorder, only append,
/// because index snapshots store the bits.
public enum Amenity: String, CaseIterable, Sendable, Hashable, Comparable {
    case shower, toilet
    case drinkingWater = "drinking-water"
    case rest, sleeping, meals, microwave, charging
    case ebikeCharging = "ebike-charging"
    case firstAid = "first-aid"
    case heating, cooling, wifi, laundry, parking
    case vehicleRepair = "vehicle-repair"
    case logisticsInfo = "logistics-info"
    case lactationRoom = "lactation-room"
    case reading
    case legalAid = "legal-aid"
    case counseling
    case healthCheck = "health-check"
    case airPump = "air-pump"
    case rainGear = "rain-gear"

    /// This amenity's bit in an ``AmenitySet``.
    public var bit: UInt32 { 1 << UInt32(position) }

    /// Declaration position, spelled out because readers ask for bits millions of times and a search
    /// of `allCases` showed up in profiles; a test checks it against `allCases`.
    var position: Int {
        switch self {
        case .shower: 0
        case .toilet: 1
        case .drinkingWater: 2
        case .rest: 3
        case .sleeping: 4
        case .meals: 5
        case .microwave: 6
        case .charging: 7
        case .ebikeCharging: 8
        case .firstAid: 9
        case .heating: 10
        case .cooling: 11
        case .wifi: 12
        case .laundry: 13
        case .parking: 14
        case .vehicleRepair: 15
        case .logisticsInfo: 16
        case .lactationRoom: 17
        case .reading: 18
        case .legalAid: 19
        case .counseling: 20
        case .healthCheck: 21
        case .airPump: 22
        case .rainGear: 23
        }
    }

    /// The Chinese term shown for this amenity (the first of ``chineseAliases``), without building
    /// the alias array: exporters ask for it per amenity per station.
    public var chineseName: String { Amenity.chineseNames[position] }

    private static let chineseNames = allCases.map { $0.chineseAliases[0] }

    /// The Chinese terms registries and users write for this amenity; the first is used for display.
    public var chineseAliases: [String] {
        switch self {
        case .shower: ["淋浴", "洗澡", "洗浴"]
        case .toilet: ["厕所", "卫生间", "如厕"]
        case .drinkingWater: ["饮水", "热水", "开水"]
        case .rest: ["休息", "歇脚"]
        case .sleeping: ["住宿", "床位", "休息室"]
        case .meals: ["餐饮", "用餐", "热饭", "食堂"]
        case .microwave: ["微波炉", "饭菜加热"]
        case .charging: ["充电", "手机充电"]
        case .ebikeCharging: ["电动车充电", "换电"]
        case .firstAid: ["药箱", "应急药品", "伤可用药"]
        case .heating: ["取暖"]
        case .cooling: ["纳凉", "空调", "避暑"]
        case .wifi: ["无线网络"]
        case .laundry: ["洗衣"]
        case .parking: ["停车", "货车停车"]
        case .vehicleRepair: ["车辆维修", "汽修", "补胎"]
        case .logisticsInfo: ["物流信息", "配货", "货源"]
        case .lactationRoom: ["母婴室", "哺乳室", "妈咪小屋"]
        case .reading: ["书屋", "阅读"]
        case .legalAid: ["法律援助", "维权"]
        case .counseling: ["心理咨询", "心理疏导"]
        case .healthCheck: ["义诊", "健康检查", "量血压"]
        case .airPump: ["充气", "打气"]
        case .rainGear: ["雨衣", "雨伞"]
        }
    }

    /// English spellings people type besides the canonical tag.
    var englishAliases: [String] {
        switch self {
        case .drinkingWater: ["water", "drinking_water"]
        case .toilet: ["toilets", "wc", "restroom"]
        case .wifi: ["wi-fi", "internet"]
        case .firstAid: ["first_aid", "medicine"]
        case .ebikeCharging: ["ebike_charging", "e-bike-charging"]
        case .lactationRoom: ["lactation", "nursing-room", "lactation_room"]
        case .vehicleRepair: ["repair", "vehicle_repair"]
        case .logisticsInfo: ["logistics", "logistics_info"]
        case .legalAid: ["legal_aid"]
        case .healthCheck: ["health_check"]
        case .airPump: ["air_pump"]
        case .rainGear: ["rain_gear"]
        case .sleeping: ["beds", "sleep"]
        case .meals: ["food"]
        default: []
        }
    }

    /// Every accepted spelling, lower-cased, mapped to its amenity.
    static let lookup: [String: Amenity] = {
        var table: [String: Amenity] = [:]
        for amenity in Amenity.allCases {
            for name in [amenity.rawValue] + amenity.englishAliases + amenity.chineseAliases {
                table[name.lowercased()] = amenity
            }
        }
        return table
    }()

    /// Parses a canonical tag or any English or Chinese alias (case and surrounding spaces ignored).
    /// - Throws: ``UnknownAmenityError`` with the closest known spelling.
    public init(parsing text: String) throws(UnknownAmenityError) {
        if let exact = Amenity.lookup[text] {
            self = exact
            return
        }
        let key = text.trimmed().lowercased()
        guard let amenity = Amenity.lookup[key] else {
            throw UnknownAmenityError(value: text, suggestion: Amenity.closestTag(to: key))
        }
        self = amenity
    }

    /// The canonical tag whose tag or alias is nearest to `text` in edit distance, if reasonably near.
    public static func closestTag(to text: String) -> Amenity? {
        var best: (distance: Int, amenity: Amenity)?
        for (name, amenity) in lookup.sorted(by: { $0.key < $1.key }) {
            let distance = editDistance(Array(text), Array(name))
            if best == nil || distance < best!.distance { best = (distance, amenity) }
        }
        guard let best else { return nil }
        // Beyond about half the word there is no meaningful "did you mean"; and an edit of every
        // character (an empty or one-letter text against "wc") suggests nothing at all.
        return best.distance <= max(2, text.count / 2) && best.distance < text.count ? best.amenity : nil
    }

    public static func < (lhs: Amenity, rhs: Amenity) -> Bool { lhs.bit < rhs.bit }
}

/// An amenity tag that is neither canonical nor a known alias.
public struct UnknownAmenityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public var value: String
    /// The closest canonical amenity, when one is close enough to suggest.
    public var suggestion: Amenity?

    public var description: String {
        var text = "unknown amenity '\(value)'"
        if let suggestion { text += " (did you mean '\(suggestion.rawValue)'?)" }
        return text
    }
}

/// Levenshtein distance between two character arrays (two rolling rows); audits use it for near-duplicate names.
public func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
