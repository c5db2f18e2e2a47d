import GEOSBridge

/// Why an analysis could not finish: GEOS failed in an overlay, named with the step it was in.
public struct AnalysisError: Error, CustomStringConvertible, Sendable {
    /// What the analysis was doing (`union of 1,204 circles`, `gaps of 山西省`).
    public var step: String
    public var underlying: GEOSError

    public var description: String { "\(step): \(underlying)" }
}
