import Foundation
import TriageConsole
import TriageCore
import TriageStore

/// Where the console's data comes from and its writes go: the shared store, acting as one agent.
public final class StoreBackend: @unchecked Sendable {
    public let store: TicketStore
    let monitor: ChangeMonitor
    let principal: Principal

    public init(store: TicketStore, agent: String) throws(TicketError) {
        self.store = store
        monitor = try ChangeMonitor(store: store)
        principal = .agent(agent)
    }

    /// Whether anyone committed since the last check, and whether a ticket changed among those commits (cheap:
    /// one pragma on a dedicated connection, and one row when it moved).
    func checkChanges() -> (committed: Bool, ticketsChanged: Bool) { (try? monitor.check()) ?? (false, false) }

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
        try? store.markSeen(held.id, at: held.at, as: principal)
    }

    private func markSeen(_ id: TicketID, at: Date, now: Date) throws(TicketError) {
        if let last = lastSeenWrite, last.id == id, now.timeIntervalSince(last.at) < Self.seenInterval {
            heldSeen = (id, at)
            return
        }
        if heldSeen?.id != id { flushSeen() }
        heldSeen = nil
        lastSeenWrite = (id, now)
        try store.markSeen(id, at: at, as: principal)
    }

    /// Performs one effect and returns the actions that report its result.
    public func perform(_ effect: ConsoleEffect, now: Date) -> [ConsoleAction] {
        if let held = heldSeen, let last = lastSeenWrite, now.timeIntervalSince(last.at) >= Self.seenInterval {
            lastSeenWrite = (held.id, now)
            flushSeen()
        }
        do {
            switch effect {
            case .loadQueue:
                let snapshot = try store.queueSnapshot(as: principal, now: now, limit: ConsoleState.queueWindow)
                let escalations = try store.escalations(of: snapshot.tickets.filter(\.escalated).map(\.id), as: principal)
                return [
                    .queueLoaded(snapshot.tickets, snapshot.summary, version: snapshot.version), .escalationsLoaded(escalations),
                    .automationLoaded(try store.automationHealth(as: principal)),
                    .seenLoaded(try store.lastSeen(as: principal), of: nil),
                ]
            case .loadQueueChanges(let version, let detail, let countDue):
                return [
                    .queueChanged(
                        try store.queueChanges(
                            since: version, as: principal, now: now, detail: detail, countDue: countDue,
                            detailEvents: ConsoleState.detailEvents))
                ]
            case .loadAutomation:
                return [
                    .automationLoaded(try store.automationHealth(as: principal)), .presenceLoaded(try store.presence(as: principal, now: now)),
                ]
            case .loadDetail(let id):
                return [.detailLoaded(try store.detail(id.rawValue, as: principal, recentEvents: ConsoleState.detailEvents))]
            case .loadStats(let week):
                let stats = try store.weeklyStats(week, as: principal, now: now)
                let trend = try store.weeklyTrend(endingAt: week, count: 12, as: principal).map {
                    TrendPoint(week: $0.week, opened: $0.opened, resolved: $0.resolved)
                }
                let reminders = try store.reminders(for: week, as: principal, now: now)
                return [.statsLoaded(week, StatsModel(stats: stats, trend: trend, reminders: reminders))]
            case .loadDraft(let kind, let id):
                return [.draftLoaded(kind, id, try store.draft(kind: kind, ticket: id.rawValue, as: principal))]
            case .saveDraft(let kind, let id, let text):
                try store.saveDraft(text, kind: kind, ticket: id.rawValue, as: principal, now: now)
                return []
            case .change(let id, let change):
                return [.succeeded(try apply(change, to: id, now: now))]
            case .loadDrafts:
                return [.draftsLoaded(try store.draftKinds(as: principal))]
            case .loadRoster:
                return [.rosterLoaded(try store.agentRoster(as: principal))]
            case .markSeen(let id, let at):
                try markSeen(id, at: at, now: now)
                return []
            case .heartbeat(let id, let typing):
                try store.heartbeat(id, typing: typing, as: principal, now: now)
                return []
            case .applyTheme, .bell, .suspend, .quit:
                return []
            }
        } catch {
            if case .change(_, let change) = effect, case .reply = change {
                return [.failed("\(error.description) — your draft is kept: press r to reopen it")]
            }
            if case .change(_, let change) = effect, case .note = change {
                return [.failed("\(error.description) — your draft is kept: press n to reopen it")]
            }
            return [.failed(error.description)]
        }
    }

    /// The SLA after a priority or category change: its budget, and the time left — or, on a closed ticket, its outcome.
    static func slaSummary(_ t: Ticket, now: Date) -> String {
        let budget = "SLA \(Int(t.sla.budget.hours))h"
        guard let left = t.sla.countdown(now: now) else { return "\(budget), \(t.sla.outcome?.rawValue ?? "")" }
        return "\(budget), \(DurationText.countdown(left)) left"
    }

    private func apply(_ change: TicketChange, to id: TicketID, now: Date) throws(TicketError) -> String {
        let key = id.rawValue
        switch change {
        case .assign(let name):
            try store.assign(key, to: name, as: principal, now: now)
            return name.map { "\(id) assigned to \($0)" } ?? "\(id) unassigned"
        case .priority(let p):
            let t = try store.setPriority(key, p, as: principal, now: now)
            return
                "\(id) priority \(p.rawValue): \(Self.slaSummary(t, now: now))"
        case .category(let c):
            let t = try store.setCategory(key, c, as: principal, now: now)
            return
                "\(id) category \(c.rawValue): \(Self.slaSummary(t, now: now))"
        case .status(let s):
            try store.setStatus(key, s, as: principal, now: now)
            return s == .waiting ? "\(id) is waiting for the user: SLA paused" : "\(id) is open: SLA running"
        case .tag(let add, let remove):
            let t = try store.tag(key, add: add, remove: remove, as: principal, now: now)
            return "\(id) tags: \(t.tags.isEmpty ? "none" : t.tags.joined(separator: ", "))"
        case .close(let resolution, let notify):
            let t = try store.close(key, resolution: resolution, notifyUser: notify, as: principal, now: now)
            return "\(id) closed, SLA \(t.sla.outcome?.rawValue ?? "")\(notify ? "; the user is asked for feedback" : "")"
        case .reopen:
            try store.reopen(key, as: principal, now: now)
            return "\(id) reopened: a new SLA cycle starts"
        case .acknowledge:
            try store.acknowledge(key, as: principal, now: now)
            return "\(id) acknowledged"
        case .reply(let text):
            try store.reply(key, body: text, as: principal, now: now)
            try store.saveDraft("", kind: .reply, ticket: key, as: principal, now: now)
            return "Reply sent on \(id): waiting for the user"
        case .note(let text):
            try store.reply(key, body: text, internal: true, as: principal, now: now)
            try store.saveDraft("", kind: .note, ticket: key, as: principal, now: now)
            return "Internal note added to \(id)"
        }
    }
}
