import Foundation

/// How staff see who opened a ticket (SPEC §2): the requester's Discord display name when one is known, otherwise
/// their snowflake shortened to its last digits (`…4195`). The one place the console, the CLI and the staff digests
/// take that decision from; a bare snowflake is never shown where a name is known.
public enum RequesterName {
    /// How many trailing digits the short form of a snowflake keeps.
    public static let shortDigits = 4

    /// The name when there is one (on one line, every control made visible: names are untrusted user text), else
    /// `shortID(id)`.
    public static func label(_ name: String?, id: UserID) -> String {
        guard let name, !name.isEmpty else { return shortID(id) }
        return TerminalText.sanitize(name)
    }

    /// Whether an event's actor is the requester `id` (SPEC §1: a user, and the bot acting on their behalf, act
    /// under the requester's own Discord id): a requester closing their own ticket is recorded this way.
    public static func isRequester(_ actor: String, of id: UserID) -> Bool { actor == id.description }

    /// A snowflake shortened for display: `…4195` (`…` and its last four digits); an id of up to six digits (tests,
    /// hand-made stores) is shown whole.
    public static func shortID(_ id: UserID) -> String {
        let digits = id.description
        return digits.count <= shortDigits + 2 ? digits : "…" + digits.suffix(shortDigits)
    }
}

extension Ticket {
    /// The requester as staff see them: `RequesterName.label(requesterName, id: userID)`.
    public var requesterLabel: String { RequesterName.label(requesterName, id: userID) }
}

extension Reminder {
    /// The requester as staff see them: `RequesterName.label(requesterName, id: requester)`.
    public var requesterLabel: String { RequesterName.label(requesterName, id: requester) }
}

extension TicketDetail {
    /// Who wrote `message`, as staff see it: the agent's name, or for a user's message the requester's label (any
    /// other user id, shortened).
    public func author(of message: Message) -> String {
        guard message.authorKind == .user else { return message.author }
        if message.author == ticket.userID.description { return ticket.requesterLabel }
        return UserID(message.author).map(RequesterName.shortID) ?? message.author
    }

    /// Who closed the ticket's current cycle, as staff see it: the agent's name (`triage` for the automation runner),
    /// or `Alice (requester)` when the requester closed their own ticket (from the API, a text command or Discord);
    /// `nil` when the ticket is not closed or the event log was not read (a user's view).
    public var closedBy: String? {
        guard ticket.status == .closed, let actor = events.last(where: { $0.kind == .closed })?.actor else { return nil }
        return RequesterName.isRequester(actor, of: ticket.userID) ? "\(ticket.requesterLabel) (requester)" : actor
    }
}
