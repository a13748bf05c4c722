import Foundation

/// One of the source's ticket commands (SPEC §8), parsed: the one grammar behind the `!ticket_*` text commands a
/// gateway bot relays through `POST /api/commands`, the `/ticket` slash command's subcommands, and the CLI's words.
///
/// `ack` has no text form in the source; it exists for the slash command and the page's Acknowledge button (staff).
public enum TextCommand: Sendable, Equatable {
    /// `!ticket_create "Subject" category priority description`
    case create(subject: String, category: Category, priority: Priority, description: String)
    /// `!ticket_list [status]`
    case list(status: TicketStatus?)
    /// `!ticket_view <id>`
    case view(TicketID)
    /// `!ticket_reply <id> <message>`
    case reply(TicketID, message: String)
    /// `!ticket_close <id> [resolution]`
    case close(TicketID, resolution: String?)
    /// `!ticket_stats` (staff)
    case stats
    /// `/ticket ack <id>` (staff)
    case ack(TicketID)

    /// The command's name as the text grammar spells it after `!ticket_` (and the slash subcommand's name).
    public var name: String {
        switch self {
        case .create: "create"
        case .list: "list"
        case .view: "view"
        case .reply: "reply"
        case .close: "close"
        case .stats: "stats"
        case .ack: "ack"
        }
    }
}
