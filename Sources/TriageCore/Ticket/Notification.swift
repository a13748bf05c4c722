import Foundation

/// Where a notification goes (SPEC §6): a Discord channel through its webhook, the requester (a direct message, or
/// pulled by the bot), or the JSON-lines log file.
public enum NotificationTarget: String, Sendable, Codable, CaseIterable {
    case adminTickets = "admin-tickets"
    case oncall, senior, user, log

    /// Discord channel targets (webhooks): one request in flight each, paused by rate limits, disabled by a 404.
    public var isChannel: Bool { self == .adminTickets || self == .oncall || self == .senior }

    /// How long a notification stays worth sending: a channel post goes stale in a day, a user's message in 30 days.
    public var lifetime: TimeInterval? {
        switch self {
        case .adminTickets, .oncall, .senior: 86_400
        case .user: 30 * 86_400
        case .log: nil
        }
    }
}

/// A notification the store writes to its outbox in the same transaction as the change that caused it.
///
/// `cause` names the fact (`created:TKT…`, `sla_breached:TKT…:c2`, `digest:weekly:2026-W47`); with the target it is
/// the outbox row's unique dedupe key, so a cause never notifies the same target twice. The notice never contains an
/// internal note.
public struct OutboxNotification: Sendable, Equatable {
    public var ticketID: TicketID?
    public var target: NotificationTarget
    public var cause: String
    public var notice: Notice

    public init(ticketID: TicketID?, target: NotificationTarget, cause: String, notice: Notice) {
        self.ticketID = ticketID
        self.target = target
        self.cause = cause
        self.notice = notice
    }

    public var dedupeKey: String { "\(cause)|\(target.rawValue)" }
}

/// The automations of SPEC §6, as pure functions from a fact to its notifications. Every cause also goes to the log.
public enum Automations {
    /// The name the automations act under in the event log (a reserved token name).
    public static let actor = "triage"

    static func fanOut(_ ticketID: TicketID?, cause: String, _ targets: [(NotificationTarget, Notice)]) -> [OutboxNotification] {
        var out = targets.map { OutboxNotification(ticketID: ticketID, target: $0.0, cause: cause, notice: $0.1) }
        if let first = targets.first { out.append(OutboxNotification(ticketID: ticketID, target: .log, cause: cause, notice: first.1)) }
        return out
    }

    /// A new ticket: the user's confirmation, the #admin-tickets post; critical pages on-call at once, high tells
    /// the senior team.
    public static func created(_ ticket: Ticket, url: String, language: Language = .fr) -> [OutboxNotification] {
        let facts = NoticeTicket(ticket, url: url, language: language)
        var targets: [(NotificationTarget, Notice)] = [
            (.adminTickets, Notice(kind: .created, ticket: facts)),
            (.user, Notice(kind: .created, ticket: facts)),
        ]
        switch ticket.priority {
        case .critical: targets.append((.oncall, Notice(kind: .created, ticket: facts, pingsOncall: true)))
        case .high: targets.append((.senior, Notice(kind: .created, ticket: facts)))
        case .medium, .low: break
        }
        return fanOut(ticket.id, cause: "created:\(ticket.id)", targets)
    }

    /// An agent's public reply, relayed to the requester. `messageID` keeps each reply its own cause.
    public static func agentReplied(_ ticket: Ticket, messageID: Int64, body: String, agent: String, url: String) -> [OutboxNotification] {
        let notice = Notice(kind: .replied, ticket: NoticeTicket(ticket, url: url), body: body, actor: agent)
        return fanOut(ticket.id, cause: "reply:\(ticket.id):\(messageID)", [(.user, notice)])
    }

    /// Closing asks the user for feedback (unless the agent chose not to notify) and posts a close summary.
    public static func closed(_ ticket: Ticket, notifyUser: Bool, agent: String, url: String) -> [OutboxNotification] {
        let notice = Notice(kind: .closed, ticket: NoticeTicket(ticket, url: url), body: ticket.resolution, actor: agent)
        var targets: [(NotificationTarget, Notice)] = [(.adminTickets, notice)]
        if notifyUser { targets.append((.user, notice)) }
        return fanOut(ticket.id, cause: "closed:\(ticket.id):c\(ticket.sla.cycle)", targets)
    }

    /// The warning lead time has come: remind the assignee, or the team when unassigned (#admin-tickets names them).
    public static func slaWarning(_ ticket: Ticket, url: String) -> [OutboxNotification] {
        let notice = Notice(kind: .slaWarning, ticket: NoticeTicket(ticket, url: url), actor: ticket.assignee)
        return fanOut(ticket.id, cause: "sla_warning:\(ticket.id):c\(ticket.sla.cycle)", [(.adminTickets, notice)])
    }

    /// The SLA ran out: page on-call (the role is mentioned) and tell the senior team.
    public static func slaBreached(_ ticket: Ticket, page: Int, lateBy: TimeInterval?, url: String) -> [OutboxNotification] {
        let facts = NoticeTicket(ticket, url: url)
        return fanOut(
            ticket.id, cause: "sla_breached:\(ticket.id):c\(ticket.sla.cycle)",
            [
                (.oncall, Notice(kind: .slaBreached, ticket: facts, actor: ticket.assignee, page: page, lateSeconds: lateBy, pingsOncall: true)),
                (.senior, Notice(kind: .slaBreached, ticket: facts, actor: ticket.assignee, page: page, lateSeconds: lateBy)),
            ])
    }

    /// Page `n` of a breach nobody acknowledged.
    public static func page(_ ticket: Ticket, n: Int, url: String) -> [OutboxNotification] {
        let notice = Notice(kind: .page, ticket: NoticeTicket(ticket, url: url), actor: ticket.assignee, page: n, pingsOncall: true)
        return fanOut(ticket.id, cause: "page:\(ticket.id):c\(ticket.sla.cycle):n\(n)", [(.oncall, notice)])
    }

    /// On-call acknowledged: the on-call channel hears who did (no ping).
    public static func acknowledged(_ ticket: Ticket, by agent: String, url: String) -> [OutboxNotification] {
        let notice = Notice(kind: .acknowledged, ticket: NoticeTicket(ticket, url: url), actor: agent)
        return fanOut(ticket.id, cause: "ack:\(ticket.id):c\(ticket.sla.cycle)", [(.oncall, notice)])
    }

    /// The ticket has waited on the user too long: remind them (once per wait).
    public static func inactivityReminder(_ ticket: Ticket, waitingSince: Date, url: String) -> [OutboxNotification] {
        let notice = Notice(kind: .inactivityReminder, ticket: NoticeTicket(ticket, url: url))
        return fanOut(
            ticket.id, cause: "inactivity_reminder:\(ticket.id):\(Int(waitingSince.timeIntervalSince1970))", [(.user, notice)])
    }

    /// Closed after waiting on the user for `close_after_hours`: tell the user and #admin-tickets.
    public static func inactivityClosed(_ ticket: Ticket, url: String) -> [OutboxNotification] {
        let notice = Notice(kind: .inactivityClosed, ticket: NoticeTicket(ticket, url: url), body: ticket.resolution)
        return fanOut(ticket.id, cause: "inactivity_closed:\(ticket.id):c\(ticket.sla.cycle)", [(.user, notice), (.adminTickets, notice)])
    }

    /// The daily digest of tickets waiting 24h+ for an agent (`period` is the local date).
    public static func reminderDigest(period: String, reminders: [Reminder], total: Int) -> [OutboxNotification] {
        let notice = Notice(kind: .reminderDigest, period: period, reminders: reminders, reminderTotal: total)
        return fanOut(nil, cause: "digest:reminder:\(period)", [(.adminTickets, notice)])
    }

    /// The Monday analysis of the week just ended (`period` is its ISO week).
    public static func weeklyReport(period: String, stats: StatsJSON) -> [OutboxNotification] {
        let notice = Notice(kind: .weeklyReport, period: period, stats: stats)
        return fanOut(nil, cause: "digest:weekly:\(period)", [(.adminTickets, notice)])
    }
}
