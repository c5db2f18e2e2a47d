import Foundation
import Testing
@testable import StationKit
import TestSupport

/// Map-datum conversion against Fixtures/datum-vectors.csv: 150 points converted by four independent
/// libraries (prcoords, eviltransform, coordtransform, coord-convert, from PyPI); `gcj_*_prcoords`
/// and `bd_*_prcoords` are the majority answers. The libraries test "in China" with rectangles; we
/// use an outline, so rows outside China (`province` empty) are shifted by them and not by us.
@Suite struct DatumTests {
    struct Vector {
        var id: String
        var category: String
        var note: String
        var wgs: Coordinate
        /// ISO 3166-2 code of the province the point is in; empty outside China.
        var province: String
        var gcj: Coordinate
        var bd: Coordinate
    }

    static let vectors: [Vector] = {
        do {
            let records = try CSVTokenizer.records(in: try fixture("datum-vectors.csv"))
            let header = records[0].fields
            func column(_ name: String) -> Int {
                guard let index = header.firstIndex(of: name) else { fatalError("no column \(name)") }
                return index
            }
            let id = column("id"), category = column("category"), note = column("note"), province = column("province")
            let wgsLat = column("wgs_lat"), wgsLon = column("wgs_lon")
            let gcjLat = column("gcj_lat_prcoords"), gcjLon = column("gcj_lon_prcoords")
            let bdLat = column("bd_lat_prcoords"), bdLon = column("bd_lon_prcoords")
            return records.dropFirst().map { record in
                let f = record.fields
                func point(_ lat: Int, _ lon: Int) -> Coordinate {
                    guard let latitude = Double(f[lat]), let longitude = Double(f[lon]) else {
                        fatalError("line \(record.line): bad number")
                    }
                    return Coordinate(latitude: latitude, longitude: longitude)
                }
                return Vector(id: f[id], category: f[category], note: f[note], wgs: point(wgsLat, wgsLon),
                              province: f[province], gcj: point(gcjLat, gcjLon), bd: point(bdLat, bdLon))
            }
        } catch {
            fatalError("datum-vectors.csv: \(error)")
        }
    }()

    static var insideRows: [Vector] { vectors.filter { ChinaRegion.contains($0.wgs) } }

    /// Metres between two positions (as if both were WGS84; only the size of a difference matters here).
    static func metres(_ a: Coordinate, _ b: Coordinate) -> Double { a.geodesicDistance(to: b) }

    static let ulaanbaatar = Coordinate(latitude: 47.92, longitude: 106.92)
    static let hanoi = Coordinate(latitude: 21.03, longitude: 105.85)
    static let thimphu = Coordinate(latitude: 27.47, longitude: 89.64)
    static let erenhot = Coordinate(latitude: 43.65, longitude: 111.98)
    static let allPairs: [(Datum, Datum)] = Datum.allCases.flatMap { a in Datum.allCases.map { (a, $0) } }

    // MARK: - The outline

    @Test func fixtureHasTheExpectedRows() {
        #expect(Self.vectors.count == 150)
        #expect(Self.vectors.filter { !$0.province.isEmpty }.count == 138)
    }

    /// Our inside/outside decision agrees with the reference `province` column on every row, including
    /// the rows near the edges of the libraries' rectangles (Mohe, the Pamirs, the Ussuri, James Shoal).
    @Test func insideDecisionMatchesProvinceColumn() {
        for vector in Self.vectors {
            #expect(ChinaRegion.contains(vector.wgs) == !vector.province.isEmpty,
                    "\(vector.id) \(vector.category) \(vector.note) \(vector.wgs) province '\(vector.province)'")
        }
    }

    @Test func outlineIncludesIslandsAndSpecialRegions() {
        let inside: [(String, Double, Double)] = [
            ("Hong Kong", 22.32, 114.17), ("Macau", 22.20, 113.55), ("Taipei", 25.03, 121.56),
            ("Haikou, Hainan", 20.04, 110.34), ("Sanya, Hainan", 18.25, 109.51), ("Chongming", 31.62, 121.40),
            ("Zhoushan", 30.00, 122.10), ("Erenhot", 43.65, 111.98), ("Mohe", 52.97, 122.54),
            ("Kashgar", 39.47, 75.99), ("Fuyuan", 48.36, 134.29), ("Lhasa", 29.65, 91.14),
        ]
        for (name, latitude, longitude) in inside {
            #expect(ChinaRegion.contains(Coordinate(latitude: latitude, longitude: longitude)), "\(name)")
        }
        let outside: [(String, Double, Double)] = [
            ("Ulaanbaatar", 47.92, 106.92), ("Hanoi", 21.03, 105.85), ("Thimphu", 27.47, 89.64),
            ("Kathmandu", 27.72, 85.32), ("Pyongyang", 39.03, 125.75), ("Seoul", 37.57, 126.98),
            ("Vladivostok", 43.12, 131.89), ("Manila", 14.60, 120.98), ("Tokyo", 35.68, 139.69),
            ("Yellow Sea", 35.0, 123.0), ("Null Island", 0, 0),
        ]
        for (name, latitude, longitude) in outside {
            #expect(!ChinaRegion.contains(Coordinate(latitude: latitude, longitude: longitude)), "\(name)")
        }
        #expect(!ChinaRegion.contains(Coordinate(latitude: .nan, longitude: 116)))
        #expect(!ChinaRegion.contains(Coordinate(latitude: 39, longitude: .nan)))
    }

    /// Every station of the reference set and of the embedded default data lies in a province, so
    /// every one must be inside (the 2 km buffer keeps coastal points on the simplified coast).
    @Test func allStationsAreInside() throws {
        let reference = try CSVTokenizer.records(in: try fixture("stations-1k.csv")).dropFirst()
        #expect(reference.count == 1000)
        for record in reference {
            let point = Coordinate(latitude: Double(record.fields[3])!, longitude: Double(record.fields[4])!)
            #expect(ChinaRegion.contains(point), "\(record.fields[0]) \(point)")
        }
        let embedded = StationLoader.loadDefault().stations
        #expect(!embedded.isEmpty)
        for station in embedded {
            #expect(ChinaRegion.contains(station.coordinate), "\(station.id) \(station.coordinate)")
        }
    }

    /// The banded index answers exactly as a plain ray cast over every edge.
    @Test func bandedIndexAgreesWithBruteForce() {
        let rings = ChinaOutline.rings
        func bruteForce(_ latitude: Double, _ longitude: Double) -> Bool {
            var inside = false
            for ring in rings {
                let count = ring.count / 2
                for i in 0..<count {
                    let j = (i + 1) % count
                    let (x0, y0, x1, y1) = (ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1])
                    if (y0 <= latitude) != (y1 <= latitude),
                       x0 + (latitude - y0) * (x1 - x0) / (y1 - y0) > longitude {
                        inside.toggle()
                    }
                }
            }
            return inside
        }
        var rng = SeededGenerator(seed: 0xC0A57)
        var insideCount = 0
        for _ in 0..<1500 {
            let latitude = Double.random(in: 17...55, using: &rng), longitude = Double.random(in: 72...136, using: &rng)
            let expected = bruteForce(latitude, longitude)
            #expect(ChinaRegion.index.contains(latitude: latitude, longitude: longitude) == expected,
                    "\(latitude),\(longitude)")
            if expected { insideCount += 1 }
        }
        // China fills roughly 40% of that rectangle.
        #expect(insideCount > 400 && insideCount < 900)
        // Vertices: the ray through a vertex is counted once (half-open rule), so a vertex's own
        // parallel gives the same answer as the brute force.
        let vertices = rings.flatMap { ring in stride(from: 0, to: ring.count, by: 2).map { (ring[$0 + 1], ring[$0]) } }
        for (latitude, longitude) in stride(from: 0, to: vertices.count, by: 37).map({ vertices[$0] }) {
            for dx in [-0.001, 0.001] {
                #expect(ChinaRegion.index.contains(latitude: latitude, longitude: longitude + dx)
                        == bruteForce(latitude, longitude + dx), "\(latitude),\(longitude + dx)")
            }
        }
    }

    @Test func ringIndexEvenOddWithHole() {
        // A 10° square with a 2° hole, and a separate 1° island.
        let square: [Double] = [0, 0, 10, 0, 10, 10, 0, 10]
        let hole: [Double] = [4, 4, 6, 4, 6, 6, 4, 6]
        let island: [Double] = [20, 20, 21, 20, 21, 21, 20, 21]
        let index = RingIndex(rings: [square, hole, island], bandHeight: 0.05)
        #expect(index.contains(latitude: 1, longitude: 1))
        #expect(!index.contains(latitude: 5, longitude: 5))
        #expect(index.contains(latitude: 5, longitude: 3))
        #expect(index.contains(latitude: 5, longitude: 7))
        #expect(index.contains(latitude: 20.5, longitude: 20.5))
        #expect(!index.contains(latitude: 15, longitude: 15))
        #expect(!index.contains(latitude: 5, longitude: 11))
        #expect(!index.contains(latitude: -1, longitude: 5))
        #expect(!RingIndex(rings: [], bandHeight: 0.05).contains(latitude: 0, longitude: 0))
    }

    // MARK: - Forward conversions against the reference libraries

    @Test func forwardGCJ02MatchesMajority() {
        let rows = Self.insideRows
        #expect(rows.count == 138)
        for vector in rows {
            let ours = vector.wgs.converted(from: .wgs84, to: .gcj02)
            let error = Self.metres(ours, vector.gcj)
            #expect(error <= 0.1, "\(vector.id) \(vector.note): \(ours) vs \(vector.gcj), \(error) m")
            // And it is a real shift: under 1 km, and at least the 58 m of the smallest row (in Qinghai).
            let shift = Self.metres(ours, vector.wgs)
            #expect(shift > 50 && shift < 1000, "\(vector.id): shift \(shift) m")
        }
    }

    @Test func forwardBD09MatchesMajority() {
        for vector in Self.insideRows {
            let ours = vector.wgs.converted(from: .wgs84, to: .bd09)
            let error = Self.metres(ours, vector.bd)
            #expect(error <= 0.1, "\(vector.id) \(vector.note): \(ours) vs \(vector.bd), \(error) m")
            // GCJ-02 → BD-09 agrees with the composite.
            let viaGCJ = vector.wgs.converted(from: .wgs84, to: .gcj02).converted(from: .gcj02, to: .bd09)
            #expect(Self.metres(ours, viaGCJ) < 1e-6, "\(vector.id)")
        }
    }

    // MARK: - Inverses and round trips

    @Test func roundTripsWithinOneCentimetre() {
        for vector in Self.insideRows {
            let gcj = vector.wgs.converted(from: .wgs84, to: .gcj02)
            let bd = vector.wgs.converted(from: .wgs84, to: .bd09)
            let checks: [(String, Coordinate, Coordinate)] = [
                ("GCJ→WGS", gcj.converted(from: .gcj02, to: .wgs84), vector.wgs),
                ("BD→WGS", bd.converted(from: .bd09, to: .wgs84), vector.wgs),
                ("BD→GCJ", bd.converted(from: .bd09, to: .gcj02), gcj),
                // From the reference libraries' majority answers.
                ("ref GCJ→WGS", vector.gcj.converted(from: .gcj02, to: .wgs84), vector.wgs),
                ("ref BD→WGS", vector.bd.converted(from: .bd09, to: .wgs84), vector.wgs),
            ]
            for (name, ours, expected) in checks {
                let limit = name.hasPrefix("ref") ? 0.1 : 0.01
                let error = Self.metres(ours, expected)
                #expect(error <= limit, "\(vector.id) \(name): \(ours) vs \(expected), \(error) m")
            }
        }
    }

    /// The inverses solve the forward transforms to 1e-10°, over random points all over China,
    /// including lon 105° (where the GCJ-02 polynomials have √|x| terms) and lat 35°.
    @Test func inversesSolveTheForwardTransforms() {
        var rng = SeededGenerator(seed: 20_240_416)
        var points = [Coordinate(latitude: 35, longitude: 105), Coordinate(latitude: 36.5, longitude: 105),
                      Coordinate(latitude: 35, longitude: 110)]
        while points.count < 3000 {
            let point = Coordinate(latitude: Double.random(in: 18...54, using: &rng),
                                   longitude: Double.random(in: 73...135, using: &rng))
            if ChinaRegion.contains(point) { points.append(point) }
        }
        for wgs in points {
            let gcj = GCJ02.forward(wgs)
            let back = GCJ02.inverse(gcj)
            let residual = GCJ02.forward(back)
            #expect(abs(residual.latitude - gcj.latitude) <= inverseTolerance
                    && abs(residual.longitude - gcj.longitude) <= inverseTolerance, "\(wgs)")
            #expect(Self.metres(back, wgs) <= 0.01, "\(wgs)")

            let bd = BD09.fromGCJ02(gcj)
            let gcjBack = BD09.toGCJ02(bd)
            let bdResidual = BD09.fromGCJ02(gcjBack)
            #expect(abs(bdResidual.latitude - bd.latitude) <= inverseTolerance
                    && abs(bdResidual.longitude - bd.longitude) <= inverseTolerance, "\(wgs)")
            #expect(Self.metres(gcjBack, gcj) <= 0.01, "\(wgs)")
        }
    }

    // MARK: - Where the shift applies

    @Test func neighbouringCapitalsAreUnchanged() {
        for point in [Self.ulaanbaatar, Self.hanoi, Self.thimphu] {
            for (source, target) in Self.allPairs {
                #expect(point.converted(from: source, to: target) == point, "\(point) \(source)→\(target)")
            }
            #expect(!Datum.gcj02.appliesShift(at: point))
            #expect(!Datum.bd09.appliesShift(at: point))
        }
    }

    @Test func erenhotIsShiftedByHundredsOfMetres() {
        // 二连浩特, on the Mongolian border, 300 km south of Ulaanbaatar and inside every rectangle too.
        let gcj = Self.erenhot.converted(from: .wgs84, to: .gcj02)
        let shift = Self.metres(gcj, Self.erenhot)
        #expect(shift > 200 && shift < 1000, "\(shift) m")
        let bd = Self.erenhot.converted(from: .wgs84, to: .bd09)
        #expect(Self.metres(bd, Self.erenhot) > 500)
        #expect(Datum.gcj02.appliesShift(at: Self.erenhot))
        #expect(Self.metres(gcj.converted(from: .gcj02, to: .wgs84), Self.erenhot) <= 0.01)
    }

    @Test func hongKongIsShifted() throws {
        let row = try #require(Self.vectors.first { $0.province == "CN-HK" })
        let ours = row.wgs.converted(from: .wgs84, to: .gcj02)
        #expect(Self.metres(ours, row.wgs) > 300)
        #expect(Self.metres(ours, row.gcj) <= 0.1)
        #expect(Self.metres(row.wgs.converted(from: .wgs84, to: .bd09), row.bd) <= 0.1)
        let taipei = Coordinate(latitude: 25.03, longitude: 121.56)
        #expect(Self.metres(taipei.converted(from: .wgs84, to: .gcj02), taipei) > 300)
    }

    /// The libraries shift every row inside their rectangles; those outside China are left alone by us.
    @Test func rowsOutsideChinaAreNotShifted() {
        let outside = Self.vectors.filter { $0.province.isEmpty }
        let shiftedByReference = outside.filter { Self.metres($0.gcj, $0.wgs) > 100 }
        // Ulaanbaatar, the Pamirs, north of the Amur near Mohe, east of the Ussuri, James Shoal.
        #expect(outside.count == 12)
        #expect(shiftedByReference.count == 12)
        for vector in outside {
            for (source, target) in Self.allPairs {
                #expect(vector.wgs.converted(from: source, to: target) == vector.wgs,
                        "\(vector.id) \(vector.note) \(source)→\(target)")
            }
        }
    }

    @Test func sameDatumAndWGS84AreIdentities() {
        let beijing = Coordinate(latitude: 39.9042, longitude: 116.4074)
        for datum in Datum.allCases {
            #expect(beijing.converted(from: datum, to: datum) == beijing)
        }
        #expect(!Datum.wgs84.appliesShift(at: beijing))
        #expect(Datum.gcj02.appliesShift(at: beijing))
        #expect(Datum.bd09.appliesShift(at: beijing))
        let invalid = Coordinate(latitude: .nan, longitude: 116)
        #expect(invalid.converted(from: .wgs84, to: .gcj02).latitude.isNaN)
    }
}
