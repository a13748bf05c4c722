import Foundation
import TriageCore

/// The console's reads and writes on the SQLite file: the store's own (synchronous) transactions.
extension SQLiteTicketStore: ConsoleStoring {
    public func queueSnapshot(as principal: Principal, now: Date, limit: Int) async throws(TicketError) -> QueueSnapshot {
        let snapshot = try store.queueSnapshot(as: principal, now: now, limit: limit)
        return QueueSnapshot(tickets: snapshot.tickets, summary: snapshot.summary, version: snapshot.version)
    }

    /// Writers commit one at a time, in counter order: the counter lists every change, `notified` adds nothing.
    public func queueChanges(
        since version: Int, notified: Set<TicketID>?, as principal: Principal, now: Date, limit: Int, detail shown: TicketID?,
        countDue: Bool, detailEvents: Int?
    ) async throws(TicketError) -> QueueChanges {
        try store.queueChanges(
            since: version, as: principal, now: now, limit: limit, detail: shown, countDue: countDue, detailEvents: detailEvents)
    }

    public func escalations(of ids: [TicketID], as principal: Principal) async throws(TicketError) -> [TicketID: EscalationInfo] {
        try store.escalations(of: ids, as: principal)
    }
    public func automationHealth(as principal: Principal) async throws(TicketError) -> AutomationHealth {
        try store.automationHealth(as: principal)
    }
    public func lastSeen(of ids: [TicketID]?, as principal: Principal) async throws(TicketError) -> [TicketID: LastSeen] {
        try store.lastSeen(of: ids, as: principal)
    }
    public func presence(as principal: Principal, now: Date) async throws(TicketError) -> [TicketID: [Presence]] {
        try store.presence(as: principal, now: now)
    }
    public func detail(_ id: String, as principal: Principal, recentEvents: Int?) async throws(TicketError) -> TicketDetail {
        try store.detail(id, as: principal, recentEvents: recentEvents)
    }
    public func weeklyTrend(endingAt week: ISOWeek, count: Int, as principal: Principal) async throws(TicketError) -> [TrendWeek] {
        try store.weeklyTrend(endingAt: week, count: count, as: principal)
    }
    public func draft(kind: DraftKind, ticket id: String, as principal: Principal) async throws(TicketError) -> String? {
        try store.draft(kind: kind, ticket: id, as: principal)
    }
    public func saveDraft(_ body: String, kind: DraftKind, ticket id: String, as principal: Principal, now: Date) async throws(TicketError)
    {
        try await write { () throws(TicketError) in try store.saveDraft(body, kind: kind, ticket: id, as: principal, now: now) }
    }
    public func draftKinds(as principal: Principal) async throws(TicketError) -> [TicketID: Set<DraftKind>] {
        try store.draftKinds(as: principal)
    }
    public func agentRoster(as principal: Principal) async throws(TicketError) -> [String] { try store.agentRoster(as: principal) }
    public func markSeen(_ id: TicketID, at updatedAt: Date, as principal: Principal) async throws(TicketError) {
        try await write { () throws(TicketError) in try store.markSeen(id, at: updatedAt, as: principal) }
    }
    public func heartbeat(_ id: TicketID?, typing: DraftKind?, as principal: Principal, now: Date) async throws(TicketError) {
        try await write { () throws(TicketError) in try store.heartbeat(id, typing: typing, as: principal, now: now) }
    }

    public func metrics(now: Date) async throws(TicketError) -> StoreMetrics { try store.metrics(now: now) }

    public func ticketFeed(as principal: Principal) async throws(TicketError) -> any TicketFeed {
        try AccessRules.require(principal, .useConsole)
        return try SQLiteTicketFeed(store: store)
    }
}

/// The SQLite file's ticket feed: `ChangeMonitor` (the file's data version, then the ticket counter) tells what
/// changed; inotify on the store's folder (`StoreWake`) wakes the console when any process writes.
public final class SQLiteTicketFeed: TicketFeed {
    let monitor: ChangeMonitor
    let wake: StoreWake?

    public init(store: TicketStore) throws(TicketError) {
        monitor = try ChangeMonitor(store: store)
        wake = store.path.isEmpty || store.path == ":memory:" ? nil : StoreWake(storePath: store.path)
    }

    public var wakeDescriptor: Int32? { wake?.descriptor }
    public func drainWake() { wake?.drain() }
    public func check() -> (committed: Bool, ticketsChanged: Bool) { (try? monitor.check()) ?? (false, false) }
    public func takeNotified() -> Set<TicketID>? { [] }
    public func restore(_ notified: Set<TicketID>?) {}
    public func stop() {}
}
