extension StationIndex {
    /// Whether station `a` comes before station `b` in id order: the tie-break of every ranked
    /// answer. Ties are rare (equal distances), so ids are compared when needed rather than
    /// ranked at build time, which would cost 4 bytes per station and a sort of a million strings.
    func idPrecedes(_ a: Int, _ b: Int) -> Bool {
        let first = stations.id(at: a), second = stations.id(at: b)
        return first != second ? first < second : a < b
    }

    /// Station positions in id order, each id read once.
    func sortedByID(_ positions: [Int]) -> [Int] {
        positions.map { (id: stations.id(at: $0), position: $0) }
            .sorted { $0.id != $1.id ? $0.id < $1.id : $0.position < $1.position }
            .map(\.position)
    }
}
