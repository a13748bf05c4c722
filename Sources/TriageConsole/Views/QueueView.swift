import Foundation
import TriageCore

/// The live queue and the breach watch: a table of tickets in order, with the detail beside it on a wide terminal.
enum QueueView {
    static func draw(_ state: ConsoleState, layout: Layout, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, now: Date) {
        if state.detailOpen {
            DetailView.draw(state, in: layout.body, into: &buffer, theme: theme, glyphs: glyphs, now: now)
            return
        }
        if let side = layout.side {
            for y in side.y..<(side.y + side.height) {
                buffer.put(String(glyphs.vertical), x: side.x - 2, y: y, style: theme[.border])
            }
            DetailView.draw(state, in: side, into: &buffer, theme: theme, glyphs: glyphs, now: now)
        }
        drawList(state, in: layout.list, into: &buffer, theme: theme, glyphs: glyphs, now: now)
    }

    struct Column {
        var title: String
        var width: Int
        var rightAligned = false
        /// Short words (`crit`, `tech`, `wait`) instead of the full ones.
        var compact = false
        /// The heading when it is not the title (compact columns).
        var label: String?
    }

    static func drawList(_ state: ConsoleState, in area: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, now: Date) {
        let watch = state.screen == .watch
        let tickets = watch ? state.watchTickets(now: now) : state.visibleTickets(now: now)
        let selected = watch ? state.watchSelectedID : state.selectedID
        var area = area
        // The line above the table: what is listed, the filter, where the list is scrolled to.
        let rows = max(0, area.height - 2)
        // Where the reducer scrolled to (the same function keeps a stale value in range).
        let top = ConsoleState.scrolled(watch ? state.watchScrollTop : state.scrollTop, toShow: selected, in: tickets, rows: max(1, rows))
        var info: [Span]
        if watch {
            let breached = tickets.filter { $0.sla.remaining(now: now) < 0 }.count
            info = [
                Span(" Breach watch ", .title), Span("\(glyphs.breached) \(breached) breached", breached > 0 ? .breached : .muted),
                Span(" · \(glyphs.warning) \(tickets.count - breached) warning", .warning),
                Span(" · bell \(state.bellEnabled ? "on" : "off") (b) · e acknowledge", .hint),
            ]
        } else if state.filterText.isEmpty {
            info = [Span(" Queue ", .title), Span("by SLA urgency: open by due time, then waiting", .muted)]
            if let queued = state.queuedBeyondWindow {
                info.append(Span(" · the \(state.tickets.count) most urgent of \(queued)", .warning))
            }
        } else {
            let of = state.queuedBeyondWindow.map { "the \(state.tickets.count) most urgent (of \($0))" } ?? "\(state.tickets.count)"
            info = [
                Span(" Filter ", .title), Span(state.filterText, .key),
                Span("  \(tickets.count) of \(of) · Esc clears", .hint),
            ]
            // Said as the agent types, not only on Enter: a term not understood filters nothing.
            let query = FilterQuery(state.filterText, agent: state.agent)
            if !query.problems.isEmpty {
                info.append(Span(" · not understood: \(query.problems.joined(separator: " "))", .warning))
            } else if query.asksClosed {
                info.append(Span(" · closed tickets are not in the queue: :view ID", .warning))
            }
        }
        let position = tickets.count > rows ? "\(top + 1)–\(min(tickets.count, top + rows)) of \(tickets.count) " : "\(tickets.count) "
        let positionWidth = TerminalText.width(position)
        TextLayout.draw(StyledLine(info), in: &buffer, x: area.x, y: area.y, width: max(0, area.width - positionWidth - 1), theme: theme)
        if area.width > positionWidth + 20 {
            buffer.put(position, x: area.x + area.width - positionWidth, y: area.y, style: theme[.hint])
        }
        area = area.top(1).1
        let columns = layout(width: area.width, watch: watch)
        var x = area.x
        for column in columns {
            buffer.put(
                column.label ?? column.title, x: x, y: area.y, style: theme[.columnHeader], padTo: column.width,
                alignRight: column.rightAligned)
            x += column.width + 1
        }
        guard rows > 0 else { return }
        if tickets.isEmpty {
            let message =
                !state.loaded
                ? "Loading the queue…"
                : watch
                    ? "Nothing is breaching or close to it. \(glyphs.met)"
                    : state.filterText.isEmpty ? "The queue is empty. \(glyphs.met)" : "No ticket matches the filter."
            buffer.put("  " + message, x: area.x, y: area.y + 2, style: theme[.muted], maxWidth: area.width)
            return
        }
        for (offset, ticket) in tickets.dropFirst(top).prefix(rows).enumerated() {
            let y = area.y + 1 + offset
            let isSelected = ticket.id == selected
            let cells = self.cells(ticket, state: state, glyphs: glyphs, now: now, columns: columns)
            if isSelected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.selected]) }
            var x = area.x
            for (column, cell) in zip(columns, cells) {
                // On the selection bar the urgency colours become badges (`Theme.selectedAccent`), readable on any bar.
                let style =
                    !isSelected
                    ? theme[cell.role] : Theme.selectedAccents.contains(cell.role) ? theme.selectedAccent(cell.role) : theme[.selected]
                buffer.put(cell.text, x: x, y: y, style: style, padTo: column.width, alignRight: column.rightAligned)
                x += column.width + 1
            }
        }
    }

    /// Columns for a width: the subject takes what is left; less important columns go first on narrow terminals.
    /// The breach watch lists open tickets only, so its STATUS column gives way to ON-CALL (pages, acknowledgement),
    /// which turns compact before the assignee goes.
    static func layout(width: Int, watch: Bool = false) -> [Column] {
        var columns = [
            Column(title: "", width: 1), Column(title: "SLA", width: 8), Column(title: "ID", width: 9), Column(title: "PRIO", width: 8),
            Column(title: "CATEGORY", width: 10), Column(title: "SUBJECT", width: 0), Column(title: "REQUESTER", width: 9),
            Column(title: "ASSIGNEE", width: 8),
            watch ? Column(title: "ON-CALL", width: OnCallText.watchWidth) : Column(title: "STATUS", width: 7),
            Column(title: "AGE", width: 4, rightAligned: true),
        ]
        // Until the subject has 24 columns: the priority, category and status in short words, then the columns that
        // matter least go ("ON-CALL" turns compact rather than going).
        let steps = ["compact", "REQUESTER", "AGE", "CATEGORY", watch ? "ON-CALL" : "STATUS", "ASSIGNEE", "PRIO"]
        for step in steps {
            let used = columns.reduce(0) { $0 + $1.width + 1 }
            if width - used >= 24 { break }
            if step == "compact" {
                for (title, short, label) in [("PRIO", 4, "PRIO"), ("CATEGORY", 7, "CATEG."), ("STATUS", 4, "STAT")] {
                    guard let index = columns.firstIndex(where: { $0.title == title }) else { continue }
                    columns[index].width = short
                    columns[index].compact = true
                    columns[index].label = label
                }
            } else if step == "ON-CALL", let index = columns.firstIndex(where: { $0.title == step }) {
                columns[index].width = OnCallText.compactWatchWidth
            } else {
                columns.removeAll { $0.title == step }
            }
        }
        let used = columns.reduce(0) { $0 + $1.width + 1 }
        if let subject = columns.firstIndex(where: { $0.title == "SUBJECT" }) { columns[subject].width = max(4, width - used) }
        return columns
    }

    static func cells(_ t: Ticket, state: ConsoleState, glyphs: Glyphs, now: Date, columns: [Column]) -> [Span] {
        func compact(_ title: String) -> Bool { columns.contains { $0.title == title && $0.compact } }
        let sla = slaSpan(t, policy: state.policy, glyphs: glyphs, now: now)
        let mark: Span =
            state.arrivals[t.id] != nil
            ? Span(glyphs.newMark, .newTicket)
            : t.escalated ? (t.acknowledgedAt == nil ? Span(glyphs.escalated, .escalated) : Span(glyphs.acknowledged, .muted)) : Span(" ")
        let onCall = columns.first { $0.title == "ON-CALL" }.map {
            OnCallText.watchCell(
                t, info: state.escalations[t.id], compact: $0.width < OnCallText.watchWidth, policy: state.policy,
                timeZone: state.timeZone, now: now)
        }
        let all: [(String, Span)] = [
            ("", mark), ("SLA", sla), ("ID", Span(t.id.rawValue, state.arrivals[t.id] != nil ? .newTicket : .normal)),
            (
                "PRIO",
                Span(
                    compact("PRIO") ? t.priority.shortName : t.priority.rawValue,
                    t.priority == .critical ? .critical : t.priority == .high ? .warning : .normal)
            ),
            ("CATEGORY", Span(compact("CATEGORY") ? t.category.shortName : t.category.rawValue, .muted)),
            ("SUBJECT", Span(subjectMarks(t.id, state: state, glyphs: glyphs) + t.subject)),
            ("REQUESTER", Span(t.requesterLabel, .muted)),
            ("ASSIGNEE", Span(t.assignee ?? "–", t.assignee == nil ? .muted : .normal)),
            (
                "STATUS",
                Span(compact("STATUS") && t.status == .waiting ? "wait" : t.status.rawValue, t.status == .waiting ? .paused : .normal)
            ),
            ("ON-CALL", onCall ?? Span("")),
            ("AGE", Span(DurationText.age(now.timeIntervalSince(t.createdAt)), .muted)),
        ]
        return columns.compactMap { column in all.first { $0.0 == column.title }?.1 }
    }

    /// `✖ -3h12m` breached, `▲ 5h40m` warning, `● 41h` ok, `‖ 20h` paused: symbol and colour both carry the state.
    static func slaSpan(_ t: Ticket, policy: SLAPolicy, glyphs: Glyphs, now: Date) -> Span {
        let state = t.sla.state(now: now, policy: policy)
        let countdown = DurationText.countdown(t.sla.remaining(now: now))
        if t.sla.isPaused { return Span("\(glyphs.paused) \(countdown)", .paused) }
        switch state {
        case .breached: return Span("\(glyphs.breached) \(countdown)", .breached)
        case .warning: return Span("\(glyphs.warning) \(countdown)", .warning)
        case .ok: return Span("\(glyphs.ok) \(countdown)", .ok)
        case .met: return Span("\(glyphs.met) met", .ok)
        case .missed: return Span("\(glyphs.missed) missed", .breached)
        }
    }
}

extension Priority {
    /// Four letters at most, for narrow terminals: `crit`, `high`, `med`, `low`.
    var shortName: String {
        switch self {
        case .critical: "crit"
        case .high: "high"
        case .medium: "med"
        case .low: "low"
        }
    }
}

extension TriageCore.Category {
    /// Seven letters at most, for narrow terminals: `bug`, `tech`, `sugg`, `billing`, `account`, `general`.
    var shortName: String {
        switch self {
        case .bugReport: "bug"
        case .technical: "tech"
        case .suggestion: "sugg"
        default: rawValue
        }
    }
}
