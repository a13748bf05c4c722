import Foundation
import PostgresNIO
import Synchronization
import TriageCore

extension PostgresTicketStore: AutomationStoring {
    // MARK: The outbox's delivery, as the worker: rows claimed with SKIP LOCKED and leased to one runner; outcomes
    // recorded in short transactions of their own, never one held across the network

    static let outboxColumns =
        "id, dedupe_key, ticket_id, target, cause, payload, body, status, attempts, created_at, next_attempt_at, expires_at, "
        + "delivered_at, last_status, last_error, remote_id, possibly_doubled"

    public func recoverExpiredLeases(now: Date) async throws(TicketError) -> LeaseRecovery {
        let t = now.timeIntervalSince1970
        return try await transaction(.worker) { c in
            var doubled = 0
            var recovered = 0
            for try await flagged in try await c.query(
                """
                UPDATE triage.outbox SET status = 'pending', possibly_doubled = possibly_doubled OR attempt_started_at IS NOT NULL,
                    lease_owner = NULL, lease_until = NULL
                WHERE status = 'sending' AND lease_until <= \(t)
                RETURNING attempt_started_at IS NOT NULL
                """, logger: logger
            ).decode(Bool.self) {
                recovered += 1
                if flagged { doubled += 1 }
            }
            return LeaseRecovery(recovered: recovered, doubled: doubled)
        }
    }

    public func hasDueDelivery(for target: NotificationTarget, now: Date) async throws(TicketError) -> Bool {
        try await transaction(.worker) { c in
            try await exists(
                c,
                "SELECT 1 FROM triage.outbox WHERE status = 'pending' AND target = \(target.rawValue) AND next_attempt_at <= \(now.timeIntervalSince1970) LIMIT 1"
            )
        }
    }

    public func claimNext(for target: NotificationTarget, owner: String, now: Date, startSending: Bool) async throws(TicketError)
        -> OutboxEntry?
    {
        try await transaction(.worker) { c in try await claim(c, target, owner: owner, now: now, startSending: startSending) }
    }

    /// The claim: one claimer per target at a time (a transaction lock on the target), so that two runners never have
    /// two requests in flight to one webhook; the oldest due row, skipping rows another transaction holds.
    func claim(_ c: PostgresConnection, _ target: NotificationTarget, owner: String, now: Date, startSending: Bool) async throws -> OutboxEntry? {
        let t = now.timeIntervalSince1970
        try await c.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("claim:\(target.rawValue)"), \(PostgresSchema.idempotencyLockSeed)))", logger: logger)
        let blocked = try await exists(
            c,
            """
            SELECT 1 FROM triage.delivery_targets WHERE target = \(target.rawValue) AND (paused_until > \(t) OR disabled_reason IS NOT NULL)
            UNION ALL SELECT 1 FROM triage.outbox WHERE status = 'sending' AND target = \(target.rawValue) AND lease_until > \(t) AND \(target.isChannel)
            LIMIT 1
            """)
        guard !blocked else { return nil }
        while true {
            var claimed: OutboxEntry?
            for try await row in try await c.query(
                """
                UPDATE triage.outbox SET status = 'sending', lease_owner = \(owner), lease_until = \(t + OutboxLease.duration),
                    attempt_started_at = \(startSending ? t : nil)
                WHERE id = (SELECT id FROM triage.outbox WHERE status = 'pending' AND target = \(target.rawValue) AND next_attempt_at <= \(t)
                            ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.outboxColumns)
                """, logger: logger)
            {
                claimed = try Self.decodeEntry(row)
            }
            guard let entry = claimed else { return nil }
            guard let expiry = entry.expiresAt, expiry < now else { return entry }
            try await c.query(
                """
                UPDATE triage.outbox SET status = 'dead', last_error = 'expired before it could be delivered', lease_owner = NULL,
                    lease_until = NULL, attempt_started_at = NULL WHERE id = \(entry.id)
                """, logger: logger)
        }
    }

    public func recordDelivery(_ id: Int64, _ result: DeliveryResult, target: NotificationTarget, now: Date, claimNextFor owner: String?)
        async throws(TicketError) -> OutboxEntry?
    {
        let t = now.timeIntervalSince1970
        return try await transaction(.worker) { c in
            switch result {
            case .delivered(let remoteID, let status):
                try await c.query(
                    """
                    UPDATE triage.outbox SET status = 'delivered', delivered_at = \(t), remote_id = \(remoteID), last_status = \(status),
                        last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = \(id)
                    """, logger: logger)
            case .retry(let at, let error, let status, let counts):
                try await c.query(
                    """
                    UPDATE triage.outbox SET status = 'pending', next_attempt_at = \(at.timeIntervalSince1970), last_error = \(error),
                        last_status = \(status), attempts = attempts + \(counts ? 1 : 0), lease_owner = NULL, lease_until = NULL WHERE id = \(id)
                    """, logger: logger)
            case .dead(let error, let status):
                try await markDead(c, id, error: error, status: status)
            case .disableTarget(let error, let status):
                try await markDead(c, id, error: error, status: status)
                try await c.query(
                    """
                    INSERT INTO triage.delivery_targets (target, disabled_reason, disabled_at) VALUES (\(target.rawValue), \(error), \(t))
                    ON CONFLICT (target) DO UPDATE SET disabled_reason = excluded.disabled_reason, disabled_at = excluded.disabled_at
                    """, logger: logger)
            case .cancelled(let reason):
                try await c.query(
                    "UPDATE triage.outbox SET status = 'cancelled', last_error = \(reason), lease_owner = NULL, lease_until = NULL WHERE id = \(id)",
                    logger: logger)
            }
            guard let owner else { return nil }
            return try await claim(c, target, owner: owner, now: now, startSending: true)
        }
    }

    func markDead(_ c: PostgresConnection, _ id: Int64, error: String, status: Int?) async throws {
        try await c.query(
            """
            UPDATE triage.outbox SET status = 'dead', last_error = \(error), last_status = \(status), attempts = attempts + 1,
                lease_owner = NULL, lease_until = NULL WHERE id = \(id)
            """, logger: logger)
    }

    public func pauseTargets(_ targets: [NotificationTarget], until: Date) async throws(TicketError) {
        try await transaction(.worker) { c in
            for target in targets {
                try await c.query(
                    """
                    INSERT INTO triage.delivery_targets (target, paused_until) VALUES (\(target.rawValue), \(until.timeIntervalSince1970))
                    ON CONFLICT (target) DO UPDATE
                    SET paused_until = GREATEST(COALESCE(triage.delivery_targets.paused_until, 0), excluded.paused_until)
                    """, logger: logger)
            }
        }
    }

    public func cancelUnconfigured(_ target: NotificationTarget, reason: String) async throws(TicketError) -> Int {
        try await transaction(.worker) { c in
            try await count(
                c,
                """
                UPDATE triage.outbox SET status = 'cancelled', last_error = \(reason) WHERE status = 'pending' AND target = \(target.rawValue)
                RETURNING 1
                """)
        }
    }

    public func expireUnclaimed(_ target: NotificationTarget, now: Date) async throws(TicketError) -> Int {
        try await transaction(.worker) { c in
            try await count(
                c,
                """
                UPDATE triage.outbox SET status = 'dead', last_error = 'expired: nobody delivered it in time'
                WHERE status = 'pending' AND target = \(target.rawValue) AND expires_at < \(now.timeIntervalSince1970) RETURNING 1
                """)
        }
    }

    public func releaseLeases(owner: String) async throws(TicketError) {
        try await transaction(.worker) { c in
            _ = try await c.query(
                """
                UPDATE triage.outbox SET status = 'pending', possibly_doubled = possibly_doubled OR attempt_started_at IS NOT NULL,
                    lease_owner = NULL, lease_until = NULL
                WHERE status = 'sending' AND lease_owner = \(owner)
                """, logger: logger)
        }
    }

    public func nextDeliveryDue(targets: [NotificationTarget]) async throws(TicketError) -> Date? {
        try await transaction(.worker) { c in
            var earliest: Double?
            for try await at in try await c.query(
                """
                SELECT min(GREATEST(o.next_at, COALESCE(d.paused_until, 0))) FROM
                    (SELECT target, min(next_attempt_at) AS next_at FROM triage.outbox
                     WHERE status = 'pending' AND target = ANY(\(targets.map(\.rawValue))) GROUP BY target) o
                LEFT JOIN triage.delivery_targets d ON d.target = o.target AND d.disabled_reason IS NULL
                """, logger: logger
            ).decode(Double?.self) {
                earliest = at
            }
            return earliest.map(Date.init(timeIntervalSince1970:))
        }
    }

    public func nextLeaseExpiry() async throws(TicketError) -> Date? {
        try await transaction(.worker) { c in
            var earliest: Double?
            for try await at in try await c.query(
                "SELECT min(lease_until) FROM triage.outbox WHERE status = 'sending' AND target <> 'user'", logger: logger
            ).decode(Double?.self) {
                earliest = at
            }
            return earliest.map(Date.init(timeIntervalSince1970:))
        }
    }

    // MARK: The bot's pull (GET /api/notifications), as the worker once the API has checked the service token

    public func leaseUserNotifications(limit: Int, owner: String, now: Date, lease: TimeInterval) async throws(TicketError) -> [OutboxEntry] {
        let t = now.timeIntervalSince1970
        return try await transaction(.worker) { c in
            try await c.query(
                "UPDATE triage.outbox SET status = 'pending' WHERE status = 'sending' AND target = 'user' AND lease_until <= \(t)", logger: logger)
            var leased: [OutboxEntry] = []
            for try await row in try await c.query(
                """
                UPDATE triage.outbox SET status = 'sending', lease_owner = \(owner), lease_until = \(t + lease), attempt_started_at = \(t)
                WHERE id IN (SELECT id FROM triage.outbox WHERE status = 'pending' AND target = 'user' AND next_attempt_at <= \(t)
                             AND (expires_at IS NULL OR expires_at > \(t)) ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.outboxColumns)
                """, logger: logger)
            {
                leased.append(try Self.decodeEntry(row))
            }
            return leased.sorted { $0.id < $1.id }
        }
    }

    public func acknowledgeUserNotification(_ id: Int64, now: Date) async throws(TicketError) -> Bool {
        try await transaction(.worker) { c in
            var status: String?
            for try await found in try await c.query(
                "SELECT status FROM triage.outbox WHERE id = \(id) AND target = 'user' FOR UPDATE", logger: logger
            ).decode(String.self) {
                status = found
            }
            guard let status else { return false }
            if status != OutboxStatus.delivered.rawValue {
                try await c.query(
                    """
                    UPDATE triage.outbox SET status = 'delivered', delivered_at = \(now.timeIntervalSince1970), lease_owner = NULL, lease_until = NULL
                    WHERE id = \(id)
                    """, logger: logger)
            }
            return true
        }
    }

    // MARK: Runner health and digests

    public func runnerStarted(_ owner: String, now: Date) async throws(TicketError) {
        try await transaction(.worker) { c in
            _ = try await c.query(
                """
                INSERT INTO triage.runners (owner, started_at) VALUES (\(owner), \(now.timeIntervalSince1970))
                ON CONFLICT (owner) DO UPDATE SET started_at = excluded.started_at, stopped_at = NULL
                """, logger: logger)
        }
    }

    public func runnerPassed(_ owner: String, now: Date) async throws(TicketError) {
        try await transaction(.worker) { c in
            _ = try await c.query("UPDATE triage.runners SET last_pass_at = \(now.timeIntervalSince1970) WHERE owner = \(owner)", logger: logger)
        }
    }

    public func runnerStopped(_ owner: String, now: Date) async throws(TicketError) {
        try await transaction(.worker) { c in
            try await c.query("UPDATE triage.runners SET stopped_at = \(now.timeIntervalSince1970) WHERE owner = \(owner)", logger: logger)
            try await c.query("DELETE FROM triage.runners WHERE stopped_at < \(now.timeIntervalSince1970 - 7 * 86_400)", logger: logger)
        }
    }

    public func digestRecorded(kind: String, period: String) async throws(TicketError) -> Bool {
        try await transaction(.worker) { c in try await exists(c, "SELECT 1 FROM triage.digests WHERE kind = \(kind) AND period = \(period)") }
    }

    public func recordDigest(kind: String, period: String, notifications: [OutboxNotification], now: Date) async throws(TicketError) -> Bool {
        try await transaction(.worker) { c in
            let recorded = try await count(
                c,
                "INSERT INTO triage.digests (kind, period, at) VALUES (\(kind), \(period), \(now.timeIntervalSince1970)) ON CONFLICT DO NOTHING RETURNING 1"
            )
            guard recorded == 1 else { return false }
            try await enqueue(c, notifications, now: now)
            return true
        }
    }

    /// The ticket notifications (`listen`): every ticket write, including the ones that enqueue notices and arm
    /// timers, wakes an idle runner at once.
    public func watchCommits() async -> any CommitSignal {
        let signal = PostgresCommitSignal()
        signal.task.withLock { task in
            task = Task { [self] in
                await listen { _ in signal.count.withLock { $0 += 1 } }
            }
        }
        return signal
    }

    // MARK: Helpers

    func exists(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> Bool {
        for try await _ in try await c.query(query, logger: logger) { return true }
        return false
    }

    func count(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> Int {
        var n = 0
        for try await _ in try await c.query(query, logger: logger) { n += 1 }
        return n
    }

    static func decodeEntry(_ row: PostgresRow) throws -> OutboxEntry {
        let r = row.makeRandomAccess()
        func date(_ name: String) throws -> Date? { try r[name].decode(Double?.self).map(Date.init(timeIntervalSince1970:)) }
        func vocabulary<T: RawRepresentable>(_ name: String) throws -> T where T.RawValue == String {
            let raw = try r[name].decode(String.self)
            guard let value = T(rawValue: raw) else { throw TicketError.storage("outbox.\(name) holds an unknown value \(raw.debugDescription)") }
            return value
        }
        let ticket = try r["ticket_id"].decode(String?.self)
        let payload = try r["payload"].decode(String?.self)
        return OutboxEntry(
            id: try r["id"].decode(Int64.self), dedupeKey: try r["dedupe_key"].decode(String.self), ticketID: ticket.flatMap(TicketID.init),
            target: try vocabulary("target"), cause: try r["cause"].decode(String.self),
            notice: payload.flatMap { try? JSONDecoder.notice.decode(Notice.self, from: Data($0.utf8)) },
            legacyText: try r["body"].decode(String?.self), status: try vocabulary("status"), attempts: try r["attempts"].decode(Int.self),
            createdAt: try date("created_at")!, nextAttemptAt: try date("next_attempt_at")!, expiresAt: try date("expires_at"),
            deliveredAt: try date("delivered_at"), lastStatus: try r["last_status"].decode(Int?.self), lastError: try r["last_error"].decode(String?.self),
            remoteID: try r["remote_id"].decode(String?.self), possiblyDoubled: try r["possibly_doubled"].decode(Bool.self))
    }
}

/// PostgreSQL's commit signal: a count of ticket notifications heard on a connection of its own.
final class PostgresCommitSignal: CommitSignal {
    let count = Mutex(0)
    let task = Mutex<Task<Void, Never>?>(nil)

    func version() -> Int? { count.withLock { $0 } }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
    }
}
