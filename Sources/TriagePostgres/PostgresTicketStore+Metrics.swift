import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore {
    /// `GET /metrics`'s gauges, read as `triage_worker` (they are counts over every user's tickets; no id leaves).
    public func metrics(now: Date) async throws(TicketError) -> StoreMetrics {
        let t = now.timeIntervalSince1970
        return try await transaction(.worker, kind: .snapshot) { c in
            let policy = try await currentPolicy(c)
            var m = StoreMetrics()
            let live = try await c.query(
                """
                SELECT status, priority, category, count(*)::int8, (count(*) FILTER (WHERE assignee IS NULL))::int8 FROM triage.tickets
                WHERE queue_rank IS NOT NULL GROUP BY status, priority, category
                """, logger: logger)
            for try await (status, priority, category, count, unassigned) in live.decode((String, String, String, Int, Int).self) {
                m.tickets[[status, priority, category]] = count
                m.unassigned += unassigned
            }
            for priority in Priority.allCases {
                let lead = t + policy.warningLead(for: priority)
                let due = try await c.query(
                    """
                    SELECT count(*)::int8, (count(*) FILTER (WHERE due_at <= \(t)))::int8,
                           (count(*) FILTER (WHERE due_at > \(t) AND due_at <= \(lead)))::int8
                    FROM triage.tickets WHERE queue_rank IS NOT NULL AND status = 'open' AND priority_rank = \(priority.rank)
                    """, logger: logger)
                for try await (all, breached, warning) in due.decode((Int, Int, Int).self) {
                    m.setSLA(priority, all: all, breached: breached, warning: warning)
                }
            }
            m.created = try await int(c, "SELECT count(*)::int8 FROM triage.tickets")
            m.breaches = try await int(c, "SELECT count(*)::int8 FROM triage.sla_facts WHERE kind = 'breach'")
            m.unacknowledgedEscalations = try await int(
                c, "SELECT count(*)::int8 FROM triage.tickets WHERE queue_rank IS NOT NULL AND escalated AND acknowledged_at IS NULL")
            let outbox = try await c.query(
                """
                SELECT target, status, count(*)::int8, min(created_at) FILTER (WHERE status = 'pending') FROM triage.outbox
                WHERE status IN ('pending', 'sending', 'dead') GROUP BY target, status
                """, logger: logger)
            for try await (target, status, count, oldest) in outbox.decode((String, String, Int, Double?).self) {
                m.outbox[[target, status]] = count
                if let oldest { m.oldestPendingAge[target] = max(0, t - oldest) }
            }
            let pass = try await c.query("SELECT max(last_pass_at) FROM triage.runners", logger: logger)
            for try await at in pass.decode(Double?.self) { m.lastRunnerPass = at.map(Date.init(timeIntervalSince1970:)) }
            return m
        }
    }
}
