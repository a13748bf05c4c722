import Foundation
import GRDB
import TriageCore

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
                m.setSLA(priority, all: row[0], breached: row[1], warning: row[2])
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
