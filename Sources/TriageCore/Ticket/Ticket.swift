import Foundation

/// A support ticket as the store holds it: the requester, what it is about, where it stands, and its SLA clock.
public struct Ticket: Sendable, Equatable, Identifiable {
    public var id: TicketID
    public var userID: UserID
    /// The requester's Discord display name, when one is known (SPEC §2: the newest one the store has heard; it
    /// belongs to the user, not the ticket). Show it through `requesterLabel`.
    public var requesterName: String?
    public var subject: String
    public var description: String
    public var category: Category
    public var priority: Priority
    public var status: TicketStatus
    public var assignee: String?
    public var tags: [String]
    public var escalated: Bool
    /// When on-call acknowledged the current escalation (cleared by a new escalation).
    public var acknowledgedAt: Date?
    public var resolution: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    public var firstResponseAt: Date?
    /// Since when the ticket has waited for an agent (set by the user, cleared by a public agent reply).
    public var awaitingAgentSince: Date?
    public var sla: SLASnapshot
    public var satisfaction: Satisfaction?

    public init(
        id: TicketID, userID: UserID, subject: String, description: String, category: Category, priority: Priority,
        status: TicketStatus = .open, assignee: String? = nil, tags: [String] = [], escalated: Bool = false,
        resolution: String? = nil, createdAt: Date, updatedAt: Date? = nil, closedAt: Date? = nil,
        firstResponseAt: Date? = nil, awaitingAgentSince: Date? = nil, sla: SLASnapshot, satisfaction: Satisfaction? = nil,
        acknowledgedAt: Date? = nil, requesterName: String? = nil
    ) {
        self.requesterName = requesterName
        self.acknowledgedAt = acknowledgedAt
        self.id = id
        self.userID = userID
        self.subject = subject
        self.description = description
        self.category = category
        self.priority = priority
        self.status = status
        self.assignee = assignee
        self.tags = tags
        self.escalated = escalated
        self.resolution = resolution
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.closedAt = closedAt
        self.firstResponseAt = firstResponseAt
        self.awaitingAgentSince = awaitingAgentSince
        self.sla = sla
        self.satisfaction = satisfaction
    }
}

/// A user's rating of how their ticket was handled, given after close.
public struct Satisfaction: Sendable, Equatable, Codable {
    public var rating: Int
    public var comment: String?
    public var ratedAt: Date

    public init(rating: Int, comment: String?, ratedAt: Date) {
        self.rating = rating
        self.comment = comment
        self.ratedAt = ratedAt
    }
}

/// Who wrote a message in a thread.
public enum AuthorKind: String, Sendable, Codable, Equatable, CaseIterable {
    case user, agent, system
}

/// One message of a ticket's thread. `internal` notes are for agents only and never leave the agents' scope.
public struct Message: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var ticketID: TicketID
    public var authorKind: AuthorKind
    /// The agent's name, or the user id as text for a user's message.
    public var author: String
    public var body: String
    public var isInternal: Bool
    public var createdAt: Date

    public init(id: Int64, ticketID: TicketID, authorKind: AuthorKind, author: String, body: String, isInternal: Bool, createdAt: Date) {
        self.id = id
        self.ticketID = ticketID
        self.authorKind = authorKind
        self.author = author
        self.body = body
        self.isInternal = isInternal
        self.createdAt = createdAt
    }
}

/// The kinds of change recorded in a ticket's event log (SPEC §2).
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case created, replied
    case noteAdded = "note_added"
    case assigned
    case statusChanged = "status_changed"
    case priorityChanged = "priority_changed"
    case categoryChanged = "category_changed"
    case tagged
    case slaWarning = "sla_warning"
    case slaBreached = "sla_breached"
    case escalated, paged, acknowledged, closed, reopened, rated
}

/// One entry of the event log: what changed, who did it, when, and the old and new values where there are any.
public struct TicketEvent: Sendable, Equatable {
    public var ticketID: TicketID
    public var kind: EventKind
    public var actor: String
    public var at: Date
    public var oldValue: String?
    public var newValue: String?

    public init(ticketID: TicketID, kind: EventKind, actor: String, at: Date, oldValue: String? = nil, newValue: String? = nil) {
        self.ticketID = ticketID
        self.kind = kind
        self.actor = actor
        self.at = at
        self.oldValue = oldValue
        self.newValue = newValue
    }

    /// The part of this event that moves the SLA clock, if any (only for `EventKind.slaKinds`).
    public var slaEvent: SLATimedEvent? {
        let change: SLAEvent?
        switch kind {
        case .created:
            // "category/priority" in newValue
            let parts = (newValue ?? "").split(separator: "/").map(String.init)
            guard parts.count == 2, let c = Category(rawValue: parts[0]), let p = Priority(rawValue: parts[1]) else { return nil }
            change = .created(c, p)
        case .statusChanged: change = newValue.flatMap(TicketStatus.init(rawValue:)).map(SLAEvent.statusChanged)
        case .priorityChanged: change = newValue.flatMap(Priority.init(rawValue:)).map(SLAEvent.priorityChanged)
        case .categoryChanged: change = newValue.flatMap(Category.init(rawValue:)).map(SLAEvent.categoryChanged)
        case .closed: change = .closed
        case .reopened: change = .reopened
        default: change = nil
        }
        return change.map { SLATimedEvent(at: at, event: $0) }
    }
}

extension EventKind {
    /// The kinds that move the SLA clock (`TicketEvent.slaEvent`): a replay reads only these, and a requester's own
    /// write must be able to read them back (the PostgreSQL policies name the same list).
    public static let slaKinds: [EventKind] = [.created, .statusChanged, .priorityChanged, .categoryChanged, .closed, .reopened]

    /// Kinds a requester's thread does not explain: they do not move `updated_at` in a user's view of a ticket.
    public static let staffOnly: [EventKind] = [.noteAdded, .tagged, .slaWarning, .slaBreached, .paged, .acknowledged]
}
