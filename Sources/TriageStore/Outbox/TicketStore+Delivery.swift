import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Delivery — claims and outcomes; never a transaction held across a network call

    /// How long a claimed row stays leased to its runner before another may take it over: more than a request's
    /// 10 s timeout, short enough that a crashed runner's page goes out again within seconds.
    public static let deliveryLease: TimeInterval = OutboxLease.duration

    /// Claims the next due row for `target` for `owner` (status `sending`, leased), unless the target is paused or
    /// disabled, or a request to it is already in flight (one request in flight per webhook, across runners).
    /// Rows past their expiry on the way are marked dead. `startSending` also marks the request as leaving (what
    /// `markSending` does), for a caller that sends at once: one transaction instead of two.
    public func claimNext(for target: NotificationTarget, owner: String, now: Date, startSending: Bool = false) throws(TicketError)
        -> OutboxEntry?
    {
        try writing { db in try Self.claim(db, target, owner: owner, now: now, startSending: startSending) }
    }

    static func claim(_ db: Database, _ target: NotificationTarget, owner: String, now: Date, startSending: Bool) throws -> OutboxEntry? {
        let t = now.timeIntervalSince1970
        let blocked =
            try Bool.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT 1 FROM delivery_targets WHERE target = ? AND (paused_until > ? OR disabled_reason IS NOT NULL)
                        UNION ALL SELECT 1 FROM outbox WHERE status = 'sending' AND target = ? AND lease_until > ? AND ?
                        LIMIT 1
                        """), arguments: [target.rawValue, t, target.rawValue, t, target.isChannel]) ?? false
        guard !blocked else { return nil }
        // The oldest due row, read from the head of the index (never a scan of everything pending); one past its
        // expiry is marked dead on the way and the next one tried.
        while let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?, attempt_started_at = ?
                    WHERE id = (SELECT id FROM outbox WHERE status = 'pending' AND target = ? AND next_attempt_at <= ?
                                ORDER BY next_attempt_at, id LIMIT 1)
                    RETURNING *
                    """), arguments: [owner, t + Self.deliveryLease, startSending ? t : nil, target.rawValue, t])
        {
            let entry = try OutboxEntry.decode(row)
            guard let expiry = entry.expiresAt, expiry < now else { return entry }
            try db.cachedStatement(
                sql: """
                    UPDATE outbox SET status = 'dead', last_error = 'expired before it could be delivered', lease_owner = NULL,
                        lease_until = NULL, attempt_started_at = NULL WHERE id = ?
                    """
            ).execute(arguments: [entry.id])
        }
        return nil
    }

    /// Whether `target` has a row due by `now` (a read: the runner takes the write lock only when there is work).
    public func hasDueDelivery(for target: NotificationTarget, now: Date) throws(TicketError) -> Bool {
        try reading { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM outbox WHERE status = 'pending' AND target = ? AND next_attempt_at <= ? LIMIT 1"),
                arguments: [target.rawValue, now.timeIntervalSince1970]) ?? false
        }
    }

    /// Notes that the request for a claimed row is about to leave: if the runner dies from here until the outcome
    /// is recorded, the row is sent again and counted as possibly doubled.
    public func markSending(_ id: Int64, now: Date) throws(TicketError) {
        try writing { db in
            try db.execute(
                sql: "UPDATE outbox SET attempt_started_at = ? WHERE id = ? AND status = 'sending'",
                arguments: [now.timeIntervalSince1970, id])
        }
    }

    /// Records the outcome of a claimed row's delivery attempt.
    /// Records the outcome of a claimed row's delivery attempt; with `claimNextFor`, claims (and starts sending) the
    /// target's next due row for that owner in the same transaction, and returns it.
    @discardableResult
    public func recordDelivery(
        _ id: Int64, _ result: DeliveryResult, target: NotificationTarget, now: Date, claimNextFor owner: String? = nil
    ) throws(TicketError) -> OutboxEntry? {
        let t = now.timeIntervalSince1970
        return try writing { db in
            try Self.record(db, id, result, target: target, t: t)
            return try owner.flatMap { owner in try Self.claim(db, target, owner: owner, now: now, startSending: true) }
        }
    }

    static func record(_ db: Database, _ id: Int64, _ result: DeliveryResult, target: NotificationTarget, t: Double) throws {
            switch result {
            case .delivered(let remoteID, let status):
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'delivered', delivered_at = ?, remote_id = ?, last_status = ?, last_error = NULL,
                            lease_owner = NULL, lease_until = NULL WHERE id = ?
                        """, arguments: [t, remoteID, status, id])
            case .retry(let at, let error, let status, let counts):
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, last_status = ?,
                            attempts = attempts + ?, lease_owner = NULL, lease_until = NULL WHERE id = ?
                        """, arguments: [at.timeIntervalSince1970, error, status, counts ? 1 : 0, id])
            case .dead(let error, let status):
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'dead', last_error = ?, last_status = ?, attempts = attempts + 1,
                            lease_owner = NULL, lease_until = NULL WHERE id = ?
                        """, arguments: [error, status, id])
            case .disableTarget(let error, let status):
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'dead', last_error = ?, last_status = ?, attempts = attempts + 1,
                            lease_owner = NULL, lease_until = NULL WHERE id = ?
                        """, arguments: [error, status, id])
                try db.execute(
                    sql: """
                        INSERT INTO delivery_targets (target, disabled_reason, disabled_at) VALUES (?, ?, ?)
                        ON CONFLICT (target) DO UPDATE SET disabled_reason = excluded.disabled_reason, disabled_at = excluded.disabled_at
                        """, arguments: [target.rawValue, error, t])
            case .cancelled(let reason):
                try db.execute(
                    sql: "UPDATE outbox SET status = 'cancelled', last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?",
                    arguments: [reason, id])
            }
    }

    /// Pauses targets (a rate limit) until `until`.
    public func pauseTargets(_ targets: [NotificationTarget], until: Date) throws(TicketError) {
        try writing { db in
            for target in targets {
                try db.execute(
                    sql: """
                        INSERT INTO delivery_targets (target, paused_until) VALUES (?, ?)
                        ON CONFLICT (target) DO UPDATE SET paused_until = MAX(COALESCE(paused_until, 0), excluded.paused_until)
                        """, arguments: [target.rawValue, until.timeIntervalSince1970])
            }
        }
    }

    /// Cancels every pending row of a target that is not configured, so nothing piles up for it.
    @discardableResult
    public func cancelUnconfigured(_ target: NotificationTarget, reason: String) throws(TicketError) -> Int {
        let any = try reading { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM outbox WHERE status = 'pending' AND target = ? LIMIT 1"), arguments: [target.rawValue])
        }
        guard any == true else { return 0 }
        return try writing { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'cancelled', last_error = ? WHERE status = 'pending' AND target = ?",
                arguments: [reason, target.rawValue])
            return db.changesCount
        }
    }

    /// Marks dead the rows of `target` that outlived their expiry without anyone claiming them (a user's message no
    /// bot pulled within 30 days); returns how many.
    @discardableResult
    public func expireUnclaimed(_ target: NotificationTarget, now: Date) throws(TicketError) -> Int {
        let t = now.timeIntervalSince1970
        let any = try reading { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM outbox WHERE status = 'pending' AND target = ? AND expires_at < ? LIMIT 1"),
                arguments: [target.rawValue, t])
        }
        guard any == true else { return 0 }
        return try writing { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'dead', last_error = 'expired: nobody delivered it in time'
                    WHERE status = 'pending' AND target = ? AND expires_at < ?
                    """, arguments: [target.rawValue, t])
            return db.changesCount
        }
    }

    /// Takes back rows whose runner stopped holding them (a crash, a kill): they go back to pending, and those whose
    /// request had already left are flagged as possibly delivered twice. Returns (recovered, possibly doubled).
    @discardableResult
    public func recoverExpiredLeases(now: Date) throws(TicketError) -> (recovered: Int, doubled: Int) {
        let t = now.timeIntervalSince1970
        let expired = try reading { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM outbox WHERE status = 'sending' AND lease_until <= ? LIMIT 1"), arguments: [t])
        }
        guard expired == true else { return (0, 0) }
        return try writing { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'pending', possibly_doubled = 1, lease_owner = NULL, lease_until = NULL
                    WHERE status = 'sending' AND lease_until <= ? AND attempt_started_at IS NOT NULL
                    """, arguments: [t])
            let doubled = db.changesCount
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'pending', lease_owner = NULL, lease_until = NULL
                    WHERE status = 'sending' AND lease_until <= ?
                    """, arguments: [t])
            return (doubled + db.changesCount, doubled)
        }
    }

    /// Releases the rows `owner` holds (a clean stop): back to pending, flagged if their request had left.
    public func releaseLeases(owner: String) throws(TicketError) {
        try writing { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'pending', possibly_doubled = possibly_doubled OR attempt_started_at IS NOT NULL,
                        lease_owner = NULL, lease_until = NULL
                    WHERE status = 'sending' AND lease_owner = ?
                    """, arguments: [owner])
        }
    }

    /// The earliest instant a pending row of these targets becomes due (nil: none pending), and the earliest pause end.
    public func nextDeliveryDue(targets: [NotificationTarget]) throws(TicketError) -> Date? {
        try reading { db in
            var earliest: Double?
            for target in targets {
                let next = try Double.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending' AND target = ?"),
                    arguments: [target.rawValue])
                let paused = try Double.fetchOne(
                    db.cachedStatement(sql: "SELECT paused_until FROM delivery_targets WHERE target = ? AND disabled_reason IS NULL"),
                    arguments: [target.rawValue])
                if let next { earliest = min(earliest ?? .infinity, max(next, paused ?? 0)) }
            }
            return earliest.map(Date.init(timeIntervalSince1970:))
        }
    }

    /// When the earliest lease on a row being sent runs out (a stopped runner's rows are taken back then).
    public func nextLeaseExpiry() throws(TicketError) -> Date? {
        try reading { db in
            try Double.fetchOne(db, sql: "SELECT MIN(lease_until) FROM outbox WHERE status = 'sending' AND target != 'user'")
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    // MARK: The bot's pull (`GET /api/notifications`) when Triage has no bot token of its own

    /// Leases up to `limit` due notifications for users to the bot for `lease` seconds, oldest first; another bot
    /// instance does not get them while the lease holds. A row leased before and never acknowledged comes back.
    public func leaseUserNotifications(limit: Int, owner: String, now: Date, lease: TimeInterval = 60) throws(TicketError)
        -> [OutboxEntry]
    {
        let t = now.timeIntervalSince1970
        return try writing { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'pending' WHERE status = 'sending' AND target = 'user' AND lease_until <= ?",
                arguments: [t])
            return try Row.fetchAll(
                db,
                sql: """
                    UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?, attempt_started_at = ?
                    WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND target = 'user' AND next_attempt_at <= ?
                                 AND (expires_at IS NULL OR expires_at > ?) ORDER BY next_attempt_at, id LIMIT ?)
                    RETURNING *
                    """, arguments: [owner, t + lease, t, t, t, limit]
            ).map(OutboxEntry.decode).sorted { $0.id < $1.id }
        }
    }

    /// The bot delivered a user notification. Idempotent; `false` when there is no such user notification.
    @discardableResult
    public func acknowledgeUserNotification(_ id: Int64, now: Date) throws(TicketError) -> Bool {
        try writing { db in
            guard
                let status = try String.fetchOne(
                    db, sql: "SELECT status FROM outbox WHERE id = ? AND target = 'user'", arguments: [id])
            else { return false }
            if status != OutboxStatus.delivered.rawValue {
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'delivered', delivered_at = ?, lease_owner = NULL, lease_until = NULL
                        WHERE id = ?
                        """, arguments: [now.timeIntervalSince1970, id])
            }
            return true
        }
    }
}
