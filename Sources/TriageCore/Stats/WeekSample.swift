import Foundation

/// The raw figures of one ISO week, as the store gathers them from its history: sums of the per-day counters and,
/// for the two medians, one indexed look-up each, so their cost does not grow with the week's volume. `WeeklyStats`
/// derives every statistic from this, purely. Nothing in it is read from a ticket's current state except the category
/// of the week's new tickets (SPEC §5: shares by current category) and, for the week in progress, the two
/// open-ticket KPIs.
public struct WeekSample: Sendable, Equatable {
    /// One SLA cycle that ended with a close during the week (to build a sample by hand: `init(week:resolutions:…)`).
    public struct Resolution: Sendable, Equatable {
        /// From the ticket's creation to this close.
        public var seconds: TimeInterval
        /// The SLA budget of the cycle when it closed.
        public var slaHours: Double
        /// Closed by the cycle's due time.
        public var met: Bool
        /// Whether this close counts the ticket as resolved this week: its first close in the week. A ticket closed,
        /// reopened and closed again in one week is resolved once (timed by its first close), while both of its
        /// cycles count toward SLA met %.
        public var counted: Bool

        public init(seconds: TimeInterval, slaHours: Double, met: Bool, counted: Bool = true) {
            self.seconds = seconds
            self.slaHours = slaHours
            self.met = met
            self.counted = counted
        }
    }

    /// How many durations, their total and their median (exact: the store reads the middle value from an index).
    public struct Durations: Sendable, Equatable {
        public var count: Int
        public var totalSeconds: Double
        public var medianSeconds: Double?

        public init(count: Int = 0, totalSeconds: Double = 0, medianSeconds: Double? = nil) {
            self.count = count
            self.totalSeconds = totalSeconds
            self.medianSeconds = medianSeconds
        }

        public init(_ seconds: [TimeInterval]) {
            self.init(count: seconds.count, totalSeconds: seconds.reduce(0, +), medianSeconds: WeeklyStats.median(seconds))
        }

        /// The 0-based ranks of the value(s) whose mean is the median of `count` sorted values (one or two).
        public static func medianRanks(count: Int) -> [Int] {
            guard count > 0 else { return [] }
            return count % 2 == 1 ? [count / 2] : [count / 2 - 1, count / 2]
        }
    }

    public var week: ISOWeek
    /// Tickets opened during the week, per (current) category.
    public var openedByCategory: [Category: Int]
    /// Tickets resolved during the week (their first close in the week), timed from creation to that close.
    public var resolved: Durations
    /// The sum of the SLA budgets (hours) of the closes in `resolved`, as they stood at the close.
    public var resolvedSLAHours: Double
    /// Every close during the week, one per SLA cycle (a later reopen does not take one back), and how many of them
    /// were by the cycle's due time.
    public var cyclesClosed: Int
    public var cyclesMet: Int
    /// Tickets resolved in the span of the week before that this week is compared with
    /// (`week.comparisonSpan(asOf:)`: the whole week, or the same elapsed span while this week is in progress).
    public var previousResolved: Int
    /// First-response times of the tickets whose first public agent reply was during the week.
    public var firstResponses: Durations
    /// Ratings given during the week, per star (index 0 is one star): every one, a ticket rated twice in the week
    /// counts twice; a re-rating in a later week counts in that week and leaves this one alone.
    public var ratingCounts: [Int]
    /// `sla_breached` events during the week (at most one per ticket and SLA cycle).
    public var breaches: Int
    /// Tickets not closed at `asOf`.
    public var backlogAtEnd: Int
    /// Open tickets with no assignee, and open critical tickets, at `asOf`.
    public var unassignedOpen: Int
    public var criticalOpen: Int
    /// The instant the backlog and the open-ticket KPIs are taken at: the week's end for a past week, now for the
    /// week in progress (`ISOWeek.asOf(now:)`).
    public var asOf: Date

    public init(
        week: ISOWeek, openedByCategory: [Category: Int] = [:], resolved: Durations = Durations(), resolvedSLAHours: Double = 0,
        cyclesClosed: Int = 0, cyclesMet: Int = 0, previousResolved: Int = 0, firstResponses: Durations = Durations(),
        ratingCounts: [Int] = [0, 0, 0, 0, 0], breaches: Int = 0, backlogAtEnd: Int = 0, unassignedOpen: Int = 0,
        criticalOpen: Int = 0, asOf: Date? = nil
    ) {
        self.week = week
        self.openedByCategory = openedByCategory
        self.resolved = resolved
        self.resolvedSLAHours = resolvedSLAHours
        self.cyclesClosed = cyclesClosed
        self.cyclesMet = cyclesMet
        self.previousResolved = previousResolved
        self.firstResponses = firstResponses
        self.ratingCounts = ratingCounts
        self.breaches = breaches
        self.backlogAtEnd = backlogAtEnd
        self.unassignedOpen = unassignedOpen
        self.criticalOpen = criticalOpen
        self.asOf = asOf ?? week.end
    }

    /// A sample from the individual closes, first responses and ratings of a week (tests and hand-built weeks).
    public init(
        week: ISOWeek, openedByCategory: [Category: Int] = [:], resolutions: [Resolution], previousResolved: Int = 0,
        firstResponses: [TimeInterval] = [], ratings: [Int] = [], breaches: Int = 0, backlogAtEnd: Int = 0,
        unassignedOpen: Int = 0, criticalOpen: Int = 0, asOf: Date? = nil
    ) {
        let counted = resolutions.filter(\.counted)
        self.init(
            week: week, openedByCategory: openedByCategory, resolved: Durations(counted.map(\.seconds)),
            resolvedSLAHours: counted.map(\.slaHours).reduce(0, +), cyclesClosed: resolutions.count,
            cyclesMet: resolutions.filter(\.met).count, previousResolved: previousResolved, firstResponses: Durations(firstResponses),
            ratingCounts: (1...5).map { star in ratings.filter { $0 == star }.count }, breaches: breaches,
            backlogAtEnd: backlogAtEnd, unassignedOpen: unassignedOpen, criticalOpen: criticalOpen, asOf: asOf)
    }

    /// Whether the figures are those of the week in progress ("so far"): only then is there a reminder list.
    public var isCurrentWeek: Bool { week.contains(asOf) }
}

/// An open ticket that has waited for an agent longer than the policy allows (SPEC §5 reminder list).
public struct Reminder: Sendable, Equatable, Codable {
    public var ticketID: TicketID
    public var category: Category
    public var subject: String
    public var requester: UserID
    /// The requester's Discord display name, when one is known.
    public var requesterName: String?
    public var waitingHours: Double

    public init(
        ticketID: TicketID, category: Category, subject: String, requester: UserID, requesterName: String? = nil,
        waitingHours: Double
    ) {
        self.ticketID = ticketID
        self.category = category
        self.subject = subject
        self.requester = requester
        self.requesterName = requesterName
        self.waitingHours = waitingHours
    }

    /// `TKT001 – Billing (Alice) – 36h`, as in the SPEC's scenario: the requester's name, or their shortened id
    /// (`requesterLabel`). Plain text: the console and the CLI sanitise it, Discord escapes its own copy.
    public var line: String {
        "\(ticketID) – \(category.title) (\(requesterLabel)) – \(Int(waitingHours))h"
    }
}

extension Category {
    /// A display title: `Bug report`, `Billing`.
    public var title: String {
        switch self {
        case .bugReport: "Bug report"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}
