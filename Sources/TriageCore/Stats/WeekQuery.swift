import Foundation

/// What a store reads for one week's figures (SPEC §5), the same on every backend: the ranges of days and instants
/// to sum and count, worked out here; the store runs its SQL over them and hands back `WeekReadings`, which
/// `WeekSample(_:_:)` turns into the sample. Every figure is a sum over the per-day counters (`day_counts`) or one
/// indexed look-up, so the cost grows neither with the store nor with the week's volume.
public struct WeekQuery: Sendable, Equatable {
    public var week: ISOWeek
    public var asOf: Date
    /// The week's days, as day numbers (days since 1970-01-01 UTC).
    public var days: Range<Int>
    /// The week's number in `closes.week` and `responses.week`.
    public var weekNumber: Int
    /// The whole days of the span the week is compared with.
    public var comparedDays: Range<Int>
    /// The comparison span's last, partial day (the week in progress), whose counted closes are read one by one.
    public var comparedPartial: Range<Double>?
    /// The week, in epoch seconds (its breaches).
    public var instants: Range<Double>
    /// The standing figures (backlog, unassigned, critical) are sums over the days before this one.
    public var standingBefore: Int

    public init(week: ISOWeek, now: Date) {
        self.week = week
        asOf = week.asOf(now: now)
        days = Self.day(week.start)..<Self.day(week.end)
        weekNumber = Self.weekNumber(day: Self.day(week.start))
        let span = week.comparisonSpan(asOf: asOf)
        let lastDay = Self.day(span.upperBound)
        comparedDays = Self.day(span.lowerBound)..<max(Self.day(span.lowerBound), lastDay)
        let partialStart = Double(lastDay) * 86_400
        comparedPartial = partialStart < span.upperBound.timeIntervalSince1970 ? partialStart..<span.upperBound.timeIntervalSince1970 : nil
        instants = week.start.timeIntervalSince1970..<week.end.timeIntervalSince1970
        standingBefore = Self.day(week.end)
    }

    /// Whether the open-ticket KPIs are the live counts (the week in progress) or the standing sums.
    public var isCurrentWeek: Bool { week.contains(asOf) }

    /// The day number of an instant (days since 1970-01-01 UTC).
    public static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The ISO week a day belongs to, as a number: day 0 (1970-01-01) was a Thursday, so days −3…3 are week 0.
    /// `closes.week` and `responses.week` hold it.
    public static func weekNumber(day: Int) -> Int { (day + 3) / 7 }
}

/// What a store read for a `WeekQuery`.
public struct WeekReadings: Sendable, Equatable {
    /// The week's per-day counters, summed.
    public var sums: DayCounts
    /// The middle resolution and first-response times (`WeekSample.Durations.medianRanks` of the sums' counts,
    /// read from `closes` counted and `responses` of the week in order).
    public var resolvedMedian: Double?
    public var responseMedian: Double?
    /// Tickets resolved in the span compared with: the sums of its whole days plus its partial day's counted closes.
    public var previousResolved: Int
    public var breaches: Int
    /// Σ (opened + reopened − closed), Σ unassigned, Σ critical over the days before the week's end.
    public var backlog: Int
    public var standingUnassigned: Int
    public var standingCritical: Int
    /// The live counts of queued tickets unassigned and critical (read for the week in progress only).
    public var liveUnassigned: Int?
    public var liveCritical: Int?

    public init(
        sums: DayCounts, resolvedMedian: Double?, responseMedian: Double?, previousResolved: Int, breaches: Int, backlog: Int,
        standingUnassigned: Int, standingCritical: Int, liveUnassigned: Int?, liveCritical: Int?
    ) {
        self.sums = sums
        self.resolvedMedian = resolvedMedian
        self.responseMedian = responseMedian
        self.previousResolved = previousResolved
        self.breaches = breaches
        self.backlog = backlog
        self.standingUnassigned = standingUnassigned
        self.standingCritical = standingCritical
        self.liveUnassigned = liveUnassigned
        self.liveCritical = liveCritical
    }
}

extension WeekSample {
    /// The week's sample from what the store read.
    public init(_ query: WeekQuery, _ r: WeekReadings) {
        self.init(week: query.week, asOf: query.asOf)
        for (category, count) in zip(Category.allCases, r.sums.openedByCategory) where count != 0 { openedByCategory[category] = count }
        resolved = Durations(count: r.sums.resolved, totalSeconds: r.sums.resolvedSeconds, medianSeconds: r.resolvedMedian)
        resolvedSLAHours = r.sums.resolvedSLAHours
        cyclesClosed = r.sums.closed
        cyclesMet = r.sums.cyclesMet
        firstResponses = Durations(count: r.sums.responses, totalSeconds: r.sums.responseSeconds, medianSeconds: r.responseMedian)
        ratingCounts = r.sums.stars
        previousResolved = r.previousResolved
        breaches = r.breaches
        backlogAtEnd = r.backlog
        unassignedOpen = query.isCurrentWeek ? r.liveUnassigned ?? 0 : r.standingUnassigned
        criticalOpen = query.isCurrentWeek ? r.liveCritical ?? 0 : r.standingCritical
    }
}
