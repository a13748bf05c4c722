import Foundation

/// The language of the texts a user receives (SPEC §6): French by default, as the source document.
public enum Language: String, Sendable, Codable, CaseIterable {
    case fr, en

    /// `fr`, `fr-FR`, `en-US`, `EN` …; anything else is French.
    public init(locale: String?) {
        let code = (locale ?? "").lowercased().prefix(2)
        self = code == "en" ? .en : .fr
    }
}

/// What a notification says, as facts: the outbox stores it as JSON when its cause commits, and each target renders it
/// at delivery time (a Discord embed, a user's direct message in their language, a JSON line).
///
/// A notice never carries an internal note: `body` is a public reply or a resolution, nothing else.
public struct Notice: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A ticket was opened (user confirmation, #admin-tickets post, critical page, senior notice).
        case created
        /// An agent answered publicly (to the user).
        case replied
        /// The SLA is about to run out (lead time before due), once per cycle.
        case slaWarning = "sla_warning"
        /// The SLA ran out: escalated, on-call paged (page 1), senior told.
        case slaBreached = "sla_breached"
        /// Page n ≥ 2 of a breach nobody acknowledged yet.
        case page
        /// On-call acknowledged the escalation.
        case acknowledged
        /// The ticket was closed (feedback request to the user, close summary to #admin-tickets).
        case closed
        /// The ticket has waited on the user for `remind_after_hours`.
        case inactivityReminder = "inactivity_reminder"
        /// The ticket was closed after waiting on the user for `close_after_hours`.
        case inactivityClosed = "inactivity_closed"
        /// The daily list of tickets waiting 24h+ for an agent.
        case reminderDigest = "reminder_digest"
        /// The Monday analysis of the week just ended.
        case weeklyReport = "weekly_report"
    }

    public var kind: Kind
    public var ticket: NoticeTicket?
    /// A public reply's text, or the resolution of a close. Never an internal note.
    public var body: String?
    /// Who did it: the replying or closing agent, the acknowledger.
    public var actor: String?
    /// Page number within the cycle's escalation (1 is the breach itself).
    public var page: Int?
    /// Set when the runner found the cause late (it was down): how late, in seconds.
    public var lateSeconds: Double?
    /// Whether the post pings the on-call role (critical tickets, breaches, pages). Only Triage's own role is ever pinged.
    public var pingsOncall: Bool
    /// The digest's period: a local date (`2026-11-25`) or an ISO week (`2026-W47`).
    public var period: String?
    /// The reminder digest's tickets (longest waiting first) and how many there are in all.
    public var reminders: [Reminder]?
    public var reminderTotal: Int?
    /// The weekly report's figures.
    public var stats: StatsJSON?

    public init(
        kind: Kind, ticket: NoticeTicket? = nil, body: String? = nil, actor: String? = nil, page: Int? = nil,
        lateSeconds: Double? = nil, pingsOncall: Bool = false, period: String? = nil, reminders: [Reminder]? = nil,
        reminderTotal: Int? = nil, stats: StatsJSON? = nil
    ) {
        self.kind = kind
        self.ticket = ticket
        self.body = body
        self.actor = actor
        self.page = page
        self.lateSeconds = lateSeconds
        self.pingsOncall = pingsOncall
        self.period = period
        self.reminders = reminders
        self.reminderTotal = reminderTotal
        self.stats = stats
    }
}

/// The ticket as a notice shows it: what staff and the requester may both see (no internal notes; tags only reach
/// staff channels).
public struct NoticeTicket: Sendable, Equatable, Codable {
    public var id: TicketID
    public var userID: UserID
    public var subject: String
    public var category: Category
    public var priority: Priority
    public var status: TicketStatus
    public var assignee: String?
    public var tags: [String]
    public var slaHours: Double
    public var dueAt: Date
    public var cycle: Int
    public var url: String
    public var language: Language

    public init(
        id: TicketID, userID: UserID, subject: String, category: Category, priority: Priority, status: TicketStatus,
        assignee: String?, tags: [String], slaHours: Double, dueAt: Date, cycle: Int, url: String, language: Language = .fr
    ) {
        self.id = id
        self.userID = userID
        self.subject = subject
        self.category = category
        self.priority = priority
        self.status = status
        self.assignee = assignee
        self.tags = tags
        self.slaHours = slaHours
        self.dueAt = dueAt
        self.cycle = cycle
        self.url = url
        self.language = language
    }

    public init(_ ticket: Ticket, url: String, language: Language = .fr) {
        self.init(
            id: ticket.id, userID: ticket.userID, subject: ticket.subject, category: ticket.category, priority: ticket.priority,
            status: ticket.status, assignee: ticket.assignee, tags: ticket.tags, slaHours: ticket.sla.budget.hours,
            dueAt: ticket.sla.dueAt, cycle: ticket.sla.cycle, url: url, language: language)
    }
}
