import Foundation
import GEOSBridge
import StationKit

/// Each matching station's service area: the part of the region nearer to it than to any other
/// matching station in the region — its Voronoi cell, clipped to the region.
///
/// Stations are projected on the Lambert azimuthal equal-area projection centred on the region
/// (the one ``CoverageAnalysis`` uses), GEOS builds the Voronoi diagram of their positions
/// (`GEOSVoronoiDiagram_r`), each cell is matched back to its station (``VoronoiSites``) and clipped
/// to the region on all cores, and its area is measured in the plane, which is the area on the
/// ellipsoid. Only stations inside the region take part: the region is shared among its own
/// stations. Cell edges are straight in the projection: "nearer" is measured there, which differs
/// from the geodesic by the projection's scale distortion (under 0.1 % of the distances within
/// 500 km of the centre).
public struct ServiceAreaAnalysis: Sendable {
    /// Which stations count.
    public var filter: StationFilter
    /// Threads to use.
    public var workers: Int

    public init(filter: StationFilter = StationFilter(), workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.filter = filter
        self.workers = max(1, workers)
    }

    public func run(_ stations: [Station], in region: AnalysisRegion) throws(AnalysisError) -> ServiceAreaReport {
        let context = GEOSContext()
        let planar = try geosStep("projecting \(region.name)") { () throws(GEOSError) in try PlanarRegion(region, context: context) }
        let box = region.boundingBox
        let candidates = stations.indices.filter { filter.accepts(stations[$0]) && box?.contains(stations[$0].coordinate) == true }
        let positions = parallelMap(count: candidates.count) { planar.projection.project(stations[candidates[$0]].coordinate) }
        let located = try planar.locate(positions, workers: workers)
        let inside = candidates.indices.filter { located.reaches[$0] }
        let sites = VoronoiSites(positions: inside.map { positions[$0] }, candidates: inside.map { candidates[$0] }, ids: { stations[$0].id })

        let cells = try voronoiCells(of: sites, in: planar, context: context)
        let areas = try clip(cells, of: sites, to: planar)
        let rows = planar.parts.enumerated().map { p, part in ServiceAreaReport.Row(name: part.name, area: part.area, stations: located.inPart[p]) }
        let total = planar.parts.count == 1 ? rows[0] : ServiceAreaReport.Row(name: "total", area: planar.whole.area, stations: located.inWhole)
        return ServiceAreaReport(regionName: region.name, projection: planar.projection, areas: areas, rows: rows, total: total)
    }

    /// The unclipped cells, cell `i` belonging to site `i`.
    func voronoiCells(of sites: VoronoiSites, in planar: PlanarRegion, context: GEOSContext) throws(AnalysisError) -> [PlanarPolygon] {
        switch sites.points.count {
        case 0: return []
        // GEOS makes no cell for a single point: it has the whole region (the box, clipped later).
        case 1: return [planar.whole.box.polygon]
        default: break
        }
        let cells = try geosStep("Voronoi cells of \(sites.points.count) stations") { () throws(GEOSError) in
            // The region's box as the envelope: every cell reaches at least to its edges.
            let envelope = try context.polygon(planar.whole.box.polygon)
            return try context.multiPoint(sites.points).voronoiDiagram(envelope: envelope).polygons()
        }
        guard let owners = sites.owners(of: cells) else {
            throw AnalysisError(step: "matching \(cells.count) Voronoi cells to \(sites.points.count) stations",
                                underlying: .operation(function: "GEOSVoronoiDiagram_r", message: "cells and stations do not pair up"))
        }
        var ordered = [PlanarPolygon](repeating: PlanarPolygon(exterior: []), count: cells.count)
        for (cell, site) in owners.enumerated() { ordered[site] = cells[cell] }
        return ordered
    }

    /// Each cell clipped to the region (a cell wholly inside needs no overlay), normalized, measured
    /// and taken back to WGS84; in the id order of the cells' stations.
    func clip(_ cells: [PlanarPolygon], of sites: VoronoiSites, to planar: PlanarRegion) throws(AnalysisError) -> [ServiceAreaReport.Area] {
        let block = 256
        let blocks = (cells.count + block - 1) / block
        let parts = try runGEOSJobs(count: blocks, workers: workers) { (context) throws(AnalysisError) in
            try geosStep("building the region in GEOS") { () throws(GEOSError) in try planar.geometries(in: context).whole }
        } job: { region, context, b throws(AnalysisError) in
            var areas: [ServiceAreaReport.Area] = []
            for site in b * block..<min(cells.count, (b + 1) * block) {
                let owner = sites.stations[site]
                let (area, polygons) = try geosStep("clipping the service area of station \(owner[0])") { () throws(GEOSError) in
                    let cell = try context.polygon(cells[site])
                    let clipped = try region.containsProperly(cell) ? cell.normalized() : cell.intersection(region.base).normalized()
                    return (try clipped.area(), try clipped.polygons())
                }
                areas.append(ServiceAreaReport.Area(station: owner[0], sharedWith: Array(owner.dropFirst()), area: area,
                                                    polygons: polygons.map { $0.unprojected(planar.projection) }))
            }
            return areas
        }
        // Sites were numbered in the id order of their first stations.
        return parts.flatMap { $0 }
    }
}
