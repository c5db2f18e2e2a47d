import Testing
@testable import StationKit

/// The amenity and kind vocabularies of DESIGN.md: canonical tags, Chinese and English aliases,
/// suggestions for typos, list parsing and the bitmask.
@Suite struct AmenityTests {
    /// DESIGN.md's vocabulary, copied from the document rather than from the code.
    static let design: [(tag: String, chinese: [String])] = [
        ("shower", ["淋浴", "洗澡", "洗浴"]), ("toilet", ["厕所", "卫生间", "如厕"]),
        ("drinking-water", ["饮水", "热水", "开水"]), ("rest", ["休息", "歇脚"]),
        ("sleeping", ["住宿", "床位", "休息室"]), ("meals", ["餐饮", "用餐", "热饭", "食堂"]),
        ("microwave", ["微波炉", "饭菜加热"]), ("charging", ["充电", "手机充电"]),
        ("ebike-charging", ["电动车充电", "换电"]), ("first-aid", ["药箱", "应急药品", "伤可用药"]),
        ("heating", ["取暖"]), ("cooling", ["纳凉", "空调", "避暑"]), ("wifi", ["无线网络"]),
        ("laundry", ["洗衣"]), ("parking", ["停车", "货车停车"]), ("vehicle-repair", ["车辆维修", "汽修", "补胎"]),
        ("logistics-info", ["物流信息", "配货", "货源"]), ("lactation-room", ["母婴室", "哺乳室", "妈咪小屋"]),
        ("reading", ["书屋", "阅读"]), ("legal-aid", ["法律援助", "维权"]), ("counseling", ["心理咨询", "心理疏导"]),
        ("health-check", ["义诊", "健康检查", "量血压"]), ("air-pump", ["充气", "打气"]), ("rain-gear", ["雨衣", "雨伞"]),
    ]

    /// The error `Amenity(parsing:)` throws for `text`, or nil when it parses.
    func parseError(_ text: String) -> UnknownAmenityError? {
        do {
            _ = try Amenity(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func vocabularyIsExactlyTheDesignDocument() {
        #expect(Amenity.allCases.map(\.rawValue) == Self.design.map(\.tag))
    }

    @Test(arguments: Amenity.allCases)
    func canonicalTagParsesToItself(_ amenity: Amenity) throws {
        #expect(try Amenity(parsing: amenity.rawValue) == amenity)
    }

    @Test func everyChineseAliasOfTheDesignParsesToItsTag() throws {
        var count = 0
        for (tag, aliases) in Self.design {
            for alias in aliases {
                #expect(try Amenity(parsing: alias).rawValue == tag, "\(alias)")
                count += 1
            }
        }
        #expect(count == 57)
    }

    @Test func englishAliases() throws {
        #expect(try Amenity(parsing: "water") == .drinkingWater)
        #expect(try Amenity(parsing: "drinking_water") == .drinkingWater)
        #expect(try Amenity(parsing: "wc") == .toilet)
        #expect(try Amenity(parsing: "Wi-Fi") == .wifi)
        #expect(try Amenity(parsing: "lactation_room") == .lactationRoom)
        #expect(try Amenity(parsing: "food") == .meals)
    }

    @Test func caseAndSurroundingSpaceAreIgnored() throws {
        #expect(try Amenity(parsing: "SHOWER") == .shower)
        #expect(try Amenity(parsing: " Drinking-Water\t") == .drinkingWater)
        #expect(try Amenity(parsing: "\u{3000}淋浴\u{3000}") == .shower)  // full-width spaces
        #expect(try Amenity(parsing: "Lactation-Room\n") == .lactationRoom)
    }

    @Test func unknownTagsSuggestTheNearestTag() {
        #expect(parseError("showr") == UnknownAmenityError(value: "showr", suggestion: .shower))
        #expect(parseError("toilett")?.suggestion == .toilet)
        #expect(parseError("parkng")?.suggestion == .parking)
        #expect(parseError("lactaton-room")?.suggestion == .lactationRoom)
        #expect(parseError("Helth-Check")?.suggestion == .healthCheck)
        #expect(parseError("淋雨")?.suggestion == .shower)  // a wrong character, as an input method gives
        #expect(parseError("showr")?.description == "unknown amenity 'showr' (did you mean 'shower'?)")
    }

    @Test func farFetchedTagsSuggestNothing() {
        for text in ["zzzzzz", "helicopter-landing-pad", "游泳池", "karaoke"] {
            let error = parseError(text)
            #expect(error != nil, "\(text)")
            #expect(error?.suggestion == nil, "\(text) suggested \(String(describing: error?.suggestion))")
            #expect(error?.value == text)
        }
        #expect(parseError("")?.suggestion == nil)
        #expect(parseError("x")?.suggestion == nil)
        #expect(parseError("karaoke")?.description == "unknown amenity 'karaoke'")
    }

    @Test func listsSplitOnEverySeparator() throws {
        let expected: AmenitySet = [.shower, .toilet, .wifi]
        for text in ["shower;toilet;wifi", "shower,toilet,wifi", "淋浴、厕所、无线网络", "shower toilet  wifi",
                     "shower; toilet, wifi", "淋浴，卫生间；wifi", "shower|toilet|wifi", ";shower;;toilet;wifi;"] {
            #expect(try AmenitySet(parsingList: text) == expected, "\(text)")
        }
        #expect(try AmenitySet(parsingList: "") == [])
        #expect(try AmenitySet(parsingList: " ; ") == [])
        #expect(try AmenitySet(parsingList: "shower;淋浴;洗澡") == [.shower])
    }

    @Test func listReportsTheFirstUnknownTag() {
        do {
            _ = try AmenitySet(parsingList: "shower;showr;toilett")
            Issue.record("expected an error")
        } catch {
            #expect(error == UnknownAmenityError(value: "showr", suggestion: .shower))
        }
    }

    @Test func bitsAreDistinctSingleBits() {
        let bits = Amenity.allCases.map(\.bit)
        #expect(Set(bits).count == Amenity.allCases.count)
        #expect(bits.allSatisfy { $0.nonzeroBitCount == 1 })
        #expect(Amenity.allCases.count <= 32)
        let all = AmenitySet(Amenity.allCases)
        #expect(all.members == Amenity.allCases)
        #expect(all.rawValue.nonzeroBitCount == Amenity.allCases.count)
        // Declaration order is bit order (index snapshots store bits).
        #expect(Amenity.shower.bit == 1 && Amenity.toilet.bit == 2 && Amenity.rainGear.bit == 1 << 23)
    }

    @Test func setMembersAndDescription() throws {
        let set = try AmenitySet(parsingList: "wifi;淋浴;first-aid")
        #expect(set.members == [.shower, .firstAid, .wifi])
        #expect(set.description == "shower;first-aid;wifi")
        #expect(set.contains(.shower) && !set.contains(.toilet))
        #expect(set == [.shower, .firstAid, .wifi])
    }

    @Test func kindParsesCanonicalTagsChineseNamesAndAliases() {
        let expected: [String: Kind] = [
            "outdoor-worker-station": .outdoorWorkerStation, "driver-home": .driverHome, "carnation-station": .carnationStation,
            // DESIGN.md's Chinese names.
            "户外劳动者服务站点": .outdoorWorkerStation, "工会驿站": .outdoorWorkerStation, "爱心驿站": .outdoorWorkerStation,
            "司机之家": .driverHome, "货车司机之家": .driverHome,
            "康乃馨服务站": .carnationStation, "妈妈驿站": .carnationStation, "爱心妈咪小屋": .carnationStation,
            // Short English aliases, case and space ignored.
            "outdoor": .outdoorWorkerStation, "Driver": .driverHome, " CARNATION ": .carnationStation,
            "Driver-Home": .driverHome,
        ]
        for (text, kind) in expected {
            #expect(Kind(parsing: text) == kind, "\(text)")
        }
        for kind in Kind.allCases {
            #expect(Kind(parsing: kind.chineseName) == kind)
        }
        for text in ["", "bus-stop", "公交站", "station"] {
            #expect(Kind(parsing: text) == nil, "\(text)")
        }
    }
}
