import GEOSBridge
import Testing

/// Building from plain values, reading back, overlays, Voronoi cells and the new prepared predicates.
/// An extension of the one serialized suite, for the reason given there (the leak count).
extension GEOSBridgeTests {
    static func square(_ x: Double, _ y: Double, side: Double) -> [PlanarPoint] {
        [PlanarPoint(x: x, y: y), PlanarPoint(x: x + side, y: y), PlanarPoint(x: x + side, y: y + side),
         PlanarPoint(x: x, y: y + side), PlanarPoint(x: x, y: y)]
    }

    @Test func polygonFromPlainValuesReadsBackTheSame() throws {
        let plain = PlanarPolygon(exterior: Self.square(0, 0, side: 10), holes: [Self.square(2, 2, side: 1)])
        let polygon = try context.polygon(plain)
        #expect(try polygon.isValid())
        #expect(try polygon.area() == 99)
        #expect(try polygon.polygons() == [plain])
        #expect(Self.square(0, 0, side: 10).doubleSignedArea == 200, "counterclockwise is positive")
        #expect(Array(Self.square(0, 0, side: 10).reversed()).doubleSignedArea == -200)
    }

    @Test func multiPolygonAndMultiPoint() throws {
        let parts = [PlanarPolygon(exterior: Self.square(0, 0, side: 1)), PlanarPolygon(exterior: Self.square(5, 5, side: 2))]
        let multi = try context.multiPolygon(parts)
        #expect(try multi.typeName() == "MultiPolygon")
        #expect(try multi.area() == 5)
        #expect(try multi.polygons() == parts)
        let overlapping = try context.multiPolygon([parts[0], PlanarPolygon(exterior: Self.square(0.5, 0, side: 1))])
        #expect(try overlapping.isValid() == false, "GEOS builds it; validity is a separate question")
        let points = try context.multiPoint([PlanarPoint(x: 1, y: 2), PlanarPoint(x: 3, y: 4)])
        #expect(try points.typeName() == "MultiPoint")
        #expect(try points.polygons().isEmpty, "no polygons in a MultiPoint")
        #expect(try context.multiPolygon([]).isEmpty())
    }

    @Test func badRingThrowsWithTheFunctionAndGEOSMessage() throws {
        let open = PlanarPolygon(exterior: [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 1, y: 0), PlanarPoint(x: 1, y: 1), PlanarPoint(x: 0, y: 1)])
        let error = #expect(throws: GEOSError.self) { try context.polygon(open) }
        guard case .operation(let function, let message) = try #require(error) else {
            Issue.record("expected an operation error, got \(String(describing: error))")
            return
        }
        #expect(function == "GEOSGeom_createLinearRing_r")
        #expect(message.contains("closed"), "GEOS 3.11: 'Points of LinearRing do not form a closed linestring'")
        // A failure inside a MultiPolygon frees the parts already made (the leak test counts them).
        #expect(throws: GEOSError.self) {
            try context.multiPolygon([PlanarPolygon(exterior: Self.square(0, 0, side: 1)), open])
        }
        let tooShort = PlanarPolygon(exterior: Self.square(0, 0, side: 1), holes: [[PlanarPoint(x: 0, y: 0), PlanarPoint(x: 0, y: 0)]])
        #expect(throws: GEOSError.self) { try context.polygon(tooShort) }
    }

    @Test func overlaysOfTwoSquares() throws {
        let a = try context.polygon(PlanarPolygon(exterior: Self.square(0, 0, side: 2)))
        let b = try context.polygon(PlanarPolygon(exterior: Self.square(1, 1, side: 2)))
        #expect(try a.intersection(b).area() == 1)
        #expect(try a.difference(b).area() == 3)
        #expect(try a.union(b).area() == 7)
        let far = try context.polygon(PlanarPolygon(exterior: Self.square(10, 10, side: 1)))
        #expect(try a.intersection(far).isEmpty())
        #expect(try a.difference(far).area() == 4)
    }

    @Test func normalizedGivesOneFormForEqualShapes() throws {
        let ring = Self.square(0, 0, side: 3)
        // The same square starting at another corner, and running the other way.
        let rotated = Array(ring[2..<4] + ring[0..<3])
        let first = try context.polygon(PlanarPolygon(exterior: ring)).normalized().polygons()
        #expect(try context.polygon(PlanarPolygon(exterior: rotated)).normalized().polygons() == first)
        #expect(try context.polygon(PlanarPolygon(exterior: Array(ring.reversed()))).normalized().polygons() == first)
        #expect(first[0].exterior.doubleSignedArea < 0, "GEOS normalizes shells clockwise")
    }

    @Test func voronoiCellsContainExactlyOneSiteEach() throws {
        let sites = [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 10, y: 0), PlanarPoint(x: 0, y: 10), PlanarPoint(x: 7, y: 8),
                     PlanarPoint(x: 7, y: 8)]
        let envelope = try context.polygon(PlanarPolygon(exterior: Self.square(-20, -20, side: 50)))
        let cells = try context.multiPoint(sites).voronoiDiagram(envelope: envelope).polygons()
        #expect(cells.count == 4, "the repeated site gets no second cell")
        var total = 0.0
        for cell in cells {
            let prepared = try context.polygon(cell).prepared()
            let inside = Set(sites.filter { (try? prepared.covers(x: $0.x, y: $0.y)) == true })
            #expect(inside.count == 1, "cell \(cell.exterior) holds \(inside)")
            total += abs(cell.exterior.doubleSignedArea) / 2
        }
        #expect(abs(total - 2500) < 1e-9, "the cells tile the envelope")
    }

    @Test func preparedContainsProperlyAndIntersects() throws {
        let region = try context.polygon(PlanarPolygon(exterior: Self.square(0, 0, side: 10))).prepared()
        let inner = try context.polygon(PlanarPolygon(exterior: Self.square(1, 1, side: 2)))
        let touching = try context.polygon(PlanarPolygon(exterior: Self.square(0, 1, side: 2)))
        #expect(try region.containsProperly(inner))
        #expect(try region.containsProperly(touching) == false, "touching the boundary is not proper")
        #expect(try region.intersects(touching))
        #expect(try region.intersects(context.polygon(PlanarPolygon(exterior: Self.square(10, 10, side: 1)))), "a corner in common")
        #expect(try region.intersects(context.polygon(PlanarPolygon(exterior: Self.square(10.001, 5, side: 1)))) == false)
    }

    /// The building and overlay paths free everything too (same method as ``repeatedUseFreesEveryGeometry()``).
    @Test func overlaysFreeEveryGeometry() async throws {
        var deltas: [Int] = []
        for _ in 0..<20 {
            let before = LiveGeometries.count
            for i in 0..<2_000 {
                let a = try context.polygon(PlanarPolygon(exterior: Self.square(0, 0, side: 2)))
                let b = try context.multiPolygon([PlanarPolygon(exterior: Self.square(Double(i % 3), 1, side: 2))])
                _ = try a.intersection(b).normalized().polygons()
                _ = try a.difference(b).area()
                _ = try context.multiPoint([PlanarPoint(x: 0, y: 0), PlanarPoint(x: 1, y: 1)]).voronoiDiagram(envelope: a)
                _ = try a.prepared().containsProperly(b)
            }
            let delta = LiveGeometries.count - before
            if delta == 0 { return }
            deltas.append(delta)
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("LiveGeometries never returned to its starting value; deltas per round: \(deltas)")
    }
}
