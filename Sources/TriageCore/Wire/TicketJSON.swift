import Foundation

/// The JSON shape of a ticket, shared by the API answers (SPEC §7) and the CLI's `--json`, so both speak with the
/// same field names. Built only from what the caller may see: pass only the messages their scope allows.
public struct TicketJSON: Encodable, Sendable {
    public struct MessageJSON: Encodable, Sendable {
        public var id: Int64
        public var author: String
        public var authorKind: AuthorKind
        public var body: String
        public var internalNote: Bool
        public var createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, author, body
            case authorKind = "author_kind"
            case internalNote = "internal_note"
            case createdAt = "created_at"
        }

        public init(_ message: Message) {
            id = message.id
            author = message.author
            authorKind = message.authorKind
            body = message.body
            internalNote = message.isInternal
            createdAt = Timestamp.string(message.createdAt)
        }
    }

    public struct SatisfactionJSON: Encodable, Sendable {
        public var rating: Int
        public var comment: String?
    }

    public var ticketID: TicketID
    public var userID: UserID
    /// The requester's Discord display name, when the store knows one (a user only ever reads their own tickets).
    public var userName: String?
    public var subject: String
    public var description: String
    public var category: Category
    public var priority: Priority
    public var status: TicketStatus
    public var assignee: String?
    public var tags: [String]
    public var escalated: Bool
    public var resolution: String?
    public var createdAt: String
    public var updatedAt: String
    public var closedAt: String?
    public var dueAt: String
    public var slaHours: Double
    public var slaRule: SLARule
    public var slaState: SLAState
    public var slaPaused: Bool
    public var slaRemainingSeconds: Int
    public var satisfaction: SatisfactionJSON?
    public var url: String
    public var messages: [MessageJSON]?

    enum CodingKeys: String, CodingKey {
        case subject, description, category, priority, status, assignee, tags, escalated, resolution, satisfaction, url,
            messages
        case ticketID = "ticket_id"
        case userID = "user_id"
        case userName = "user_name"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case closedAt = "closed_at"
        case dueAt = "due_at"
        case slaHours = "sla_hours"
        case slaRule = "sla_rule"
        case slaState = "sla_state"
        case slaPaused = "sla_paused"
        case slaRemainingSeconds = "sla_remaining_seconds"
    }

    /// - Parameters:
    ///   - messages: the thread as the caller may see it, or `nil` to leave the thread out (lists).
    public init(_ ticket: Ticket, messages: [Message]?, now: Date, policy: SLAPolicy, baseURL: String) {
        ticketID = ticket.id
        userID = ticket.userID
        userName = ticket.requesterName
        subject = ticket.subject
        description = ticket.description
        category = ticket.category
        priority = ticket.priority
        status = ticket.status
        assignee = ticket.assignee
        tags = ticket.tags
        escalated = ticket.escalated
        resolution = ticket.resolution
        createdAt = Timestamp.string(ticket.createdAt)
        updatedAt = Timestamp.string(ticket.updatedAt)
        closedAt = ticket.closedAt.map(Timestamp.string)
        dueAt = Timestamp.string(ticket.sla.dueAt)
        slaHours = ticket.sla.budget.hours
        slaRule = ticket.sla.budget.rule
        slaState = ticket.sla.state(now: now, policy: policy)
        slaPaused = ticket.sla.isPaused
        // A running cycle's countdown; a closed one's fixed margin (how long before its due time it was closed).
        slaRemainingSeconds = Int((ticket.sla.countdown(now: now) ?? ticket.sla.closedMargin ?? 0).rounded())
        satisfaction = ticket.satisfaction.map { SatisfactionJSON(rating: $0.rating, comment: $0.comment) }
        url = TicketURL.make(base: baseURL, id: ticket.id)
        self.messages = messages?.map(MessageJSON.init)
    }
}

/// The answer to a ticket creation (SPEC §7): `{"ticket_id", "status", "created_at", "url", "due_at", "sla_hours"}`.
public struct CreatedTicketJSON: Encodable, Sendable {
    public var ticketID: TicketID
    public var status: TicketStatus
    public var createdAt: String
    public var url: String
    public var dueAt: String
    public var slaHours: Double

    enum CodingKeys: String, CodingKey {
        case status, url
        case ticketID = "ticket_id"
        case createdAt = "created_at"
        case dueAt = "due_at"
        case slaHours = "sla_hours"
    }

    public init(_ ticket: Ticket, baseURL: String) {
        ticketID = ticket.id
        status = ticket.status
        createdAt = Timestamp.string(ticket.createdAt)
        url = TicketURL.make(base: baseURL, id: ticket.id)
        dueAt = Timestamp.string(ticket.sla.dueAt)
        slaHours = ticket.sla.budget.hours
    }
}

/// A page of a ticket list, for the API's list answer and `triage ticket list --json`:
/// `{"tickets": [...], "next_cursor": ...}` (`null` on the last page).
public struct TicketPageJSON: Encodable, Sendable {
    public var tickets: [TicketJSON]
    public var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case tickets
        case nextCursor = "next_cursor"
    }

    public init(tickets: [TicketJSON], nextCursor: String?) {
        self.tickets = tickets
        self.nextCursor = nextCursor
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tickets, forKey: .tickets)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// Ticket-tracking links built from the configured base URL (SPEC §6).
public enum TicketURL {
    public static let defaultBase = "https://admin.example.org/tickets"

    public static func make(base: String, id: TicketID) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return "\(trimmed)/\(id)"
    }
}

/// A shared JSON encoder: sorted keys, pretty output, no escaped slashes.
public enum JSONOutput {
    public static func encode(_ value: some Encodable, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
