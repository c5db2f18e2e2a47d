import Foundation
import GEOSBridge
import Testing
@testable import StationAnalysis
@testable import StationKit
import TestSupport

/// Service areas against their definition: each station's cell contains it and no other station,
/// the cells tile the region (areas add up to it), and a point sampled anywhere in the region lies in
/// the cell of the station nearest to it.
@Suite struct ServiceAreaOracleTests {
    /// Random stations in and around 北京, a few non-matching, and two at one position in 天安门广场.
    static func stations(count: Int, seed: UInt64) -> [Station] {
        var rng = SeededGenerator(seed: seed)
        var stations = (0..<count).map { i in
            testStation(String(format: "s%04d", (i * 7_919) % 10_000), Double.random(in: 39.3...41.1, using: &rng), Double.random(in: 115.3...117.6, using: &rng),
                        kind: i % 10 == 0 ? .driverHome : .outdoorWorkerStation)
        }
        stations.append(testStation("dup-b", 39.9055, 116.3976))
        stations.append(testStation("dup-a", 39.9055, 116.3976))
        return stations
    }

    @Test func cellsContainTheirStationAndNoOther() throws {
        let stations = Self.stations(count: 600, seed: 21)
        let region = try AnalysisRegion.resolve("北京")
        let filter = StationFilter(kinds: [.outdoorWorkerStation])
        let report = try ServiceAreaAnalysis(filter: filter).run(stations, in: region)
        let context = GEOSContext()
        let outline = try preparedLonLat(region.parts[0].polygons, context: context)
        let inside = try stations.indices.filter { i in
            try filter.accepts(stations[i]) && outline.covers(x: stations[i].coordinate.longitude, y: stations[i].coordinate.latitude)
        }
        // Every matching station inside appears once, as an owner or sharing a cell.
        let listed = report.areas.flatMap { [$0.station] + $0.sharedWith }
        #expect(listed.sorted() == inside.sorted())
        #expect(report.total.stations == inside.count)
        #expect(report.areas.map { stations[$0.station].id } == report.areas.map { stations[$0.station].id }.sorted(), "in id order")

        var total = 0.0
        for area in report.areas {
            let cell = try preparedLonLat(area.polygons, context: context)
            let home = stations[area.station].coordinate
            #expect(try cell.covers(x: home.longitude, y: home.latitude), "\(stations[area.station].id) lies outside its own cell")
            for other in inside where other != area.station && !area.sharedWith.contains(other) {
                let c = stations[other].coordinate
                #expect(try !cell.covers(x: c.longitude, y: c.latitude), "\(stations[other].id) lies in the cell of \(stations[area.station].id)")
            }
            total += area.area
            // The area reported is the area of the polygons written.
            #expect(abs(ellipsoidalArea(area.polygons, projection: report.projection) - area.area) < 1e-6 * area.area + 1)
        }
        #expect(abs(total - report.total.area) < 0.001 * report.total.area, "cells add up to the region: \(total) vs \(report.total.area)")
        #expect(abs(total - report.total.area) < 1e-6 * report.total.area, "…to far better than 0.1 %")
    }

    @Test func stationsAtOnePositionShareACell() throws {
        let stations = Self.stations(count: 200, seed: 22)
        let report = try ServiceAreaAnalysis().run(stations, in: try AnalysisRegion.resolve("北京"))
        let cells = report.areas.filter { area in ([area.station] + area.sharedWith).contains { stations[$0].id.hasPrefix("dup-") } }
        #expect(cells.count == 1)
        #expect(cells.map { stations[$0.station].id } == ["dup-a"], "the first id owns the cell")
        #expect(cells.first?.sharedWith.map { stations[$0].id } == ["dup-b"])
    }

    /// Points sampled uniformly in the region lie in the cell of the station nearest in the
    /// projection's plane (the Voronoi property itself); the geodesic nearest agrees almost always.
    @Test func sampledPointsLieInTheirNearestStationsCell() throws {
        let stations = Self.stations(count: 300, seed: 23)
        let region = try AnalysisRegion.resolve("北京")
        let report = try ServiceAreaAnalysis().run(stations, in: region)
        let context = GEOSContext()
        let cells = try report.areas.map { try preparedLonLat($0.polygons, context: context) }
        let sites = report.areas.map { report.projection.project(stations[$0.station].coordinate) }
        var geodesicDisagreements = 0
        let samples = try samplesByArea(in: region.parts[0].polygons, count: 3_000, seed: 24)
        for point in samples {
            let p = report.projection.project(point)
            let planar = sites.indices.min { hypot(sites[$0].x - p.x, sites[$0].y - p.y) < hypot(sites[$1].x - p.x, sites[$1].y - p.y) }!
            let containing = try cells.indices.filter { try cells[$0].covers(x: point.longitude, y: point.latitude) }
            #expect(containing.contains(planar), "\(point) is nearest to \(stations[report.areas[planar].station].id), lies in \(containing)")
            let geodesic = report.areas.indices.min {
                point.geodesicDistance(to: stations[report.areas[$0].station].coordinate) < point.geodesicDistance(to: stations[report.areas[$1].station].coordinate)
            }!
            if geodesic != planar { geodesicDisagreements += 1 }
        }
        #expect(geodesicDisagreements < samples.count / 200, "plane and ellipsoid disagree on \(geodesicDisagreements) of \(samples.count)")
    }

    @Test func oneStationGetsTheWholeRegionAndNoneGetNothing() throws {
        let region = try AnalysisRegion.resolve("天津")
        let one = try ServiceAreaAnalysis().run([testStation("only", 39.13, 117.2)], in: region)
        #expect(one.areas.count == 1)
        #expect(abs(one.areas[0].area - one.total.area) < 1e-6 * one.total.area)
        let none = try ServiceAreaAnalysis().run([testStation("far", 30, 100)], in: region)
        #expect(none.areas.isEmpty && none.total.stations == 0)
    }

    @Test func deterministicAcrossThreadCounts() throws {
        let stations = Self.stations(count: 800, seed: 25)
        let region = try AnalysisRegion.resolve("北京")
        let one = try ServiceAreaAnalysis(workers: 1).run(stations, in: region)
        let four = try ServiceAreaAnalysis(workers: 4).run(stations, in: region)
        #expect(one.areas == four.areas && one.rows == four.rows)
    }
}
