/// The batch point reader (`near --batch`) on arbitrary bytes, then the queries the batch runner
/// asks for the first rows that hold a position.
enum BatchTarget {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let choices = FuzzChoices(bytes)
        let points: [BatchPoint]
        do throws(DataFileError) {
            points = try BatchPointReader.read(Array(bytes), file: "fuzz.csv")
        } catch {
            _ = error.description
            return
        }
        // The reader's promise: every row accounted for, with a position or a reason, never both.
        for (row, next) in zip(points, points.dropFirst()) {
            fuzzCheck(row.line < next.line, "rows out of order: line \(row.line) before line \(next.line)")
        }
        for row in points {
            fuzzCheck((row.point == nil) != (row.error == nil), "row at line \(row.line) has point \(String(describing: row.point)) and error \(String(describing: row.error))")
            if let point = row.point { fuzzCheck(point.isValid, "row at line \(row.line) has an invalid point \(point)") }
        }
        let datum: Datum = choices.pick([.wgs84, .gcj02], bits: 0)
        for row in points.lazy.filter({ $0.point != nil }).prefix(4) {
            // As the runner does: the row's need added to the query's, the point moved to WGS84.
            let point = datum == .wgs84 ? row.point! : row.point!.converted(from: datum, to: .wgs84)
            let matches = FuzzStations.index.nearest(to: point, limit: choices.pick([1, 5], bits: 1),
                                                     filter: StationFilter(need: row.need), maxDistance: choices.pick([nil, 0, 5_000], bits: 2))
            for (match, next) in zip(matches, matches.dropFirst()) {
                fuzzCheck(match.distance <= next.distance, "answers out of distance order: \(match), \(next)")
            }
        }
    }
}
