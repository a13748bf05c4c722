import Foundation
import TriageCore

/// The console's only state transition: `reduce(&state, action, now)` changes the state and returns the effects
/// for the shell to perform. It does no I/O and reads no clock.
public func reduce(_ state: inout ConsoleState, _ action: ConsoleAction, now: Date) -> [ConsoleEffect] {
    switch action {
    case .key(let key):
        return state.handle(key, now: now)
    case .resized(let width, let height):
        state.width = max(0, width)
        state.height = max(0, height)
        state.keepSelectionVisible(now: now)
        return []
    case .tick:
        if let status = state.status, status.until <= now { state.status = nil }
        state.arrivals = state.arrivals.filter { $0.value > now }
        return state.checkBreaches(now: now) + state.refreshAutomation(now: now)
    case .queueLoaded(let tickets, let summary):
        return state.applyQueue(tickets, summary: summary, now: now)
    case .escalationsLoaded(let escalations):
        state.escalations = escalations
        return []
    case .automationLoaded(let health):
        state.automation = health
        state.automationCheckedAt = now
        return []
    case .detailLoaded(let detail):
        let sameTicket = state.detail?.ticket.id == detail.ticket.id
        state.detail = detail
        if !sameTicket { state.detailScroll = 0 }
        return []
    case .statsLoaded(let week, let model):
        if week == state.statsWeek { state.stats = model }
        return []
    case .draftLoaded(let kind, let id, let text):
        if let text, !text.isEmpty, var session = state.editor, session.kind == kind, session.ticketID == id,
            session.editor.isEmpty
        {
            session.editor = TextEditor(text: text)
            state.editor = session
            state.say("Draft restored", now: now)
        }
        return []
    case .succeeded(let message):
        state.say(message, now: now)
        return []
    case .failed(let message):
        state.say(message, isError: true, now: now)
        return []
    case .themeApplied(let name):
        state.themeName = name
        state.say("Theme: \(name)", now: now)
        return []
    }
}

extension ConsoleState {
    mutating func say(_ text: String, isError: Bool = false, now: Date) {
        status = StatusMessage(text: text, isError: isError, until: now.addingTimeInterval(isError ? 8 : 4))
    }

    /// A new queue from the store: keep the selection on the same ticket, highlight arrivals, ring for new breaches.
    mutating func applyQueue(_ newTickets: [Ticket], summary: QueueSummary, now: Date) -> [ConsoleEffect] {
        let oldIDs = Set(tickets.map(\.id))
        let oldVisible = visibleTickets(now: now)
        let oldIndex = oldVisible.firstIndex { $0.id == selectedID } ?? 0
        if loaded {
            for t in newTickets where !oldIDs.contains(t.id) {
                arrivals[t.id] = now.addingTimeInterval(5)
            }
            if newTickets != tickets { lastChange = now }
        } else {
            lastChange = now
        }
        tickets = newTickets
        self.summary = summary
        var effects: [ConsoleEffect] = []
        let visible = visibleTickets(now: now)
        if let selectedID, visible.contains(where: { $0.id == selectedID }) {
            // stays on the same ticket wherever it moved
        } else if !visible.isEmpty, detailOpen == false || selectedID == nil {
            selectedID = visible[min(oldIndex, visible.count - 1)].id
        }
        keepSelectionVisible(now: now)
        if let id = currentSelectionID { effects.append(.loadDetail(id)) }
        let wasLoaded = loaded
        loaded = true
        if wasLoaded {
            effects += checkBreaches(now: now)
        } else {
            knownBreached = Set(tickets.filter { $0.status == .open && $0.sla.state(now: now, policy: policy) == .breached }.map(\.id))
        }
        if screen == .watch, watchSelectedID == nil || !watchTickets(now: now).contains(where: { $0.id == watchSelectedID }) {
            watchSelectedID = watchTickets(now: now).first?.id
        }
        return effects
    }

    /// The id of the ticket the current screen is pointing at.
    public var currentSelectionID: TicketID? {
        if detailOpen, let detail { return detail.ticket.id }
        return screen == .watch ? watchSelectedID : selectedID
    }

    /// Rings the bell once for each ticket that newly breached (if the bell is on).
    mutating func checkBreaches(now: Date) -> [ConsoleEffect] {
        guard loaded else { return [] }
        let breached = Set(tickets.filter { $0.status == .open && $0.sla.state(now: now, policy: policy) == .breached }.map(\.id))
        let fresh = breached.subtracting(knownBreached)
        knownBreached = breached
        guard !fresh.isEmpty else { return [] }
        let names = fresh.map(\.rawValue).sorted().prefix(3).joined(separator: ", ")
        say("Breached: \(names)\(fresh.count > 3 ? " and \(fresh.count - 3) more" : "")", isError: true, now: now)
        return bellEnabled ? [.bell] : []
    }

    /// Asks for the automation health again when the last answer is `automationRefresh` old: runner passes and
    /// deliveries change it without changing a ticket, so the change poll alone would not. Once the queue is loaded
    /// (the first load brings it).
    mutating func refreshAutomation(now: Date) -> [ConsoleEffect] {
        guard loaded else { return [] }
        if let last = automationCheckedAt, now.timeIntervalSince(last) < Self.automationRefresh, now >= last { return [] }
        automationCheckedAt = now
        return [.loadAutomation]
    }

    /// Rows the queue list can show.
    var listRows: Int { max(1, height - 5) }

    mutating func keepSelectionVisible(now: Date) {
        let visible = visibleTickets(now: now)
        guard let index = visible.firstIndex(where: { $0.id == selectedID }) else {
            scrollTop = min(scrollTop, max(0, visible.count - 1))
            return
        }
        if index < scrollTop { scrollTop = index }
        if index >= scrollTop + listRows { scrollTop = index - listRows + 1 }
        scrollTop = max(0, min(scrollTop, max(0, visible.count - listRows)))
    }
}
