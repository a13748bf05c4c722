import Foundation

/// Where a notification goes (SPEC §6): a Discord channel through its webhook, or the requester through the bot.
public enum NotificationTarget: String, Sendable, Codable, CaseIterable {
    case adminTickets = "admin-tickets"
    case oncall, senior, user
}

/// A notification the store writes to its outbox in the same transaction as the change that caused it.
///
/// `cause` makes it idempotent: one notification per (target, cause). The text never contains an internal note.
public struct OutboxNotification: Sendable, Equatable {
    public var ticketID: TicketID
    public var target: NotificationTarget
    public var cause: String
    public var text: String

    public init(ticketID: TicketID, target: NotificationTarget, cause: String, text: String) {
        self.ticketID = ticketID
        self.target = target
        self.cause = cause
        self.text = text
    }
}

/// The automations of SPEC §6 that fire on a store change, as pure functions from the change to its notifications.
public enum Automations {
    public static func created(_ ticket: Ticket, url: String) -> [OutboxNotification] {
        let cause = "created"
        let summary = "\(ticket.id) [\(ticket.priority.rawValue)/\(ticket.category.rawValue)] \(ticket.subject)"
        var out = [
            OutboxNotification(
                ticketID: ticket.id, target: .user, cause: cause,
                text:
                    "Your ticket \(ticket.id) \"\(ticket.subject)\" is open. We aim to answer within \(Int(ticket.sla.budget.hours))h. Follow it at \(url)"
            ),
            OutboxNotification(ticketID: ticket.id, target: .adminTickets, cause: cause, text: "New ticket \(summary) \(url)"),
        ]
        switch ticket.priority {
        case .critical:
            out.append(
                OutboxNotification(ticketID: ticket.id, target: .oncall, cause: cause, text: "@oncall critical ticket \(summary) \(url)"))
        case .high:
            out.append(
                OutboxNotification(ticketID: ticket.id, target: .senior, cause: cause, text: "High-priority ticket \(summary) \(url)"))
        case .medium, .low: break
        }
        return out
    }

    /// An agent's public reply, relayed to the requester. `messageID` keeps each reply its own cause.
    public static func agentReplied(_ ticket: Ticket, messageID: Int64, body: String) -> [OutboxNotification] {
        [OutboxNotification(ticketID: ticket.id, target: .user, cause: "reply:\(messageID)", text: "New answer on \(ticket.id): \(body)")]
    }

    /// Closing asks the user for feedback (unless the agent chose not to notify).
    public static func closed(_ ticket: Ticket, cycle: Int, notifyUser: Bool) -> [OutboxNotification] {
        guard notifyUser else { return [] }
        let resolution = ticket.resolution.map { " Resolution: \($0)." } ?? ""
        return [
            OutboxNotification(
                ticketID: ticket.id, target: .user, cause: "closed:\(cycle)",
                text: "Your ticket \(ticket.id) is closed.\(resolution) How did we do? Rate us from 1 to 5 stars.")
        ]
    }
}
