import Foundation
import TriageCore

/// The SQLite store behind the `TicketStoring` contract: each call runs the store's own (synchronous) transaction.
///
/// With a `WriteQueue` (a server's), every write runs on the queue's thread, creations in group commits, so a
/// request waiting for SQLite's write lock waits suspended; reads run where they are called, in parallel (WAL).
public struct SQLiteTicketStore: TicketStoring {
    public let store: TicketStore
    public let writes: WriteQueue?

    public init(_ store: TicketStore, writes: WriteQueue? = nil) {
        self.store = store
        self.writes = writes
    }

    /// `body` (a write), on the write queue's thread when there is one.
    func write<T: Sendable>(_ body: @escaping @Sendable () throws(TicketError) -> T) async throws(TicketError) -> T {
        guard let writes else { return try body() }
        return try await Self.typed { try await writes.perform { () throws -> T in try body() } }
    }

    /// The queue rethrows what the store threw: a `TicketError`.
    static func typed<T>(_ body: () async throws -> T) async throws(TicketError) -> T {
        do { return try await body() } catch let error as TicketError { throw error } catch { throw .storage("\(error)") }
    }

    public var baseURL: String { store.baseURL }
    public func policy(as principal: Principal) async throws(TicketError) -> SLAPolicy { store.policy }

    public func create(_ new: NewTicket, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        if let writes { return try await Self.typed { try await writes.create(TicketCreation(new, as: principal, now: now)) } }
        return try store.create(new, as: principal, now: now)
    }
    public func ticket(_ id: String, as principal: Principal) async throws(TicketError) -> Ticket { try store.ticket(id, as: principal) }
    public func detail(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail {
        try store.detail(id, as: principal)
    }
    public func queue(_ filter: QueueFilter, as principal: Principal, after cursor: QueueCursor?) async throws(TicketError) -> QueuePage {
        try store.queue(filter, as: principal, after: cursor)
    }
    public func reply(_ id: String, body: String, internal isInternal: Bool, keepOpen: Bool, as principal: Principal, now: Date)
        async throws(TicketError)
        -> Message
    {
        try await write { [store] () throws(TicketError) in
            try store.reply(id, body: body, internal: isInternal, keepOpen: keepOpen, as: principal, now: now)
        }
    }
    public func close(_ id: String, resolution: String?, notifyUser: Bool, as principal: Principal, now: Date) async throws(TicketError)
        -> Ticket
    {
        try await write { [store] () throws(TicketError) in
            try store.close(id, resolution: resolution, notifyUser: notifyUser, as: principal, now: now)
        }
    }
    public func reopen(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.reopen(id, as: principal, now: now) }
    }
    public func assign(_ id: String, to assignee: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.assign(id, to: assignee, as: principal, now: now) }
    }
    public func setPriority(_ id: String, _ priority: Priority, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.setPriority(id, priority, as: principal, now: now) }
    }
    public func setCategory(_ id: String, _ category: Category, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.setCategory(id, category, as: principal, now: now) }
    }
    public func setStatus(_ id: String, _ status: TicketStatus, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.setStatus(id, status, as: principal, now: now) }
    }
    public func tag(_ id: String, add: [String], remove: [String], as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.tag(id, add: add, remove: remove, as: principal, now: now) }
    }
    public func escalate(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.escalate(id, as: principal, now: now) }
    }
    public func acknowledge(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.acknowledge(id, as: principal, now: now) }
    }
    public func rate(_ id: String, rating: Int, comment: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await write { [store] () throws(TicketError) in try store.rate(id, rating: rating, comment: comment, as: principal, now: now) }
    }

    public func thread(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail {
        try store.thread(id, as: principal)
    }

    public func create(
        _ new: NewTicket, as principal: Principal, now: Date, key: IdempotencyKey, answer: @escaping @Sendable (Ticket) -> StoredAnswer
    ) async throws(TicketError) -> StoredAnswer {
        try await write { [store] () throws(TicketError) in
            try store.create(TicketCreation(new, as: principal, now: now), key: key, answer: answer)
        }
    }

    public func reply(
        _ id: String, body: String, internal isInternal: Bool, as principal: Principal, now: Date, key: IdempotencyKey,
        answer: @escaping @Sendable (Message) -> StoredAnswer
    ) async throws(TicketError) -> StoredAnswer {
        try await write { [store] () throws(TicketError) in
            try store.reply(id, body: body, internal: isInternal, as: principal, now: now, key: key, answer: answer)
        }
    }

    public func changeCounter() async throws(TicketError) -> Int { try store.ticketVersion() }

    public func createToken(role: Role, userID: UserID?, name: String?, as principal: Principal, now: Date) async throws(TicketError)
        -> CreatedToken
    {
        try await write { [store] () throws(TicketError) in
            let created = try store.createToken(role: role, userID: userID, name: name, as: principal, now: now)
            return CreatedToken(token: created.token, secret: created.secret)
        }
    }

    public func tokens(as principal: Principal) async throws(TicketError) -> [APIToken] { try store.tokens(as: principal) }

    public func revokeToken(_ reference: TokenReference, as principal: Principal, now: Date) async throws(TicketError) -> [APIToken] {
        try await write { [store] () throws(TicketError) in try store.revokeToken(reference, as: principal, now: now) }
    }

    public func authenticate(_ secret: String, now: Date, recordingUse: Bool) async throws(TicketError) -> APIToken? {
        guard recordingUse else { return try store.authenticateRequest(secret, now: now, recordingUse: false) }
        return try await write { [store] () throws(TicketError) in try store.authenticateRequest(secret, now: now, recordingUse: true) }
    }
}

extension SQLiteTicketStore {
    public func claimInteraction(_ id: String, now: Date) async throws(TicketError) -> InteractionClaim {
        try await write { [store] () throws(TicketError) in try store.claimInteraction(id, now: now) }
    }
    public func releaseInteraction(_ id: String) async throws(TicketError) {
        try await write { [store] () throws(TicketError) in try store.releaseInteraction(id) }
    }
    public func recordInteractionResponse(_ id: String, response: String, now: Date) async throws(TicketError) {
        try await write { [store] () throws(TicketError) in try store.recordInteractionResponse(id, response: response, now: now) }
    }

    public func place(of id: TicketID, as principal: Principal, now: Date) async throws(TicketError) -> QueuePlace {
        try store.place(of: id, as: principal, now: now)
    }

    public func outbox(status: OutboxStatus?, limit: Int, as principal: Principal) async throws(TicketError) -> [OutboxEntry] {
        try store.outbox(status: status, limit: limit, as: principal)
    }
    public func targetStates(as principal: Principal) async throws(TicketError) -> [TargetState] {
        try AccessRules.require(principal, .viewAutomation)
        return try store.targetStates()
    }
    public func retryOutbox(_ id: Int64, as principal: Principal, now: Date) async throws(TicketError) -> OutboxEntry {
        try await write { [store] () throws(TicketError) in try store.retryOutbox(id, as: principal, now: now) }
    }
    public func retryDeadOutbox(as principal: Principal, now: Date) async throws(TicketError) -> Int {
        try await write { [store] () throws(TicketError) in try store.retryDeadOutbox(as: principal, now: now) }
    }

    public func setPolicy(_ policy: SLAPolicy, as principal: Principal, now: Date) async throws(TicketError) -> Int {
        try await write { [store] () throws(TicketError) in try store.setPolicy(policy, as: principal, now: now) }
    }
    public func policyHistory(as principal: Principal) async throws(TicketError) -> [PolicyVersion] {
        try store.policyHistory().map { PolicyVersion(version: $0.version, setAt: $0.setAt, setBy: $0.setBy) }
    }

    public func leaseUserNotifications(limit: Int, owner: String, now: Date, lease: TimeInterval) async throws(TicketError) -> [OutboxEntry] {
        try await write { [store] () throws(TicketError) in try store.leaseUserNotifications(limit: limit, owner: owner, now: now, lease: lease) }
    }
    public func acknowledgeUserNotification(_ id: Int64, now: Date) async throws(TicketError) -> Bool {
        try await write { [store] () throws(TicketError) in try store.acknowledgeUserNotification(id, now: now) }
    }
}

extension SQLiteTicketStore: SLATimerRunning {
    public func nextTimerDue() async throws(TicketError) -> Date? { try store.nextTimerDue() }
    public func runDueTimers(now: Date, inactivity: InactivityRule, limit: Int) async throws(TicketError) -> TimerRun {
        try await write { [store] () throws(TicketError) in try store.runDueTimers(now: now, inactivity: inactivity, limit: limit) }
    }
}

extension SQLiteTicketStore: AutomationStoring {
    public func recoverExpiredLeases(now: Date) async throws(TicketError) -> LeaseRecovery {
        let taken = try await write { [store] () throws(TicketError) in try store.recoverExpiredLeases(now: now) }
        return LeaseRecovery(recovered: taken.recovered, doubled: taken.doubled)
    }
    public func hasDueDelivery(for target: NotificationTarget, now: Date) async throws(TicketError) -> Bool {
        try store.hasDueDelivery(for: target, now: now)
    }
    public func claimNext(for target: NotificationTarget, owner: String, now: Date, startSending: Bool) async throws(TicketError)
        -> OutboxEntry?
    {
        try await write { [store] () throws(TicketError) in try store.claimNext(for: target, owner: owner, now: now, startSending: startSending) }
    }
    public func recordDelivery(_ id: Int64, _ result: DeliveryResult, target: NotificationTarget, now: Date, claimNextFor owner: String?)
        async throws(TicketError) -> OutboxEntry?
    {
        try await write { [store] () throws(TicketError) in
            try store.recordDelivery(id, result, target: target, now: now, claimNextFor: owner)
        }
    }
    public func pauseTargets(_ targets: [NotificationTarget], until: Date) async throws(TicketError) {
        try await write { [store] () throws(TicketError) in try store.pauseTargets(targets, until: until) }
    }
    public func cancelUnconfigured(_ target: NotificationTarget, reason: String) async throws(TicketError) -> Int {
        try await write { [store] () throws(TicketError) in try store.cancelUnconfigured(target, reason: reason) }
    }
    public func expireUnclaimed(_ target: NotificationTarget, now: Date) async throws(TicketError) -> Int {
        try await write { [store] () throws(TicketError) in try store.expireUnclaimed(target, now: now) }
    }
    public func releaseLeases(owner: String) async throws(TicketError) {
        try await write { [store] () throws(TicketError) in try store.releaseLeases(owner: owner) }
    }
    public func nextDeliveryDue(targets: [NotificationTarget]) async throws(TicketError) -> Date? { try store.nextDeliveryDue(targets: targets) }
    public func nextLeaseExpiry() async throws(TicketError) -> Date? { try store.nextLeaseExpiry() }

    public func runnerStarted(_ owner: String, now: Date) async throws(TicketError) {
        try await write { [store] () throws(TicketError) in try store.runnerStarted(owner, now: now) }
    }
    public func runnerPassed(_ owner: String, now: Date) async throws(TicketError) {
        try await write { [store] () throws(TicketError) in try store.runnerPassed(owner, now: now) }
    }
    public func runnerStopped(_ owner: String, now: Date) async throws(TicketError) {
        try await write { [store] () throws(TicketError) in try store.runnerStopped(owner, now: now) }
    }

    public func digestRecorded(kind: String, period: String) async throws(TicketError) -> Bool { try store.digestRecorded(kind: kind, period: period) }
    public func recordDigest(kind: String, period: String, notifications: [OutboxNotification], now: Date) async throws(TicketError) -> Bool {
        try await write { [store] () throws(TicketError) in try store.recordDigest(kind: kind, period: period, notifications: notifications, now: now) }
    }
    public func weeklyStats(_ week: ISOWeek, as principal: Principal, now: Date) async throws(TicketError) -> WeeklyStats {
        try store.weeklyStats(week, as: principal, now: now)
    }
    public func reminders(as principal: Principal, now: Date, limit: Int) async throws(TicketError) -> [Reminder] {
        try store.reminders(as: principal, now: now, limit: limit)
    }

    /// SQLite's `data_version` on a connection of its own: it moves with every other connection's commit.
    public func watchCommits() async -> any CommitSignal { SQLiteCommitSignal(watch: try? CommitWatch(store: store)) }
}

struct SQLiteCommitSignal: CommitSignal {
    let watch: CommitWatch?
    func version() -> Int? { try? watch?.version() }
    func stop() async {}
}
