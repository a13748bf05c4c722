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

    public init(version: Int, changed: [Ticket]?, removed: Set<TicketID>, summary: QueueSummary) {
        self.version = version
        self.changed = changed
        self.removed = removed
        self.summary = summary
    }
}
