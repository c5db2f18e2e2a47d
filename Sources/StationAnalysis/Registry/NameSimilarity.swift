/// Whether two station names name the same station, by the audit's duplicate rule: the same
/// letters once spaces, punctuation and case are set aside, or one edit apart where the edit is
/// not a digit (`驿站1号` and `驿站2号` are two stations).
enum NameSimilarity {
    static func similar(_ a: String, _ b: String) -> Bool {
        let first = DuplicateNearbyRule.nameKey(a), second = DuplicateNearbyRule.nameKey(b)
        return !first.isEmpty && DuplicateNearbyRule.similar(first, second)
    }
}
