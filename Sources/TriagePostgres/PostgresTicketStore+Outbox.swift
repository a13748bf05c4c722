import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore {
    // MARK: The outbox as the desk sees it: staff read it (every user's notices: never a requester), admins retry

    public func outbox(status: OutboxStatus?, limit: Int, as principal: Principal) async throws(TicketError) -> [OutboxEntry] {
        try AccessRules.require(principal, .viewAutomation)
        return try await transaction(as: principal) { c in
            var rows: [OutboxEntry] = []
            for try await row in try await c.query(
                """
                SELECT \(unescaped: Self.outboxColumns) FROM triage.outbox WHERE \(status?.rawValue)::text IS NULL OR status = \(status?.rawValue)
                ORDER BY id DESC LIMIT \(max(1, limit))
                """, logger: logger)
            {
                rows.append(try Self.decodeEntry(row))
            }
            return rows
        }
    }

    public func targetStates(as principal: Principal) async throws(TicketError) -> [TargetState] {
        try AccessRules.require(principal, .viewAutomation)
        return try await transaction(as: principal) { c in
            var states: [TargetState] = []
            for try await (target, paused, reason, at) in try await c.query(
                "SELECT target, paused_until, disabled_reason, disabled_at FROM triage.delivery_targets ORDER BY target", logger: logger
            ).decode((String, Double?, String?, Double?).self) {
                states.append(
                    TargetState(
                        target: target, pausedUntil: paused.map(Date.init(timeIntervalSince1970:)), disabledReason: reason,
                        disabledAt: at.map(Date.init(timeIntervalSince1970:))))
            }
            return states
        }
    }

    public func retryOutbox(_ id: Int64, as principal: Principal, now: Date) async throws(TicketError) -> OutboxEntry {
        try AccessRules.require(principal, .retryDeliveries)
        return try await transaction(as: principal) { c in
            var found: OutboxEntry?
            for try await row in try await c.query(
                "SELECT \(unescaped: Self.outboxColumns) FROM triage.outbox WHERE id = \(id) FOR UPDATE", logger: logger)
            {
                found = try Self.decodeEntry(row)
            }
            guard let entry = found else { throw TicketError.invalidField(field: "id", message: "no outbox entry \(id)") }
            guard entry.status == .dead || entry.status == .cancelled else {
                throw TicketError.conflict("outbox entry \(id) is \(entry.status.rawValue); only dead or cancelled ones can be retried")
            }
            let requeued = try await requeue(c, now: now, id: id)
            try await c.query("DELETE FROM triage.delivery_targets WHERE target = \(entry.target.rawValue)", logger: logger)
            return requeued.first ?? entry
        }
    }

    public func retryDeadOutbox(as principal: Principal, now: Date) async throws(TicketError) -> Int {
        try AccessRules.require(principal, .retryDeliveries)
        return try await transaction(as: principal) { c in
            let count = try await requeue(c, now: now, id: nil).count
            try await c.query("DELETE FROM triage.delivery_targets", logger: logger)
            return count
        }
    }

    /// Back to pending now, tries forgotten, the expiry moved by as much: row `id`, or every dead row.
    func requeue(_ c: PostgresConnection, now: Date, id: Int64?) async throws -> [OutboxEntry] {
        let t = now.timeIntervalSince1970
        var rows: [OutboxEntry] = []
        for try await row in try await c.query(
            """
            UPDATE triage.outbox SET status = 'pending', attempts = 0, next_attempt_at = \(t), last_error = NULL,
                expires_at = CASE WHEN expires_at IS NULL THEN NULL ELSE \(t) + (expires_at - created_at) END,
                lease_owner = NULL, lease_until = NULL
            WHERE \(id ?? 0) = id OR (\(id == nil) AND status = 'dead')
            RETURNING \(unescaped: Self.outboxColumns)
            """, logger: logger)
        {
            rows.append(try Self.decodeEntry(row))
        }
        return rows
    }
}
