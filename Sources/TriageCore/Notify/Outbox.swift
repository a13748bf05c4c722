import Foundation

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

    public init(
        id: Int64, dedupeKey: String, ticketID: TicketID?, target: NotificationTarget, cause: String, notice: Notice?,
        legacyText: String?, status: OutboxStatus, attempts: Int, createdAt: Date, nextAttemptAt: Date, expiresAt: Date?,
        deliveredAt: Date?, lastStatus: Int?, lastError: String?, remoteID: String?, possiblyDoubled: Bool
    ) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.ticketID = ticketID
        self.target = target
        self.cause = cause
        self.notice = notice
        self.legacyText = legacyText
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.expiresAt = expiresAt
        self.deliveredAt = deliveredAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.remoteID = remoteID
        self.possiblyDoubled = possiblyDoubled
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

    public init(target: String, pausedUntil: Date?, disabledReason: String?, disabledAt: Date?) {
        self.target = target
        self.pausedUntil = pausedUntil
        self.disabledReason = disabledReason
        self.disabledAt = disabledAt
    }
}
