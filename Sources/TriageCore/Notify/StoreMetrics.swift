import Foundation

/// The business figures `GET /metrics` exposes, computed from the store at scrape time: every process writes the
/// store, so counters kept in one process would undercount.
public struct StoreMetrics: Sendable, Equatable {
    /// Live tickets (open and waiting) by status, priority and category.
    public var tickets: [[String]: Int] = [:]
    /// Open tickets by SLA state (`ok`, `warning`, `breached`) and priority.
    public var sla: [[String]: Int] = [:]
    public var unassigned = 0
    public var created = 0
    /// `sla_breached` facts, by priority of the ticket now.
    public var breaches = 0
    public var unacknowledgedEscalations = 0
    /// Outbox rows by target and status (`pending`, `sending`, `dead`), and the oldest pending row's age per target.
    public var outbox: [[String]: Int] = [:]
    public var oldestPendingAge: [String: Double] = [:]
    public var lastRunnerPass: Date?

    public init() {}
}

extension StoreMetrics {
    /// The SLA gauge of one priority from its open tickets: how many in all, past due, and due within the warning
    /// lead (the rest are ok).
    public mutating func setSLA(_ priority: Priority, all: Int, breached: Int, warning: Int) {
        sla[["breached", priority.rawValue]] = breached
        sla[["warning", priority.rawValue]] = warning
        sla[["ok", priority.rawValue]] = all - breached - warning
    }
}
