import Foundation

/// The queue's changes since a version, as `TicketStore.queueChanges(since:as:now:limit:)` reads them.
public struct QueueChanges: Sendable, Equatable {
    /// The ticket counter these changes bring the reader to.
    public var version: Int
    /// The changed tickets still in the queue, as they are now; nil: take a whole snapshot instead.
    public var changed: [Ticket]?
    /// The changed tickets no longer in the queue (closed or deleted).
    public var removed: Set<TicketID>
    public var summary: QueueSummary
    /// What on-call sees of the changed tickets' paging (the escalated ones), read with the changes.
    public var escalations: [TicketID: EscalationInfo]
    /// What the reader last saw of the changed tickets (`TicketStore.lastSeen`), read with the changes.
    public var seen: [TicketID: LastSeen]
    /// The detail the reader has on screen, when that ticket is among the changes: read with them, so one refresh
    /// makes one frame.
    public var detail: TicketDetail?

    public init(
        version: Int, changed: [Ticket]?, removed: Set<TicketID>, summary: QueueSummary,
        escalations: [TicketID: EscalationInfo] = [:], seen: [TicketID: LastSeen] = [:], detail: TicketDetail? = nil
    ) {
        self.version = version
        self.changed = changed
        self.removed = removed
        self.summary = summary
        self.escalations = escalations
        self.seen = seen
        self.detail = detail
    }

    /// The tickets these changes touch (changed or removed), when they are known.
    public var touched: Set<TicketID> { removed.union((changed ?? []).map(\.id)) }
}
