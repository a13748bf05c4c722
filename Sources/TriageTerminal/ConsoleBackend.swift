import Foundation
import Synchronization
import TriageConsole
import TriageCore
import TriageStore

/// Where the console's data comes from and its writes go: the shared store (either backend, through
/// `ConsoleStoring`), acting as one agent. Its calls come from the console's worker thread, one at a time; each
/// store call runs to its end there (`StoreCalls`), so the loop's thread never waits on the store.
public final class StoreBackend: @unchecked Sendable {
    public let store: any ConsoleStoring
    public let feed: any TicketFeed
    /// The SLA policy in force when the console opened.
    public let policy: SLAPolicy
    let principal: Principal
    let calls: StoreCalls

    /// The console on `store` as `agent`, its changes from `feed`, its store calls run by `calls`.
    public init(store: any ConsoleStoring, feed: any TicketFeed, agent: String, calls: StoreCalls = StoreCalls()) throws(TicketError) {
        self.store = store
        self.feed = feed
        self.calls = calls
        principal = .agent(agent)
        let principal = self.principal
        policy = try calls.run { try await store.policy(as: principal) }
    }

    /// The console on a SQLite store file.
    public convenience init(store: TicketStore, agent: String) throws(TicketError) {
        try self.init(store: SQLiteTicketStore(store), feed: try SQLiteTicketFeed(store: store), agent: agent)
    }

    /// Whether anyone committed since the last check, and whether a ticket changed among those commits (cheap: the
    /// feed never waits for the store).
    func checkChanges() -> (committed: Bool, ticketsChanged: Bool) { feed.check() }

    /// The seen mark of the ticket on screen moves with every change to it (a busy ticket, watched while colleagues
    /// work on it): the same ticket's marks are written at most once per `seenInterval`, the one held back by the
    /// next effect after it or by `flushSeen()` when the console stops. Another ticket's mark is written at once.
    static let seenInterval: TimeInterval = 2
    private var lastSeenWrite: (id: TicketID, at: Date)?
    private var heldSeen: (id: TicketID, at: Date)?

    /// Writes the seen mark held back, if any (the worker calls it; the console calls it before it stops).
    public func flushSeen() {
        guard let held = heldSeen else { return }
        heldSeen = nil
        try? run { store, principal in try await store.markSeen(held.id, at: held.at, as: principal) }
    }

    /// One store call, run to its end on the calling thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (any ConsoleStoring, Principal) async throws -> T) throws(TicketError) -> T {
        let store = self.store
        let principal = self.principal
        return try calls.run { try await body(store, principal) }
    }

    private func markSeen(_ id: TicketID, at: Date, now: Date) throws(TicketError) {
        if let last = lastSeenWrite, last.id == id, now.timeIntervalSince(last.at) < Self.seenInterval {
            heldSeen = (id, at)
            return
        }
        if heldSeen?.id != id { flushSeen() }
        heldSeen = nil
        lastSeenWrite = (id, now)
        try run { store, principal in try await store.markSeen(id, at: at, as: principal) }
    }

    /// Performs one effect and returns the actions that report its result.
    public func perform(_ effect: ConsoleEffect, now: Date) -> [ConsoleAction] {
        if let held = heldSeen, let last = lastSeenWrite, now.timeIntervalSince(last.at) >= Self.seenInterval {
            lastSeenWrite = (held.id, now)
            flushSeen()
        }
        do throws(TicketError) {
            switch effect {
            case .markSeen(let id, let at):
                try markSeen(id, at: at, now: now)
                return []
            case .applyTheme, .bell, .suspend, .quit:
                return []
            case .loadQueueChanges:
                // The tickets the feed heard of go with the read; given back when it fails.
                let notified = feed.takeNotified()
                do throws(TicketError) {
                    return try run { store, principal in
                        try await Self.load(effect, store: store, as: principal, now: now, notified: notified)
                    }
                } catch {
                    feed.restore(notified)
                    throw error
                }
            default:
                return try run { store, principal in try await Self.load(effect, store: store, as: principal, now: now, notified: []) }
            }
        } catch {
            if case .loadDetail(let id) = effect, case .notFound = error { return [.detailMissing(id, error.description)] }
            if case .change(_, let change) = effect, case .reply = change {
                return [.failed("\(error.description) — your draft is kept: press r to reopen it")]
            }
            if case .change(_, let change) = effect, case .note = change {
                return [.failed("\(error.description) — your draft is kept: press n to reopen it")]
            }
            return [.failed(error.description)]
        }
    }

    /// The store calls of one effect (all but the seen marks, which `perform` holds back).
    static func load(_ effect: ConsoleEffect, store: any ConsoleStoring, as principal: Principal, now: Date, notified: Set<TicketID>?)
        async throws(TicketError) -> [ConsoleAction]
    {
        switch effect {
        case .loadQueue:
            let snapshot = try await store.queueSnapshot(as: principal, now: now, limit: ConsoleState.queueWindow)
            let escalations = try await store.escalations(of: snapshot.tickets.filter(\.escalated).map(\.id), as: principal)
            return [
                .queueLoaded(snapshot.tickets, snapshot.summary, version: snapshot.version), .escalationsLoaded(escalations),
                .automationLoaded(try await store.automationHealth(as: principal)),
                .seenLoaded(try await store.lastSeen(of: nil, as: principal), of: nil),
            ]
        case .loadQueueChanges(let version, let detail, let countDue):
            return [
                .queueChanged(
                    try await store.queueChanges(
                        since: version, notified: notified, as: principal, now: now, limit: ConsoleState.changesLimit, detail: detail,
                        countDue: countDue, detailEvents: ConsoleState.detailEvents))
            ]
        case .loadAutomation:
            return [
                .automationLoaded(try await store.automationHealth(as: principal)),
                .presenceLoaded(try await store.presence(as: principal, now: now)),
            ]
        case .loadDetail(let id):
            return [.detailLoaded(try await store.detail(id.rawValue, as: principal, recentEvents: ConsoleState.detailEvents))]
        case .loadStats(let week):
            let stats = try await store.weeklyStats(week, as: principal, now: now)
            let trend = try await store.weeklyTrend(endingAt: week, count: 12, as: principal)
            let reminders = try await store.reminders(for: week, as: principal, now: now)
            return [.statsLoaded(week, StatsModel(stats: stats, trend: trend, reminders: reminders))]
        case .loadDraft(let kind, let id):
            return [.draftLoaded(kind, id, try await store.draft(kind: kind, ticket: id.rawValue, as: principal))]
        case .saveDraft(let kind, let id, let text):
            try await store.saveDraft(text, kind: kind, ticket: id.rawValue, as: principal, now: now)
            return []
        case .change(let id, let change):
            return [.succeeded(try await apply(change, to: id, store: store, as: principal, now: now))]
        case .loadDrafts:
            return [.draftsLoaded(try await store.draftKinds(as: principal))]
        case .loadRoster:
            return [.rosterLoaded(try await store.agentRoster(as: principal))]
        case .heartbeat(let id, let typing):
            try await store.heartbeat(id, typing: typing, as: principal, now: now)
            return []
        case .markSeen, .applyTheme, .bell, .suspend, .quit:
            return []
        }
    }

    /// The SLA after a priority or category change: its budget, and the time left — or, on a closed ticket, its outcome.
    static func slaSummary(_ t: Ticket, now: Date) -> String {
        let budget = "SLA \(DurationText.hours(t.sla.budget.hours, .en))"
        guard let left = t.sla.countdown(now: now) else { return "\(budget), \(t.sla.outcome?.rawValue ?? "")" }
        return "\(budget), \(DurationText.countdown(left)) left"
    }

    static func apply(_ change: TicketChange, to id: TicketID, store: any ConsoleStoring, as principal: Principal, now: Date)
        async throws(TicketError) -> String
    {
        let key = id.rawValue
        switch change {
        case .assign(let name):
            _ = try await store.assign(key, to: name, as: principal, now: now)
            return name.map { "\(id) assigned to \($0)" } ?? "\(id) unassigned"
        case .priority(let p):
            let t = try await store.setPriority(key, p, as: principal, now: now)
            return
                "\(id) priority \(p.rawValue): \(Self.slaSummary(t, now: now))"
        case .category(let c):
            let t = try await store.setCategory(key, c, as: principal, now: now)
            return
                "\(id) category \(c.rawValue): \(Self.slaSummary(t, now: now))"
        case .status(let s):
            _ = try await store.setStatus(key, s, as: principal, now: now)
            return s == .waiting ? "\(id) is waiting for the user: SLA paused" : "\(id) is open: SLA running"
        case .tag(let add, let remove):
            let t = try await store.tag(key, add: add, remove: remove, as: principal, now: now)
            return "\(id) tags: \(t.tags.isEmpty ? "none" : t.tags.joined(separator: ", "))"
        case .close(let resolution, let notify):
            let t = try await store.close(key, resolution: resolution, notifyUser: notify, as: principal, now: now)
            return "\(id) closed, SLA \(t.sla.outcome?.rawValue ?? "")\(notify ? "; the user is asked for feedback" : "")"
        case .reopen:
            _ = try await store.reopen(key, as: principal, now: now)
            return "\(id) reopened: a new SLA cycle starts"
        case .acknowledge:
            _ = try await store.acknowledge(key, as: principal, now: now)
            return "\(id) acknowledged"
        case .reply(let text):
            _ = try await store.reply(key, body: text, internal: false, keepOpen: false, as: principal, now: now)
            try await store.saveDraft("", kind: .reply, ticket: key, as: principal, now: now)
            return "Reply sent on \(id): waiting for the user"
        case .note(let text):
            _ = try await store.reply(key, body: text, internal: true, keepOpen: false, as: principal, now: now)
            try await store.saveDraft("", kind: .note, ticket: key, as: principal, now: now)
            return "Internal note added to \(id)"
        }
    }
}
