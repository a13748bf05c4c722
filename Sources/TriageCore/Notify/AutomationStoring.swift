import Foundation

/// What the automation runner needs of a store (SPEC §6), on either backend: the SLA timers, the outbox's delivery
/// bookkeeping (claims leased to one runner, outcomes, paused and disabled targets), the digests and the runners'
/// health. The store is the only truth: any number of runners, on any number of machines, claim rows no other
/// runner holds and record each fact once.
public protocol AutomationStoring: TicketStoring, SLATimerRunning {
    /// Takes back rows whose runner stopped holding them: pending again, flagged possibly doubled when their request
    /// had left.
    func recoverExpiredLeases(now: Date) async throws(TicketError) -> LeaseRecovery
    /// Whether `target` has a row due by `now` (a read: the runner writes only when there is work).
    func hasDueDelivery(for target: NotificationTarget, now: Date) async throws(TicketError) -> Bool
    /// Claims the next due row of `target` for `owner` (leased for `OutboxLease.duration`), unless the target is
    /// paused or disabled or a request to its webhook is in flight; rows past their expiry are marked dead on the
    /// way. `startSending` marks the request as leaving in the same write.
    func claimNext(for target: NotificationTarget, owner: String, now: Date, startSending: Bool) async throws(TicketError) -> OutboxEntry?
    /// Records a claimed row's outcome; with `claimNextFor`, claims (and starts sending) the target's next due row
    /// for that owner in the same transaction.
    func recordDelivery(_ id: Int64, _ result: DeliveryResult, target: NotificationTarget, now: Date, claimNextFor owner: String?)
        async throws(TicketError) -> OutboxEntry?
    /// Pauses targets (a rate limit) until `until` (a later pause wins).
    func pauseTargets(_ targets: [NotificationTarget], until: Date) async throws(TicketError)
    /// Cancels the pending rows of a target nobody configured, with the reason.
    func cancelUnconfigured(_ target: NotificationTarget, reason: String) async throws(TicketError) -> Int
    /// Marks dead the rows of `target` that outlived their expiry unclaimed.
    func expireUnclaimed(_ target: NotificationTarget, now: Date) async throws(TicketError) -> Int
    /// Releases the rows `owner` holds (a clean stop).
    func releaseLeases(owner: String) async throws(TicketError)
    /// The earliest instant a pending row of these targets falls due (after its target's pause).
    func nextDeliveryDue(targets: [NotificationTarget]) async throws(TicketError) -> Date?
    /// When the earliest lease on a row being sent runs out.
    func nextLeaseExpiry() async throws(TicketError) -> Date?

    func runnerStarted(_ owner: String, now: Date) async throws(TicketError)
    func runnerPassed(_ owner: String, now: Date) async throws(TicketError)
    func runnerStopped(_ owner: String, now: Date) async throws(TicketError)

    func digestRecorded(kind: String, period: String) async throws(TicketError) -> Bool
    /// Records a digest and writes its notifications in one transaction; false (nothing written) when another runner
    /// or an earlier pass recorded it already.
    func recordDigest(kind: String, period: String, notifications: [OutboxNotification], now: Date) async throws(TicketError) -> Bool

    /// A signal that moves when another process commits something the runner may care about, so an idle runner
    /// wakes at once rather than at its next due instant.
    func watchCommits() async -> any CommitSignal
}

/// Moves with other processes' commits (`AutomationStoring.watchCommits`).
public protocol CommitSignal: Sendable {
    /// The current count (nil: not known; the runner then relies on its next due instant).
    func version() -> Int?
    /// Stops watching.
    func stop() async
}

/// What `recoverExpiredLeases` took back.
public struct LeaseRecovery: Sendable, Equatable {
    public var recovered: Int
    /// Of those, rows whose request had left: they may be delivered twice.
    public var doubled: Int

    public init(recovered: Int, doubled: Int) {
        self.recovered = recovered
        self.doubled = doubled
    }
}

/// How long a claimed row stays leased to its runner before another may take it over: more than a request's 10 s
/// timeout, short enough that a crashed runner's page goes out again within seconds.
public enum OutboxLease {
    public static let duration: TimeInterval = 20
}
