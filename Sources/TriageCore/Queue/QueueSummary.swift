/// The queue's headline counts: what the console's header shows.
public struct QueueSummary: Equatable, Sendable {
    public var open = 0
    public var waiting = 0
    public var breached = 0
    public var warning = 0
    public var critical = 0
    public var unassigned = 0
    /// Whether `breached` and `warning` were counted in this read; a reader that counts them itself from the tickets
    /// it holds asks the store not to (`TicketStore.queueChanges(…countDue:)`), and they are then 0.
    public var dueCounted = true

    public init(open: Int = 0, waiting: Int = 0, breached: Int = 0, warning: Int = 0, critical: Int = 0, unassigned: Int = 0) {
        self.open = open
        self.waiting = waiting
        self.breached = breached
        self.warning = warning
        self.critical = critical
        self.unassigned = unassigned
    }
}
