import Foundation
import GRDB
import TriageCore

/// Where an outbox row stands: `pending → sending → delivered | dead | cancelled` (a failed try goes back to
/// `pending` with a later `next_attempt_at`).
public enum OutboxStatus: String, Vocabulary {
    case pending, sending, delivered, dead, cancelled
    public static let fieldName = "status"
}

/// One notification of the outbox with its delivery bookkeeping.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var dedupeKey: String
    public var ticketID: TicketID?
    public var target: NotificationTarget
    public var cause: String
    /// The facts to render; `nil` only for rows written before notices existed (see `legacyText`).
    public var notice: Notice?
    public var legacyText: String?
    public var status: OutboxStatus
    /// Failed tries (rate limits are not failures and do not count).
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var expiresAt: Date?
    public var deliveredAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var remoteID: String?
    /// A runner stopped after sending this and before recording it, so it may have been delivered twice.
    public var possiblyDoubled: Bool

    static func decode(_ row: Row) throws -> OutboxEntry {
        func date(_ column: String) -> Date? { (row[column] as Double?).map { Date(timeIntervalSince1970: $0) } }
        let payload: String? = row["payload"]
        return try OutboxEntry(
            id: row["id"], dedupeKey: row["dedupe_key"],
            ticketID: (row["ticket_id"] as String?).map { try StrictColumn.ticketID($0, column: "outbox.ticket_id") },
            target: StrictColumn.value(row["target"], column: "outbox.target"), cause: row["cause"],
            notice: payload.flatMap { try? JSONDecoder.notice.decode(Notice.self, from: Data($0.utf8)) },
            legacyText: row["body"], status: StrictColumn.value(row["status"], column: "outbox.status"), attempts: row["attempts"],
            createdAt: date("created_at")!, nextAttemptAt: date("next_attempt_at")!, expiresAt: date("expires_at"),
            deliveredAt: date("delivered_at"), lastStatus: row["last_status"], lastError: row["last_error"],
            remoteID: row["remote_id"], possiblyDoubled: row["possibly_doubled"])
    }
}

/// What became of one delivery attempt, as the runner reports it to the store.
public enum DeliveryResult: Sendable, Equatable {
    /// Sent; Discord's message id when it gave one.
    case delivered(remoteID: String?, status: Int?)
    /// Try again at `at`; `countsAsAttempt` is false for a rate limit, which is not a failure.
    case retry(at: Date, error: String, status: Int?, countsAsAttempt: Bool)
    /// Give up on this row (a rendering bug Discord refused, or expired).
    case dead(error: String, status: Int?)
    /// Give up on this row and stop using its target until an admin runs `triage outbox retry` (401, 403, 404).
    case disableTarget(error: String, status: Int?)
    /// Not sent and never will be (no such target configured).
    case cancelled(reason: String)
}

/// A target's delivery state: paused by a rate limit until a time, or disabled with a reason.
public struct TargetState: Sendable, Equatable {
    public var target: String
    public var pausedUntil: Date?
    public var disabledReason: String?
    public var disabledAt: Date?
}
