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
        state.clampScrolls(now: now)
        return []
    case .tick:
        if let status = state.status, status.until <= now { state.status = nil }
        state.arrivals = state.arrivals.filter { $0.value > now }
        return state.checkBreaches(now: now, changed: []) + state.refreshAutomation(now: now) + state.refreshPresence(now: now)
    case .queueLoaded(let tickets, let summary, let version):
        state.queueVersion = version
        return state.applyQueue(tickets, summary: summary, now: now)
    case .queueChanged(let changes):
        return state.applyChanges(changes, now: now)
    case .escalationsLoaded(let escalations):
        state.escalations = escalations
        return []
    case .automationLoaded(let health):
        state.automation = health
        state.automationCheckedAt = now
        return []
    case .detailLoaded(let detail):
        return state.applyDetail(detail, now: now)
    case .detailMissing(let id, let message):
        // The full-screen detail of a ticket that is not there closes, back to where the agent was.
        if state.detailOpen, state.detailTarget == id {
            state.detailOpen = false
            state.detailTarget = nil
        }
        state.say(message, isError: true, now: now)
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
    case .draftsLoaded(let drafts):
        state.drafts = drafts
        return []
    case .rosterLoaded(let names):
        state.roster = names
        return []
    case .repliesLoaded(let templates):
        state.replies = templates
        return []
    case .seenLoaded(let marks, let ids):
        state.mergeSeen(marks, of: ids)
        return []
    case .presenceLoaded(let presence):
        state.presence = presence
        return []
    case .succeeded(let message):
        state.say(message, now: now)
        return []
    case .failed(let message):
        state.stayInPlace = nil
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

    /// A ticket's detail from the store: shown, with a colleague's change to it announced; the agent's seen mark moves.
    mutating func applyDetail(_ detail: TicketDetail, now: Date) -> [ConsoleEffect] {
        // A late answer about another ticket does not replace the one opened full-screen.
        if detailOpen, let target = detailTarget, detail.ticket.id != target { return [] }
        let previous = self.detail
        let sameTicket = previous?.ticket.id == detail.ticket.id
        self.detail = detail
        if !sameTicket { detailScroll = 0 }
        if var session = editor, session.ticketID == detail.ticket.id, session.seenMessage == nil {
            session.seenMessage = detail.newestMessage
            editor = session
        }
        // B1: the ticket open full-screen was just closed (here or elsewhere): back to the queue, on the next one.
        if detailOpen, sameTicket, let before = previous?.ticket, before.status != .closed, detail.ticket.status == .closed {
            return leaveClosed(before, closed: detail, now: now)
        }
        if sameTicket, let previous { announce(previous, detail, now: now) }
        return noteSeen(detail)
    }

    /// The queue's changes since `queueVersion`, merged into the loaded window: changed tickets replace their old
    /// rows at their new place, those that left the queue go. A stale answer (an older version) is dropped; when the
    /// store says to, or when too many of a full window's rows have gone, the whole queue is loaded again.
    mutating func applyChanges(_ changes: QueueChanges, now: Date) -> [ConsoleEffect] {
        guard let version = queueVersion, changes.version >= version else { return [] }
        guard let changed = changes.changed else {
            queueVersion = nil
            return [.loadQueue]
        }
        queueVersion = changes.version
        // Counts the store left to the console (it holds the tickets due soon) keep their last counted values, for
        // when the window no longer holds them all (`headerSummary`).
        var newSummary = changes.summary
        if !newSummary.dueCounted {
            (newSummary.breached, newSummary.warning, newSummary.dueCounted) = (summary.breached, summary.warning, summary.dueCounted)
        }
        let touched = changes.touched
        guard !touched.isEmpty else {
            summary = newSummary
            return []
        }
        let full = tickets.count >= Self.queueWindow
        // In place: the old rows of the changed tickets go, the changed tickets go in at their place (moves of the
        // array's storage, not copies of every ticket).
        let oldIndex = visibleTickets(now: now).position(of: selectedID)
        var merged = tickets
        tickets = []
        // Where the changed tickets were, read off the rows' ids (no row is copied).
        // A few changed tickets (nearly every refresh) are compared, not hashed, against each of the window's rows.
        let few = touched.count <= 8 ? Array(touched) : nil
        let positions = merged.withUnsafeBufferPointer { rows in
            rows.indices.filter { few?.contains(rows[$0].id) ?? touched.contains(rows[$0].id) }
        }
        let present = Set(positions.map { merged[$0].id })
        let arrived = changed.lazy.map(\.id).filter { !present.contains($0) }
        if positions.count > 64 {
            merged.removeAll { touched.contains($0.id) }
        } else {
            for position in positions.reversed() { merged.remove(at: position) }
        }
        // A window that was full ends at its last ticket: a changed ticket that sorts after it is not in the window.
        let limit = full ? merged.last?.queueKey : nil
        for ticket in changed {
            guard let key = ticket.queueKey else { continue }
            if let limit, limit < key { continue }
            merged.insert(ticket, at: merged.firstIndex(after: key))
        }
        if merged.count > Self.queueWindow { merged.removeLast(merged.count - Self.queueWindow) }
        var effects = applyQueue(
            merged, summary: newSummary, now: now, changed: touched, arrived: Array(arrived), selectedRow: oldIndex ?? 0,
            detailRead: changes.detail?.ticket.id)
        for id in touched { escalations[id] = changes.escalations[id] }
        mergeSeen(changes.seen, of: touched)
        if let detail = changes.detail, detail.ticket.id == currentSelectionID {
            // The detail on screen came with the changes: no second read, and one frame for both.
            effects += applyDetail(detail, now: now)
        }
        if full && merged.count < Self.queueWindow - 100 {
            // The window lost its tail to closes: refill it.
            queueVersion = nil
            effects.append(.loadQueue)
        } else if dueCounts(now: now) == nil, !summary.dueCounted, let version = queueVersion {
            // The window no longer holds every ticket due soon, and the store did not count them: ask it to.
            effects.append(.loadQueueChanges(since: version, detail: nil, countDue: true))
        }
        return effects
    }

    /// A new queue from the store: keep the selection on the same ticket, highlight arrivals, ring for new breaches.
    /// `changed`: the tickets known to have changed (nil: any may have), to reload the detail only when it shows one.
    /// `arrived`: the new tickets among them when the caller knows (the old queue is then not compared);
    /// `selectedRow`: where the selection was in the old visible list, when the caller has already replaced it;
    /// `detailRead`: a ticket whose detail the caller read with the queue (not asked for again).
    mutating func applyQueue(
        _ newTickets: [Ticket], summary: QueueSummary, now: Date, changed: Set<TicketID>? = nil, arrived: [TicketID]? = nil,
        selectedRow: Int? = nil, detailRead: TicketID? = nil
    ) -> [ConsoleEffect] {
        let oldIndex = selectedRow ?? visibleTickets(now: now).position(of: selectedID) ?? 0
        if let arrived {
            if loaded { for id in arrived { arrivals[id] = now.addingTimeInterval(5) } }
            lastChange = now
        } else if loaded {
            let oldIDs = Set(tickets.map(\.id))
            for t in newTickets where !oldIDs.contains(t.id) {
                arrivals[t.id] = now.addingTimeInterval(5)
            }
            if newTickets != tickets { lastChange = now }
        } else {
            lastChange = now
        }
        tickets = newTickets
        searchIndex.prune(keeping: newTickets)
        self.summary = summary
        var effects: [ConsoleEffect] = []
        let visible = visibleTickets(now: now)
        if let selectedID, visible.contains(where: { $0.id == selectedID }) {
            // stays on the same ticket wherever it moved
        } else if !visible.isEmpty, detailOpen == false || selectedID == nil {
            selectedID = visible[min(oldIndex, visible.count - 1)].id
        }
        if let stay = stayInPlace, let moved = visible.firstIndex(where: { $0.id == stay }), visible[moved].status == .waiting {
            // The agent's own reply (or `s`) sent the ticket down to the waiting section: the cursor stays on the row.
            if stay == selectedID, !detailOpen, moved != oldIndex { selectedID = visible[min(oldIndex, visible.count - 1)].id }
            stayInPlace = nil
        }
        keepSelectionVisible(now: now)
        if let id = currentSelectionID, id != detailRead, changed?.contains(id) ?? true || detail?.ticket.id != id {
            effects.append(.loadDetail(id))
        }
        let wasLoaded = loaded
        loaded = true
        if wasLoaded {
            effects += checkBreaches(now: now, changed: changed)
        } else {
            // Once: the drafts set aside earlier (marked in the queue) and the agents to assign to.
            effects += [.loadDrafts, .loadRoster]
            knownBreached = breachedIDs(now: now)
            breachesCheckedAt = now
        }
        if screen == .watch, watchSelectedID == nil || !watchTickets(now: now).contains(where: { $0.id == watchSelectedID }) {
            watchSelectedID = watchTickets(now: now).first?.id
        }
        return effects
    }

    /// The id of the ticket the current screen is pointing at.
    public var currentSelectionID: TicketID? {
        if detailOpen, let id = detailTarget ?? detail?.ticket.id { return id }
        return screen == .watch ? watchSelectedID : selectedID
    }

    /// Rings the bell once for each ticket that newly breached (if the bell is on).
    ///
    /// `changed`: the tickets that changed since the last check when the caller knows (a merge of changes; none on
    /// a tick), else every loaded ticket is looked at. Only two kinds of ticket can newly breach: a changed one, and
    /// one whose due time passed since the last check. Only those are looked up in the known set (thousands of
    /// tickets may be breached at once); the breached are counted, and a count that disagrees with the known set
    /// makes the whole set again.
    mutating func checkBreaches(now: Date, changed: Set<TicketID>? = nil) -> [ConsoleEffect] {
        guard loaded else { return [] }
        var fresh = Set<TicketID>()
        if let changed, changed.count <= 32, let since = breachesCheckedAt, since <= now {
            var count = 0
            forEachBreached(now: now) { ticket in
                count += 1
                if ticket.sla.dueAt >= since, !knownBreached.contains(ticket.id) { fresh.insert(ticket.id) }
            }
            for id in changed {
                let breached =
                    tickets.position(of: id).map {
                        tickets[$0].sla.state(now: now, policy: policy) == .breached && tickets[$0].status == .open
                    } ?? false
                if !breached {
                    knownBreached.remove(id)
                } else if !knownBreached.contains(id) {
                    fresh.insert(id)
                }
            }
            knownBreached.formUnion(fresh)
            if count != knownBreached.count {
                let all = breachedIDs(now: now)
                fresh = all.subtracting(knownBreached).union(fresh)
                knownBreached = all
            }
        } else {
            let all = breachedIDs(now: now)
            fresh = all.subtracting(knownBreached)
            knownBreached = all
        }
        breachesCheckedAt = now
        guard !fresh.isEmpty else { return [] }
        let names = fresh.map(\.rawValue).sorted().prefix(3).joined(separator: ", ")
        say("Breached: \(names)\(fresh.count > 3 ? " and \(fresh.count - 3) more" : "")", isError: true, now: now)
        return bellEnabled ? [.bell] : []
    }

    /// The loaded open tickets past their due time (looked for among the tickets due soon only, without copying them).
    func breachedIDs(now: Date) -> Set<TicketID> {
        var ids = Set<TicketID>()
        forEachBreached(now: now) { ids.insert($0.id) }
        return ids
    }

    /// Calls `body` with each loaded open ticket past its due time (in place: no row is copied).
    func forEachBreached(now: Date, _ body: (borrowing Ticket) -> Void) {
        dueSoon(now: now).withUnsafeBufferPointer { rows in
            for i in rows.indices where rows[i].sla.state(now: now, policy: policy) == .breached { body(rows[i]) }
        }
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

    /// Rows the queue and the watch show (the layout's, so paging and drawing agree).
    var listRows: Int { max(1, layout.listRows) }

    /// Scrolls the queue and the watch so that their selections are in view.
    mutating func keepSelectionVisible(now: Date) {
        scrollTop = Self.scrolled(scrollTop, toShow: selectedID, in: visibleTickets(now: now), rows: listRows)
        // The watch is worked out only while it is on screen (the list view keeps a stale offset in range).
        if screen == .watch {
            watchScrollTop = Self.scrolled(watchScrollTop, toShow: watchSelectedID, in: watchTickets(now: now), rows: listRows)
        }
    }

    /// The first row to show so that `id` is visible, moving as little as possible from `top`.
    static func scrolled(_ top: Int, toShow id: TicketID?, in list: [Ticket], rows: Int) -> Int {
        var top = top
        if let index = list.position(of: id) {
            if index < top { top = index }
            if index >= top + rows { top = index - rows + 1 }
        }
        return max(0, min(top, list.count - rows))
    }
}

extension [Ticket] {
    /// Where ticket `id` is in these tickets, read off the rows' ids without copying a row (thousands of rows are
    /// looked through on every change).
    func position(of id: TicketID?) -> Int? {
        guard let id else { return nil }
        return withUnsafeBufferPointer { rows in rows.indices.first { rows[$0].id == id } }
    }

    /// Where a ticket with queue place `key` goes in these tickets (in queue order): before the first that sorts
    /// after it (binary search).
    fileprivate func firstIndex(after key: QueueKey) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if let other = self[middle].queueKey, !(key < other) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
