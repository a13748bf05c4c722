import Foundation

/// The tickets as every front end uses them (SPEC §10): one contract, two backends — the SQLite file
/// (`SQLiteTicketStore` over `TicketStore`) and PostgreSQL (`PostgresTicketStore`) — held to it by one conformance
/// suite. Every read and write takes the acting principal; a foreign ticket looks missing; a write is one
/// transaction that keeps the ticket, its events, its SLA columns and its outbox rows consistent. Async, because the
/// PostgreSQL client is.
///
/// The decisions (who may do what, what a change does to a ticket, its events and notices) are `AccessRules`,
/// `TicketTransitions`, `TicketInput` and `Automations`, in Core; each backend keeps only its SQL.
public protocol TicketStoring: Sendable {
    /// Where tracking links point (`TicketURL`).
    var baseURL: String { get }
    /// The SLA policy in force (every process applies the store's).
    func policy(as principal: Principal) async throws(TicketError) -> SLAPolicy

    /// Opens a ticket for `new.requester` (users and the service only for the user they act for).
    func create(_ new: NewTicket, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    /// The ticket as `principal` may see it.
    func ticket(_ id: String, as principal: Principal) async throws(TicketError) -> Ticket
    /// The ticket with its thread (internal notes for staff only) and, for staff, its event log.
    func detail(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail
    /// The queue in SLA order (or the closed list), scoped to `principal`, a page at a time.
    func queue(_ filter: QueueFilter, as principal: Principal, after cursor: QueueCursor?) async throws(TicketError) -> QueuePage
    /// Ticket `id`'s place in the queue (1 at the top; every requester's open tickets count, only the count is told)
    /// and the usual first-response time of recent weeks: what a requester hears when their ticket is created.
    func place(of id: TicketID, as principal: Principal, now: Date) async throws(TicketError) -> QueuePlace

    func reply(_ id: String, body: String, internal isInternal: Bool, keepOpen: Bool, as principal: Principal, now: Date) async throws(TicketError)
        -> Message
    func close(_ id: String, resolution: String?, notifyUser: Bool, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func reopen(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func assign(_ id: String, to assignee: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func setPriority(_ id: String, _ priority: Priority, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func setCategory(_ id: String, _ category: Category, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func setStatus(_ id: String, _ status: TicketStatus, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func tag(_ id: String, add: [String], remove: [String], as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func escalate(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func acknowledge(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func rate(_ id: String, rating: Int, comment: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket

    /// A ticket and its thread as `principal` may see it (no internal notes for requesters), without the event log:
    /// what the API answers for one ticket.
    func thread(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail

    /// Opens a ticket once per idempotency key: the first request opens it and stores `answer(ticket)` with the key
    /// in the same transaction; a retry (same caller, key and request) within `IdempotencyKey.retention` gets that
    /// answer again, marked replayed, and opens nothing; the same key with another request is an invalid field.
    func create(_ new: NewTicket, as principal: Principal, now: Date, key: IdempotencyKey, answer: @escaping @Sendable (Ticket) -> StoredAnswer)
        async throws(TicketError) -> StoredAnswer
    /// Adds a message once per idempotency key, with the keyed `create`'s rules.
    func reply(
        _ id: String, body: String, internal isInternal: Bool, as principal: Principal, now: Date, key: IdempotencyKey,
        answer: @escaping @Sendable (Message) -> StoredAnswer
    ) async throws(TicketError) -> StoredAnswer

    /// A number that moves whenever any ticket changes (a commit of any process), for caches keyed on it. It tells
    /// nothing about any ticket, so any caller may read it.
    func changeCounter() async throws(TicketError) -> Int

    /// The business gauges of `GET /metrics` at `now`: counts only, never an id (the route lets loopback callers
    /// and admins read them).
    func metrics(now: Date) async throws(TicketError) -> StoreMetrics

    // MARK: The SLA policy every process applies

    /// Makes `policy` the one in force (admins only) and recomputes the due time of every ticket not closed from its
    /// event log under it; how many were recomputed (0, and no new version, when it is unchanged).
    func setPolicy(_ policy: SLAPolicy, as principal: Principal, now: Date) async throws(TicketError) -> Int
    /// Who set the policy, and when (newest first); empty while the defaults are in force.
    func policyHistory(as principal: Principal) async throws(TicketError) -> [PolicyVersion]

    // MARK: Weekly stats (SPEC §5), staff only

    /// The weekly figures, KPIs and recommendations for `week`: a past week from its own history, the week in
    /// progress "so far".
    func weeklyStats(_ week: ISOWeek, as principal: Principal, now: Date) async throws(TicketError) -> WeeklyStats
    /// Open tickets that have waited for an agent longer than the policy's reminder threshold, longest first.
    func reminders(as principal: Principal, now: Date, limit: Int) async throws(TicketError) -> [Reminder]

    // MARK: The bot's pull of user notifications (the API checks the service token first)

    /// Leases up to `limit` due notifications for users to `owner` for `lease` seconds, oldest first; another bot
    /// instance does not get them while the lease holds; one leased before and never acknowledged comes back.
    func leaseUserNotifications(limit: Int, owner: String, now: Date, lease: TimeInterval) async throws(TicketError) -> [OutboxEntry]
    /// The bot delivered a user notification. Idempotent; false when there is no such user notification.
    func acknowledgeUserNotification(_ id: Int64, now: Date) async throws(TicketError) -> Bool

    // MARK: The outbox as the desk sees it (staff; retrying is for admins)

    /// Outbox rows, newest first, optionally of one status.
    func outbox(status: OutboxStatus?, limit: Int, as principal: Principal) async throws(TicketError) -> [OutboxEntry]
    /// The delivery targets that are paused or disabled.
    func targetStates(as principal: Principal) async throws(TicketError) -> [TargetState]
    /// Puts a dead or cancelled row back to pending (now), and re-enables its target.
    func retryOutbox(_ id: Int64, as principal: Principal, now: Date) async throws(TicketError) -> OutboxEntry
    /// Puts every dead row back to pending and re-enables every target; how many rows.
    func retryDeadOutbox(as principal: Principal, now: Date) async throws(TicketError) -> Int

    // MARK: Discord interactions, exactly once (the API checks Discord's signature first)

    /// Claims interaction `id` before any work: new, answered before (its stored answer), or in progress.
    func claimInteraction(_ id: String, now: Date) async throws(TicketError) -> InteractionClaim
    /// Gives up a claim whose work did not happen; an answered id is kept.
    func releaseInteraction(_ id: String) async throws(TicketError)
    /// Records the answer given to interaction `id`, the one its redeliveries get.
    func recordInteractionResponse(_ id: String, response: String, now: Date) async throws(TicketError)

    // MARK: API tokens (`APITokens` holds their rules)

    /// Creates a token (admins only) and returns its secret, shown once and stored only as a hash.
    func createToken(role: Role, userID: UserID?, name: String?, as principal: Principal, now: Date) async throws(TicketError)
        -> CreatedToken
    /// Every token, revoked ones included (admins only).
    func tokens(as principal: Principal) async throws(TicketError) -> [APIToken]
    /// Revokes a token by id, or every live token of a name (admins only); it stops working at once everywhere.
    func revokeToken(_ reference: TokenReference, as principal: Principal, now: Date) async throws(TicketError) -> [APIToken]
    /// The live token `secret` proves, or nil. With `recordingUse`, its last use is written when the recorded one
    /// is at least `APITokens.lastUseResolution` old; without, it is a pure read.
    func authenticate(_ secret: String, now: Date, recordingUse: Bool) async throws(TicketError) -> APIToken?
}

/// One version of the stored SLA policy: its number, when and by whom it was set.
public struct PolicyVersion: Sendable, Equatable {
    public var version: Int
    public var setAt: Date
    public var setBy: String

    public init(version: Int, setAt: Date, setBy: String) {
        self.version = version
        self.setAt = setAt
        self.setBy = setBy
    }
}

/// A token just created, with its secret (shown once).
public struct CreatedToken: Sendable {
    public var token: APIToken
    public var secret: String

    public init(token: APIToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}

extension TicketStoring {
    /// The reminder list to show with `week`'s stats: the current list for the week in progress, none for any other
    /// week (SPEC §5: the list is about now, not about a past week).
    public func reminders(for week: ISOWeek, as principal: Principal, now: Date, limit: Int = 100) async throws(TicketError) -> [Reminder] {
        guard week.contains(now) else {
            try AccessRules.require(principal, .viewStats)
            return []
        }
        return try await reminders(as: principal, now: now, limit: limit)
    }
}
