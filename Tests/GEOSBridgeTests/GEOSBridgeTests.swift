import GEOSBridge
import Testing

/// Every GEOS test of this target lives in this one serialized suite, so within the target nothing
/// else creates geometries while the leak test counts them (other targets are handled in that test).
@Suite(.serialized)
struct GEOSBridgeTests {
    let context = GEOSContext()

    @Test func badWKTThrowsParseErrorWithGEOSMessage() throws {
        let error = #expect(throws: GEOSError.self) { try context.geometry(wkt: "POLYGON((0 0, 1 1") }
        // GEOS 3.11 says "ParseException: Expected word but encountered end of stream".
        guard case .parse(let format, let message) = try #require(error) else {
            Issue.record("expected a parse error, got \(String(describing: error))")
            return
        }
        #expect(format == "WKT")
        #expect(message.contains("ParseException"))
        #expect(message.contains("end of stream"))

        let unknown = #expect(throws: GEOSError.self) { try context.geometry(wkt: "NOTAGEOMETRY(1 2)") }
        #expect(unknown?.description.contains("Unknown type: 'NOTAGEOMETRY'") == true)
    }

    @Test func badGeoJSONThrowsParseErrorWithGEOSMessage() throws {
        let error = #expect(throws: GEOSError.self) { try context.geometry(geoJSON: #"{"type":"Point""#) }
        guard case .parse(let format, let message) = try #require(error) else {
            Issue.record("expected a parse error, got \(String(describing: error))")
            return
        }
        #expect(format == "GeoJSON")
        #expect(message.contains("ParseException"))

        let unknown = #expect(throws: GEOSError.self) {
            try context.geometry(geoJSON: #"{"type":"Blob","coordinates":[1,2]}"#)
        }
        #expect(unknown?.description.contains("Unknown geometry type") == true)
    }

    @Test func errorMessageDoesNotLeakIntoTheNextCall() throws {
        _ = try? context.geometry(wkt: "POLYGON((")
        let square = try context.geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")
        #expect(try square.isValid())
    }

    @Test func bowTieIsInvalidWithSelfIntersection() throws {
        let bowTie = try context.geometry(wkt: "POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))")
        #expect(try bowTie.isValid() == false)
        #expect(try bowTie.validityReason().contains("Self-intersection"))
    }

    @Test func squareIsValidWithUnitArea() throws {
        let square = try context.geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")
        #expect(try square.isValid())
        #expect(try square.validityReason() == "Valid Geometry")
        #expect(try square.area() == 1)
        #expect(try square.typeName() == "Polygon")
    }

    @Test func parsesGeoJSONGeometries() throws {
        let polygon = try context.geometry(geoJSON: #"{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}"#)
        #expect(try polygon.typeName() == "Polygon")
        #expect(try polygon.area() == 4)
        let multi = try context.geometry(geoJSON: """
            {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[5,5],[7,5],[7,7],[5,7],[5,5]]]]}
            """)
        #expect(try multi.typeName() == "MultiPolygon")
        #expect(try multi.area() == 5)
        let point = try context.geometry(geoJSON: #"{"type":"Point","coordinates":[112.55,37.87]}"#)
        #expect(try point.typeName() == "Point")
    }

    @Test func preparedCoversInsideOutsideAndBoundary() throws {
        let square = try context.geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))").prepared()
        #expect(try square.covers(x: 0.5, y: 0.5))
        #expect(try square.covers(x: 1.5, y: 0.5) == false)
        #expect(try square.covers(x: -0.001, y: 0.5) == false)
        #expect(try square.covers(x: 1, y: 0.5), "a point on an edge is covered")
        #expect(try square.covers(x: 0, y: 0), "a vertex is covered")
    }

    /// Creates and drops 10 000 geometries and prepared geometries and checks that every one is freed.
    ///
    /// ``LiveGeometries`` counts across the whole process, and `swift test` runs all test targets in one
    /// process in parallel, so another target's tests may create or free geometries during the loop.
    /// A real leak shows in every round (10 000 or more); noise from elsewhere does not, so the loop is
    /// repeated until one round sees an exact delta of zero.
    @Test func repeatedUseFreesEveryGeometry() async throws {
        var deltas: [Int] = []
        for _ in 0..<20 {
            let before = LiveGeometries.count
            try churn(10_000)
            let delta = LiveGeometries.count - before
            if delta == 0 { return }
            deltas.append(delta)
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("LiveGeometries never returned to its starting value; deltas per round: \(deltas)")
    }

    private func churn(_ rounds: Int) throws {
        for i in 0..<rounds {
            // A nested scope: everything made here must be gone when it ends.
            do {
                let geometry = try context.geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")
                let prepared = try geometry.prepared()
                _ = try prepared.covers(x: Double(i % 3) * 0.75, y: 0.5)
                _ = try? context.geometry(wkt: "POLYGON((0 0")
            }
        }
    }

    @Test func versionIsGEOS3() {
        #expect(GEOSContext.version.hasPrefix("3."))
    }
}
