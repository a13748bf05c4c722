import Foundation

/// The raw figures of one ISO week, as the store gathers them with indexed range queries over the week's history;
/// `WeeklyStats` derives every statistic from this, purely. Nothing in it is read from a ticket's current state
/// except the category of the week's new tickets (SPEC §5: shares by current category) and, for the week in
/// progress, the two open-ticket KPIs.
public struct WeekSample: Sendable, Equatable {
    /// One SLA cycle that ended with a close during the week.
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

    public var week: ISOWeek
    /// Tickets opened during the week, per (current) category.
    public var openedByCategory: [Category: Int]
    /// Every close during the week, one per SLA cycle; a later reopen does not take one back.
    public var resolutions: [Resolution]
    /// Tickets resolved in the span of the week before that this week is compared with
    /// (`week.comparisonSpan(asOf:)`: the whole week, or the same elapsed span while this week is in progress).
    public var previousResolved: Int
    /// First-response times (seconds) of the tickets whose first public agent reply was during the week.
    public var firstResponses: [TimeInterval]
    /// Ratings (1–5) given during the week (every one: a ticket rated twice in the week counts twice; a re-rating
    /// in a later week counts in that week and leaves this one alone).
    public var ratings: [Int]
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
        week: ISOWeek, openedByCategory: [Category: Int] = [:], resolutions: [Resolution] = [], previousResolved: Int = 0,
        firstResponses: [TimeInterval] = [], ratings: [Int] = [], breaches: Int = 0, backlogAtEnd: Int = 0,
        unassignedOpen: Int = 0, criticalOpen: Int = 0, asOf: Date? = nil
    ) {
        self.week = week
        self.openedByCategory = openedByCategory
        self.resolutions = resolutions
        self.previousResolved = previousResolved
        self.firstResponses = firstResponses
        self.ratings = ratings
        self.breaches = breaches
        self.backlogAtEnd = backlogAtEnd
        self.unassignedOpen = unassignedOpen
        self.criticalOpen = criticalOpen
        self.asOf = asOf ?? week.end
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
    public var waitingHours: Double

    public init(ticketID: TicketID, category: Category, subject: String, requester: UserID, waitingHours: Double) {
        self.ticketID = ticketID
        self.category = category
        self.subject = subject
        self.requester = requester
        self.waitingHours = waitingHours
    }

    /// `TKT001 – Billing (123456) – 36h`, as in the SPEC's scenario.
    public var line: String {
        "\(ticketID) – \(category.title) (\(requester)) – \(Int(waitingHours))h"
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
