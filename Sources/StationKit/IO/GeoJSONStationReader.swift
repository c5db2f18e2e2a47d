import Dispatch

/// Reads an RFC 7946 FeatureCollection of Point features with the interchange properties.
///
/// Built for national registries: one pass over the bytes finds where each feature starts and
/// ends without building it; the features are then parsed and validated on all cores, straight
/// into the result, so a million-feature file never exists as a document tree.
public enum GeoJSONStationReader {
    /// Parses GeoJSON text. `file` names the source in messages.
    /// `inputDatum` is the datum of records without a `crs` of their own (a file's `crs_name` wins over it).
    /// - Throws: ``DataFileError`` when the text is not JSON or not a FeatureCollection.
    /// With `keepingSources`, every feature's fields as written are kept in ``LoadResult/sources``.
    public static func read(_ text: String, file: String, inputDatum: Datum = .wgs84,
                            keepingSources: Bool = false) throws(DataFileError) -> LoadResult {
        try text.readingUTF8 { bytes throws(DataFileError) in
            try read(utf8: bytes, file: file, inputDatum: inputDatum, keepingSources: keepingSources)
        }
    }

    /// Features per unit of parallel work.
    static let blockSize = 4096

    /// Parses GeoJSON bytes in place; nil when they are not UTF-8 (the caller then tries other encodings).
    static func read(utf8 whole: UnsafeBufferPointer<UInt8>, file: String, inputDatum: Datum,
                     progress: LoadProgress? = nil, keepingSources: Bool = false) throws(DataFileError) -> LoadResult? {
        let bytes = whole.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: whole[3...]) : whole
        guard isUTF8(bytes) else { return nil }
        func invalid(_ error: JSONSyntaxError) -> DataFileError {
            let (line, column) = lineAndColumn(of: error.offset, in: bytes)
            return DataFileError(file: file, reason: .unreadable, message:
                "not valid JSON: \(error.message) (line \(line), column \(column))")
        }
        let outline: Outline
        do throws(JSONSyntaxError) {
            outline = try Outline(bytes)
        } catch {
            throw invalid(error)
        }
        guard let type = outline.type?.string else {
            throw DataFileError(file: file, reason: .unreadable, message: "expected a GeoJSON object with a \"type\" member")
        }
        guard type == "FeatureCollection" else {
            throw DataFileError(file: file, reason: .unreadable, message: "expected \"type\": \"FeatureCollection\", found \"\(type)\"")
        }
        guard let features = outline.features else {
            throw DataFileError(file: file, reason: .unreadable, message: "a FeatureCollection needs a \"features\" array")
        }
        // Our exporter names the datum of the whole file in the foreign member "crs_name".
        var fileDatum = inputDatum
        if let name = outline.crsName {
            guard let text = name.string, let declared = Datum(parsing: text) else {
                throw DataFileError(file: file, reason: .unreadable, message: "unknown \"crs_name\" '\(name.described)'; use wgs84, gcj02 or bd09")
            }
            fileDatum = declared
        }

        let blocks = (features.count + blockSize - 1) / blockSize
        progress?.start(units: features.count)
        let parsed = UnsafeMutableBufferPointer<Block>.allocate(capacity: blocks)
        parsed.initialize(repeating: Block())
        defer { parsed.deinitialize(); parsed.deallocate() }
        nonisolated(unsafe) let shared = parsed, input = bytes
        let datum = fileDatum
        let slots = Array(stride(from: 0, to: features.count, by: blockSize))
        var result = LoadResult.gathering(slotStarts: slots, capacity: features.count) { block, stations, origins in
            let range = block * blockSize..<min(features.count, (block + 1) * blockSize)
            shared[block] = parse(features: range, at: features, in: input, file: file, datum: datum,
                                  keepingSources: keepingSources, stations: stations, origins: origins)
            progress?.advance(by: range.count)
            return shared[block].count
        }
        if let syntax = parsed.lazy.compactMap(\.syntaxError).first { throw invalid(syntax) }
        for block in parsed {
            result.errors += block.errors
            result.sources += block.sources
        }
        result.remove(result.duplicateIDs())
        return result
    }

    /// The top level of the document: the members we read, and where each feature lies.
    struct Outline {
        var type: JSONNode?
        var crsName: JSONNode?
        /// Byte ranges of the elements of `features`, or nil when there is no such array.
        var features: [Range<Int>]?

        init(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
            var parser = JSONParser(bytes)
            guard parser.peek() == UInt8(ascii: "{") else {
                // Not an object: parse it anyway, so a syntax error is reported as one.
                _ = try parser.value()
                try Self.end(&parser)
                return
            }
            parser.position += 1
            if parser.peek() == UInt8(ascii: "}") {
                parser.position += 1
                try Self.end(&parser)
                return
            }
            while true {
                guard parser.peek() == UInt8(ascii: "\"") else { throw parser.error("expected a member name in quotes") }
                let key = try parser.string()
                try parser.expect(UInt8(ascii: ":"), "':' after a member name")
                switch key {
                case "type": type = try parser.value()
                case "crs_name": crsName = try parser.value()
                case "features" where parser.peek() == UInt8(ascii: "["):
                    features = try Self.elements(&parser)
                default:
                    _ = try parser.value()
                }
                guard let next = parser.peek() else { throw parser.error("unexpected end of the text inside an object") }
                parser.position += 1
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else { throw parser.error("expected ',' or '}' in an object", at: parser.position - 1) }
            }
            try Self.end(&parser)
        }

        /// The byte ranges of an array's elements; the parser is at its `[`.
        static func elements(_ parser: inout JSONParser) throws(JSONSyntaxError) -> [Range<Int>] {
            parser.position += 1
            var ranges: [Range<Int>] = []
            if parser.peek() == UInt8(ascii: "]") { parser.position += 1; return ranges }
            while true {
                _ = parser.peek()
                let start = parser.position
                try parser.skipValue()
                ranges.append(start..<parser.position)
                guard let next = parser.peek() else { throw parser.error("unexpected end of the text inside an array") }
                parser.position += 1
                if next == UInt8(ascii: "]") { return ranges }
                guard next == UInt8(ascii: ",") else { throw parser.error("expected ',' or ']' in an array", at: parser.position - 1) }
            }
        }

        static func end(_ parser: inout JSONParser) throws(JSONSyntaxError) {
            if parser.peek() != nil { throw parser.error("unexpected text after the end of the document") }
        }
    }

    /// The outcome of one block of features.
    struct Block {
        var count = 0
        var errors: [RecordError] = []
        /// Every feature's fields as written, when the caller keeps them.
        var sources: [SourceRecord] = []
        var syntaxError: JSONSyntaxError?
    }

    static func parse(features range: Range<Int>, at ranges: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>,
                      file: String, datum: Datum, keepingSources: Bool = false,
                      stations: UnsafeMutablePointer<Station>, origins: UnsafeMutablePointer<RecordOrigin>) -> Block {
        var block = Block()
        for index in range {
            let span = ranges[index]
            var parser = JSONParser(UnsafeBufferPointer(rebasing: bytes[span]), base: span.lowerBound)
            let node: JSONNode
            do throws(JSONSyntaxError) {
                node = try parser.value()
                if parser.peek() != nil { throw parser.error("expected ',' or ']' in an array") }
            } catch {
                block.syntaxError = error
                return block
            }
            let location = RecordLocation.feature(index)
            let raw = rawStation(node, location: location, file: file, keepingOthers: keepingSources, errors: &block.errors)
            if keepingSources {
                // A feature that is not a usable Point still keeps its properties for the audit.
                block.sources.append(SourceRecord(origin: RecordOrigin(file: file, location: location),
                                                  fields: raw ?? properties(of: node, into: RawStation(), keepingOthers: true)))
            }
            guard let raw, let station = raw.validated(file: file, location: location, inputDatum: datum,
                                                       errors: &block.errors) else { continue }
            (stations + block.count).initialize(to: station)
            (origins + block.count).initialize(to: RecordOrigin(file: file, location: location))
            block.count += 1
        }
        return block
    }

    /// The fields of one feature, or nil after an error when it is not a Point Feature.
    static func rawStation(_ feature: JSONNode, location: RecordLocation, file: String, keepingOthers: Bool = false,
                           errors: inout [RecordError]) -> RawStation? {
        func fail(_ field: String?, _ value: String?, _ message: String) -> RawStation? {
            errors.append(RecordError(file: file, location: location, field: field, value: value, message: message))
            return nil
        }
        guard case .object = feature, feature["type"]?.string == "Feature" else {
            return fail("type", feature["type"]?.described, "not a Feature")
        }
        guard let geometry = feature["geometry"], case .object = geometry else {
            return fail("geometry", feature["geometry"]?.described ?? "null", "a station needs a Point geometry")
        }
        guard geometry["type"]?.string == "Point" else {
            return fail("geometry.type", geometry["type"]?.described, "only Point geometries are stations")
        }
        guard case .array(let position)? = geometry["coordinates"], position.count >= 2 else {
            return fail("geometry.coordinates", geometry["coordinates"]?.described, "a Point needs [longitude, latitude]")
        }
        var raw = RawStation()
        raw.longitude = number(position[0])
        raw.latitude = number(position[1])
        return properties(of: feature, into: raw, keepingOthers: keepingOthers)
    }

    /// Copies a feature's properties (and its top-level `id`) into `raw`.
    static func properties(of feature: JSONNode, into raw: RawStation, keepingOthers: Bool = false) -> RawStation {
        var raw = raw
        let properties = feature["properties"] ?? .null
        func text(_ key: String) -> String {
            switch properties[key] {
            case nil, .null?: ""
            case let value?: value.described
            }
        }
        let id = properties["id"] ?? feature["id"]
        raw.id = id?.described
        if case .number? = id { raw.idIsNumber = true }
        raw.name = text("name")
        raw.kind = properties["kind"]?.described
        switch properties["amenities"] {
        case .array(let list)?: raw.amenities = list.map(\.described)
        case nil, .null?: raw.amenities = []
        case let other?: raw.amenities = [other.described]
        }
        raw.address = text("address")
        raw.province = text("province")
        raw.city = text("city")
        raw.openingHours = text("opening_hours")
        raw.phone = text("phone")
        raw.operator = text("operator")
        raw.crs = properties["crs"]?.described
        if keepingOthers, case .object(let members) = properties {
            for (key, value) in members where !knownProperties.contains(key) {
                raw.otherFields.append(RawStation.OtherField(name: key, value: value.described))
            }
        }
        return raw
    }

    /// The properties of the station format; others are kept aside (``RawStation/otherFields``).
    static let knownProperties: Set<String> = ["id", "name", "kind", "amenities", "address", "province", "city",
                                               "opening_hours", "phone", "operator", "crs"]

    private static func number(_ node: JSONNode) -> RawStation.Number {
        switch node {
        case .number(let value, let text): .value(value, written: text)
        // Kept apart from other non-numbers: a string holding a number gets its own message.
        case .string(let text): .string(text)
        default: .text(node.described)
        }
    }

    /// UTF-8 check in parallel: cuts fall on bytes that start a character.
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let pieces = max(1, min(bytes.count >> 20, 16))
        var cuts = (0...pieces).map { bytes.count / pieces * $0 }
        cuts[pieces] = bytes.count
        for i in 1..<pieces {
            while cuts[i] < bytes.count && bytes[cuts[i]] & 0xC0 == 0x80 { cuts[i] += 1 }
        }
        let valid = UnsafeMutableBufferPointer<Bool>.allocate(capacity: pieces)
        defer { valid.deallocate() }
        nonisolated(unsafe) let shared = valid
        nonisolated(unsafe) let input = bytes
        let bounds = cuts
        DispatchQueue.concurrentPerform(iterations: pieces) { i in
            shared[i] = UTF8Validation.isValid(UnsafeBufferPointer(rebasing: input[bounds[i]..<max(bounds[i], bounds[i + 1])]))
        }
        return valid.allSatisfy { $0 }
    }

    /// 1-based line and column (in characters) of a byte offset, for syntax errors.
    static func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        let end = min(offset, bytes.count)
        var line = 1, lineStart = 0
        for i in 0..<end where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self).count + 1
        return (line, column)
    }
}
