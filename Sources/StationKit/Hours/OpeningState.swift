/// What opening hours say about one moment.
public enum OpeningState: Sendable, Hashable {
    /// Open.
    case open
    /// Closed, by an `off`/`closed` rule or because no rule covers the moment.
    case closed
    /// The value says it does not know (`unknown`, or a rule that is only a comment such as
    /// `"by appointment"`).
    case unknown
}
