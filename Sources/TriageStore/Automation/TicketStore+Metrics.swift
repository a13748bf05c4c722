import Foundation
import GRDB
import TriageCore

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
}

extension TicketStore {
    /// The figures of `StoreMetrics` at `now`.
    public func metrics(now: Date) throws(TicketError) -> StoreMetrics {
        let policy = self.policy
        let t = now.timeIntervalSince1970
        return try reading { db in
            var m = StoreMetrics()
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT status, priority, category, COUNT(*), SUM(assignee IS NULL) FROM tickets
                    WHERE queue_rank IS NOT NULL GROUP BY status, priority, category
                    """)
            {
                m.tickets[[row[0], row[1], row[2]]] = row[3]
                m.unassigned += row[4] as Int
            }
            for priority in Priority.allCases {
                let lead = t + policy.warningLead(for: priority)
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*), COALESCE(SUM(due_at <= ?), 0), COALESCE(SUM(due_at > ? AND due_at <= ?), 0) FROM tickets
                        WHERE queue_rank IS NOT NULL AND status = 'open' AND priority_rank = ?
                        """, arguments: [t, t, lead, priority.rank])!
                let (all, breached, warning): (Int, Int, Int) = (row[0], row[1], row[2])
                m.sla[["breached", priority.rawValue]] = breached
                m.sla[["warning", priority.rawValue]] = warning
                m.sla[["ok", priority.rawValue]] = all - breached - warning
            }
            m.created = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets") ?? 0
            m.breaches = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sla_facts WHERE kind = 'breach'") ?? 0
            m.unacknowledgedEscalations =
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM tickets WHERE queue_rank IS NOT NULL AND escalated = 1 AND acknowledged_at IS NULL")
                ?? 0
            for row in try Self.liveCounts(db) {
                m.outbox[[row.target, row.status.rawValue]] = row.count
                if let oldest = row.oldest { m.oldestPendingAge[row.target] = max(0, t - oldest) }
            }
            m.lastRunnerPass = try Double.fetchOne(db, sql: "SELECT MAX(last_pass_at) FROM runners").map(Date.init(timeIntervalSince1970:))
            return m
        }
    }
}
