import Foundation

/// Where a ticket stands in the queue and how long a first answer usually takes: what a requester is told when
/// their ticket is created.
public struct QueuePlace: Sendable, Equatable {
    /// 1 for the ticket at the top of the queue; nil for a closed ticket (not queued).
    public var place: Int?
    /// The median first response of the last weeks; nil when there were none.
    public var estimate: CommandText.Estimate?

    public init(place: Int?, estimate: CommandText.Estimate?) {
        self.place = place
        self.estimate = estimate
    }

    /// How many recent weeks the first-response estimate looks at (plus the week in progress).
    public static let estimateWeeks = 4
    /// The fewest first responses of the ticket's priority for the estimate to use that priority alone.
    public static let estimateMinimumSamples = 5

    /// The week number the estimate's sample starts at, for a ticket created at `now`.
    public static func estimateSince(_ now: Date) -> Int { WeekQuery.weekNumber(day: WeekQuery.day(now)) - estimateWeeks }
}
