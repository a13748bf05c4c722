import Foundation

extension ISOWeek {
    /// The instant a week's standing figures (the backlog and the KPIs that count open tickets) are taken at: the
    /// week's end once it is over, `now` while it is in progress (or before it has begun).
    public func asOf(now: Date) -> Date { min(end, now) }

    /// The span of the week before that this week's counts are compared with, for figures taken at `asOf`: the whole
    /// week before once this week is over; while it is in progress, Monday 00:00 of the week before up to the same
    /// weekday and time — never a partial week against a full one. Empty for a week that has not begun.
    public func comparisonSpan(asOf: Date) -> Range<Date> {
        let elapsed = min(max(asOf.timeIntervalSince(start), 0), end.timeIntervalSince(start))
        let previousStart = previous.start
        return previousStart..<previousStart.addingTimeInterval(elapsed)
    }
}
