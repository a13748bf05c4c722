import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Outbox — written with the change that causes it, delivered at least once by the automation runner

    /// Notice kinds about the SLA clock: stale once the ticket is closed.
    static let slaNoticeKinds: [Notice.Kind] = [.slaWarning, .slaBreached, .page]

    /// Writes notifications in the caller's transaction; a (cause, target) already written is skipped, so a cause
    /// never notifies the same target twice.
    static func enqueue(_ db: Database, _ notifications: [OutboxNotification], now: Date) throws {
        for (n, payload) in try OutboxNotification.payloads(notifications) {
            try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (dedupe_key) DO NOTHING
                    """
            ).execute(
                arguments: [
                    n.dedupeKey, n.ticketID?.rawValue, n.target.rawValue, n.cause, n.notice.kind.rawValue, payload,
                    now.timeIntervalSince1970, now.timeIntervalSince1970,
                    n.target.lifetime.map { now.timeIntervalSince1970 + $0 },
                ])
        }
    }

    /// Cancels a ticket's notifications of these kinds that have not been sent yet.
    static func cancelPending(
        _ db: Database, _ id: TicketID, kinds: [Notice.Kind], targets: [NotificationTarget]? = nil, reason: String
    ) throws {
        let kindList = kinds.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let targetFilter = targets.map { " AND target IN (\($0.map { "'\($0.rawValue)'" }.joined(separator: ",")))" } ?? ""
        try db.execute(
            sql: """
                UPDATE outbox SET status = 'cancelled', last_error = ?
                WHERE ticket_id = ? AND status = 'pending' AND kind IN (\(kindList))\(targetFilter)
                """,
            arguments: [reason, id.rawValue])
    }

    /// Outbox rows, newest first, optionally only one status. Staff only (they hold every user's notices).
    public func outbox(status: OutboxStatus? = nil, limit: Int = 100, as principal: Principal) throws(TicketError) -> [OutboxEntry] {
        try AccessRules.require(principal, .viewAutomation)
        return try reading { db in
            let filter = status.map { "WHERE status = '\($0.rawValue)'" } ?? ""
            return try Row.fetchAll(db, sql: "SELECT * FROM outbox \(filter) ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map(OutboxEntry.decode)
        }
    }

    /// One outbox row. Staff only.
    public func outboxEntry(_ id: Int64, as principal: Principal) throws(TicketError) -> OutboxEntry? {
        try AccessRules.require(principal, .viewAutomation)
        return try reading { db in try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(OutboxEntry.decode) }
    }

    /// Puts a dead or cancelled row back to pending (now), and re-enables its target if a 401/403/404 disabled it.
    /// Admins only.
    public func retryOutbox(_ id: Int64, as principal: Principal, now: Date) throws(TicketError) -> OutboxEntry {
        try AccessRules.require(principal, .retryDeliveries)
        return try writing { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]) else {
                throw TicketError.invalidField(field: "id", message: "no outbox entry \(id)")
            }
            let entry = try OutboxEntry.decode(row)
            guard entry.status == .dead || entry.status == .cancelled else {
                throw TicketError.conflict("outbox entry \(id) is \(entry.status.rawValue); only dead or cancelled ones can be retried")
            }
            try Self.requeue(db, "id = ?", [id], now: now)
            try db.execute(sql: "DELETE FROM delivery_targets WHERE target = ?", arguments: [entry.target.rawValue])
            return try OutboxEntry.decode(try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id])!)
        }
    }

    /// Puts every dead row back to pending and re-enables every disabled target. Returns how many rows. Admins only.
    public func retryDeadOutbox(as principal: Principal, now: Date) throws(TicketError) -> Int {
        try AccessRules.require(principal, .retryDeliveries)
        return try writing { db in
            try Self.requeue(db, "status = 'dead'", [], now: now)
            let count = db.changesCount
            try db.execute(sql: "DELETE FROM delivery_targets")
            return count
        }
    }

    private static func requeue(_ db: Database, _ condition: String, _ arguments: StatementArguments, now: Date) throws {
        let t = now.timeIntervalSince1970
        try db.execute(
            sql: """
                UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL,
                    expires_at = CASE WHEN expires_at IS NULL THEN NULL ELSE ? + (expires_at - created_at) END,
                    lease_owner = NULL, lease_until = NULL
                WHERE \(condition)
                """,
            arguments: [t, t] + arguments)
    }

    /// Delivery targets that are paused or disabled.
    public func targetStates() throws(TicketError) -> [TargetState] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM delivery_targets ORDER BY target").map {
                TargetState(
                    target: $0["target"], pausedUntil: ($0["paused_until"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    disabledReason: $0["disabled_reason"],
                    disabledAt: ($0["disabled_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    /// How many rows stand in each status for each target.
    public func outboxCounts() throws(TicketError) -> [(target: String, status: OutboxStatus, count: Int)] {
        try reading { db in
            try Self.liveCounts(db).map { (target: $0.target, status: $0.status, count: $0.count) }
                .sorted { ($0.target, $0.status.rawValue) < ($1.target, $1.status.rawValue) }
        }
    }

    static let liveCountsSQL = """
        SELECT target, 'pending', COUNT(*), MIN(created_at) FROM outbox WHERE status = 'pending' GROUP BY target
        UNION ALL SELECT target, 'sending', COUNT(*), NULL FROM outbox WHERE status = 'sending' GROUP BY target
        UNION ALL SELECT target, 'dead', COUNT(*), NULL FROM outbox WHERE status = 'dead' GROUP BY target
        """

    /// The rows still pending, sending or dead, by target and status, with the oldest pending row's creation time:
    /// each status is counted from its own partial index, never by a walk over the delivered history.
    static func liveCounts(_ db: Database) throws -> [(target: String, status: OutboxStatus, count: Int, oldest: Double?)] {
        try Row.fetchAll(db.cachedStatement(sql: liveCountsSQL)).compactMap { row in
            OutboxStatus(rawValue: row[1]).map { (target: row[0], status: $0, count: row[2], oldest: row[3]) }
        }
    }
}
