import Foundation

extension Station {
    /// Whether the station is open at `date` by its `opening_hours` (China Standard Time).
    /// Empty, unparseable and `unknown` hours are all ``OpeningState/unknown``: a station is never
    /// called closed because its registry row is incomplete.
    public func openingState(at date: Date, isPublicHoliday: ((OpeningHours.Day) -> Bool)? = nil) -> OpeningState {
        guard !openingHours.isEmpty, case .success(let hours) = OpeningHours.parse(openingHours) else { return .unknown }
        return hours.state(at: date, isPublicHoliday: isPublicHoliday)
    }
}

/// Orders answers for an "open at" question: open stations in their given order, then those whose
/// hours are unknown (listed, marked, never dropped); closed ones are left out.
public enum OpeningOrder {
    /// `items` split by state: the open ones, then the unknown ones, each in the order given.
    public static func arrange<T>(_ items: [T], state: (T) -> OpeningState) -> (open: [T], unknown: [T]) {
        var open: [T] = [], unknown: [T] = []
        for item in items {
            switch state(item) {
            case .open: open.append(item)
            case .unknown: unknown.append(item)
            case .closed: continue
            }
        }
        return (open, unknown)
    }
}
