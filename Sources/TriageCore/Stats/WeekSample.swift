import Foundation

/// The raw figures of one ISO week, as the store gathers them with indexed queries; `WeeklyStats` derives every
/// statistic from this, purely.
public struct WeekSample: Sendable, Equatable {
    public struct Resolution: Sendable, Equatable {
        public var seconds: TimeInterval
        public var slaHours: Double
        public var met: Bool
        public init(seconds: TimeInterval, slaHours: Double, met: Bool) {
            self.seconds = seconds
            self.slaHours = slaHours
            self.met = met
        }
    }

    public var week: ISOWeek
    /// Tickets opened during the week, per category.
    public var openedByCategory: [Category: Int]
    /// Tickets closed during the week.
    public var resolutions: [Resolution]
    /// How many were closed the week before (for the % change).
    public var previousResolved: Int
    /// First-response times (seconds) of the first responses given during the week.
    public var firstResponses: [TimeInterval]
    /// Ratings (1–5) given during the week.
    public var ratings: [Int]
    /// Tickets whose SLA fell due during the week without being met.
    public var breaches: Int
    /// Tickets still open at the week's end.
    public var backlogAtEnd: Int
    /// Right now: open tickets with no assignee, and open critical tickets (KPIs are about the present).
    public var unassignedOpen: Int
    public var criticalOpen: Int

    public init(
        week: ISOWeek, openedByCategory: [Category: Int] = [:], resolutions: [Resolution] = [], previousResolved: Int = 0,
        firstResponses: [TimeInterval] = [], ratings: [Int] = [], breaches: Int = 0, backlogAtEnd: Int = 0,
        unassignedOpen: Int = 0, criticalOpen: Int = 0
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
    }
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
