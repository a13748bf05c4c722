import Foundation

/// What the full-screen console needs of a store beyond `TicketStoring`, on both backends: the live queue and its
/// changes, what on-call sees, the agent's drafts, seen marks and presence, the stats' trend, and a feed that says
/// when tickets changed (SQLite: the file's data version, woken by inotify; PostgreSQL: LISTEN, with the change
/// counter as a safety net). Staff only, like the console.
public protocol ConsoleStoring: TicketStoring {
    /// Up to `limit` queued tickets in queue order, the header counts over the whole queue and the change counter,
    /// read in one snapshot so they agree.
    func queueSnapshot(as principal: Principal, now: Date, limit: Int) async throws(TicketError) -> QueueSnapshot
    /// What changed in the queue since `version` (see `QueueChanges`), read in one snapshot. `notified`: the tickets
    /// the feed heard changed besides those the change counter lists (PostgreSQL's writers do not commit in counter
    /// order); nil when the feed may have missed some (it listened again): the answer then asks for a whole snapshot.
    func queueChanges(
        since version: Int, notified: Set<TicketID>?, as principal: Principal, now: Date, limit: Int, detail shown: TicketID?,
        countDue: Bool, detailEvents: Int?
    ) async throws(TicketError) -> QueueChanges
    /// On-call's view of the escalated tickets among `ids`: pages sent, breach time, who acknowledged.
    func escalations(of ids: [TicketID], as principal: Principal) async throws(TicketError) -> [TicketID: EscalationInfo]
    /// The runners, the outbox's pending and dead counts, the disabled targets.
    func automationHealth(as principal: Principal) async throws(TicketError) -> AutomationHealth
    /// What the agent last saw of the queued tickets (of `ids` only, when given), and whether each moved since.
    func lastSeen(of ids: [TicketID]?, as principal: Principal) async throws(TicketError) -> [TicketID: LastSeen]
    /// Colleagues present on tickets now (viewing, replying, noting), never the agent asking.
    func presence(as principal: Principal, now: Date) async throws(TicketError) -> [TicketID: [Presence]]
    /// The ticket with its thread and, for staff, its event log (its last `recentEvents` only, when given).
    func detail(_ id: String, as principal: Principal, recentEvents: Int?) async throws(TicketError) -> TicketDetail
    /// Opened and resolved counts of the `count` weeks up to `week`, oldest first (the stats' sparklines).
    func weeklyTrend(endingAt week: ISOWeek, count: Int, as principal: Principal) async throws(TicketError) -> [TrendWeek]

    /// The agent's saved draft of `kind` on a ticket, if any.
    func draft(kind: DraftKind, ticket id: String, as principal: Principal) async throws(TicketError) -> String?
    /// Saves (or, when `body` is empty, deletes) the agent's draft: a crash or a kill loses nothing typed.
    func saveDraft(_ body: String, kind: DraftKind, ticket id: String, as principal: Principal, now: Date) async throws(TicketError)
    /// Which tickets the agent has drafts on, and of which kinds.
    func draftKinds(as principal: Principal) async throws(TicketError) -> [TicketID: Set<DraftKind>]
    /// The agents a ticket can be assigned to.
    func agentRoster(as principal: Principal) async throws(TicketError) -> [String]
    /// The agent saw ticket `id` as of its `updatedAt` (never moving back).
    func markSeen(_ id: TicketID, at updatedAt: Date, as principal: Principal) async throws(TicketError)
    /// The agent has `id` open (nil: none), writing a `typing` draft on it.
    func heartbeat(_ id: TicketID?, typing: DraftKind?, as principal: Principal, now: Date) async throws(TicketError)

    /// A feed of ticket changes for a console acting as `principal`; `stop()` it when the console closes.
    func ticketFeed(as principal: Principal) async throws(TicketError) -> any TicketFeed
}

/// The queue as a console first loads it.
public struct QueueSnapshot: Sendable, Equatable {
    public var tickets: [Ticket]
    public var summary: QueueSummary
    /// The change counter the snapshot was read at.
    public var version: Int

    public init(tickets: [Ticket], summary: QueueSummary, version: Int) {
        self.tickets = tickets
        self.summary = summary
        self.version = version
    }
}

/// One week of the stats' trend.
public struct TrendWeek: Sendable, Equatable {
    public var week: ISOWeek
    public var opened: Int
    public var resolved: Int

    public init(week: ISOWeek, opened: Int, resolved: Int) {
        self.week = week
        self.opened = opened
        self.resolved = resolved
    }
}

/// How a console learns that tickets changed, without asking the store on every turn of its loop. Every method is
/// cheap and never waits for the store: the console's loop calls them between keys.
public protocol TicketFeed: AnyObject, Sendable {
    /// A descriptor that becomes readable when something may have changed (the loop waits on it with the
    /// terminal's input); nil: the loop polls `check()` on its timer.
    var wakeDescriptor: Int32? { get }
    /// Empties the wake descriptor after it woke the loop.
    func drainWake()
    /// What the previous call has not seen: a commit of any kind (a draft or a presence beat too, where the
    /// backend tells them apart), and among them a ticket change. The first call says `true` to both.
    func check() -> (committed: Bool, ticketsChanged: Bool)
    /// The tickets heard changed since the previous call (empty when the backend's counter lists them all); nil
    /// when changes may have been missed (a lost connection): reload everything.
    func takeNotified() -> Set<TicketID>?
    /// Gives back what `takeNotified` returned when the read it was for failed.
    func restore(_ notified: Set<TicketID>?)
    /// Stops listening.
    func stop()
}
