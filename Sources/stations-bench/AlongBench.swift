// `stations-bench along`: the corridor query of `stations along` on a large registry and a long
// route, timed at library level (loading, parsing and index build excluded).
//
//   stations-bench along --stations FILE.csv --route ROUTE.geojson [--within METRES] [--runs 11]
//
// Each case is answered `runs` times on one core; the table gives the median, the fastest and the
// slowest run. "route" is the time to build the route (legs and their geodesic lengths) from its
// points, which every query pays too.
import Dispatch
import Foundation
import StationKit

func runAlongBenchmark(_ arguments: [String]) {
    var stationsPath = "", routePath = "", widths = [2_000.0, 20_000], runs = 11
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
        switch flag {
        case "--stations": stationsPath = value
        case "--route": routePath = value
        case "--within": widths = value.split(separator: ",").compactMap { Double($0) }
        case "--runs": runs = max(1, Int(value) ?? runs)
        default: fail("unknown option \(flag)")
        }
    }
    if stationsPath.isEmpty || routePath.isEmpty {
        fail("usage: stations-bench along --stations FILE.csv --route ROUTE.geojson [--within METRES[,METRES]] [--runs N]")
    }
    let loaded: LoadResult
    do { loaded = try StationLoader.load(path: stationsPath) } catch { fail("\(error)") }
    guard let text = try? String(contentsOfFile: routePath, encoding: .utf8) else { fail("cannot read \(routePath)") }
    let reading: GeoJSONRouteReader.Reading
    do { reading = try GeoJSONRouteReader.read(text, file: routePath) } catch { fail("\(error)") }
    let index = StationIndex(loaded.stations)
    let points = reading.route.parts
    print("\(index.count) stations (\(stationsPath)); route \(routePath): \(reading.route.pointCount) points, "
          + "\(format(reading.route.length / 1000, 1)) km; one core; median of \(runs) runs\n")

    var routeTimes: [Double] = []
    for _ in 0..<runs {
        let start = now()
        _ = try? Route(parts: points)
        routeTimes.append(Double(now() - start) / 1e6)
    }
    print("route (legs and geodesic lengths): \(format(median(routeTimes))) ms\n")

    let cases: [(String, StationFilter)] = [
        ("any station", StationFilter()),
        ("shower (20 %)", StationFilter(need: [.shower])),
        ("driver-home + shower (4 %)", StationFilter(need: [.shower], kinds: [.driverHome])),
        ("air-pump (0.5 %)", StationFilter(need: [.airPump])),
    ]
    print("| within | filter | stations found | median ms | min ms | max ms |")
    print("|---:|---|---:|---:|---:|---:|")
    let route = try! Route(parts: points)
    for width in widths {
        for (label, filter) in cases {
            var times: [Double] = []
            var found = 0
            for _ in 0..<runs {
                let start = now()
                found = index.along(route, within: width, filter: filter).count
                times.append(Double(now() - start) / 1e6)
            }
            print("| \(format(width / 1000, 0)) km | \(label) | \(found) | \(format(median(times))) | \(format(times.min()!)) | \(format(times.max()!)) |")
        }
    }
}
