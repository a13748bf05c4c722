import Foundation
import GRDB
import TriageCore

/// A notification waiting in the outbox, with its delivery bookkeeping.
public struct PendingNotification: Sendable, Equatable {
    public var id: Int64
    public var notification: OutboxNotification
    public var attempts: Int
    public var nextAttemptAt: Date

    public var text: String { notification.text }
}

extension TicketStore {
    // MARK: Outbox — written with the change that causes it; delivered at least once by the automation

    /// Undelivered notifications due by `now` (all of them when `now` is nil), oldest first.
    public func pendingNotifications(due now: Date? = nil, limit: Int) throws(TicketError) -> [PendingNotification] {
        try reading { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                arguments: [now?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude, limit]
            ).map { row in
                PendingNotification(
                    id: row["id"],
                    notification: OutboxNotification(
                        ticketID: TicketID(row["ticket_id"] as String)!,
                        target: NotificationTarget(rawValue: row["target"]) ?? .adminTickets,
                        cause: row["cause"], text: row["body"]),
                    attempts: row["attempts"], nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]))
            }
        }
    }

    /// Records a delivery (or a failed attempt, retried after `retryAfter`).
    public func markNotification(_ id: Int64, delivered: Bool, error: String? = nil, retryAfter: TimeInterval = 60, now: Date)
        throws(TicketError)
    {
        try writing { db in
            if delivered {
                try db.execute(
                    sql: "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                    arguments: [now.timeIntervalSince1970, id])
            } else {
                try db.execute(
                    sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    arguments: [error, now.addingTimeInterval(retryAfter).timeIntervalSince1970, id])
            }
        }
    }
}
