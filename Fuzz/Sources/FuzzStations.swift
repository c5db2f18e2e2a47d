/// Indexes the targets query once something has been read: built once per process from the
/// embedded data, so every run searches the same stations.
enum FuzzStations {
    /// Every embedded station (698, all over China).
    static let all = StationLoader.loadDefault().stations

    /// An index over all of them, for routes (which may be anywhere).
    static let index = StationIndex(all)

    /// The few stations a seed snapshot holds: small enough to keep the seed files a few KB.
    static func sample(_ count: Int) -> [Station] {
        // Spread over the whole list (it is sorted by province), so the grid has several rows.
        stride(from: 0, to: all.count, by: max(1, all.count / max(count, 1))).prefix(count).map { all[$0] }
    }
}
