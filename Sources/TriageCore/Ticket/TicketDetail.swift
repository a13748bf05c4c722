/// What a principal may see of one ticket: the ticket and its thread (internal notes only for staff), and for
/// staff the event log.
public struct TicketDetail: Sendable, Equatable {
    public var ticket: Ticket
    public var messages: [Message]
    public var events: [TicketEvent]

    public init(ticket: Ticket, messages: [Message], events: [TicketEvent]) {
        self.ticket = ticket
        self.messages = messages
        self.events = events
    }

    /// The id of the newest message in the thread (0 when there is none): what "since" means for what changed.
    public var newestMessage: Int64 { messages.map(\.id).max() ?? 0 }
}

/// Which editor a console draft belongs to: the public reply or the internal note.
public enum DraftKind: String, Sendable, CaseIterable {
    case reply, note
}
