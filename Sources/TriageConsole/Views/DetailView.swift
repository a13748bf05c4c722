import Foundation
import TriageCore

/// A ticket in full: metadata, SLA state and the rule that set it, tags, and the whole thread, internal notes
/// unmistakably marked. Scrolls.
enum DetailView {
    static func draw(_ state: ConsoleState, in area: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, now: Date) {
        guard area.width > 4, area.height > 0 else { return }
        guard let detail = state.detail, detail.ticket.id == state.currentSelectionID else {
            let message = state.currentSelectionID == nil ? "No ticket selected." : "Loading…"
            buffer.put(message, x: area.x, y: area.y + 1, style: theme[.muted], maxWidth: area.width)
            return
        }
        let lines = self.lines(detail, state: state, width: Layout.pageTextWidth(area), glyphs: glyphs, now: now)
        Page.draw(lines, scroll: state.detailScroll, in: area, into: &buffer, theme: theme, glyphs: glyphs)
    }

    static func lines(_ detail: TicketDetail, state: ConsoleState, width: Int, glyphs: Glyphs, now: Date) -> [StyledLine] {
        let t = detail.ticket
        let policy = state.policy
        var out: [StyledLine] = []
        let subject = TextLayout.wrap(t.subject, width: max(1, width - 11))
        out.append(StyledLine([Span(t.id.rawValue + "  ", .key), Span(subject.first ?? "", .title)]))
        for more in subject.dropFirst() { out.append(StyledLine([Span(String(repeating: " ", count: 11)), Span(more, .title)])) }
        let sla = QueueView.slaSpan(t, policy: policy, glyphs: glyphs, now: now)
        let slaState = t.sla.state(now: now, policy: policy)
        // The span already says met or missed on a closed ticket; the words say what that means.
        var slaWords: String
        switch slaState {
        case .met: slaWords = "closed before its due time"
        case .missed: slaWords = "closed after its due time"
        case .ok, .warning, .breached: slaWords = slaState.rawValue.uppercased()
        }
        if t.sla.isPaused { slaWords += " · paused (waiting for the user)" }
        out.append(
            StyledLine([
                Span("SLA  "), sla, Span("  \(slaWords)", sla.role),
                Span(
                    "  due \(Clock.dateTime(t.sla.dueAt, in: state.timeZone)) · \(DurationText.hours(t.sla.budget.hours, .en)) set by \(t.sla.ruleDescription(compact: true))",
                    .muted),
            ]))
        let facts: [Span] = [
            Span(t.status.rawValue, t.status == .waiting ? .paused : .normal), Span(" · "),
            Span(t.priority.rawValue, t.priority == .critical ? .critical : .normal), Span(" · \(t.category.rawValue) · "),
            Span(t.assignee.map { "assigned to \($0)" } ?? "unassigned", t.assignee == nil ? .warning : .normal),
        ]
        out.append(StyledLine(facts))
        if let present = state.presence[t.id], !present.isEmpty { out.append(StyledLine(Presence.sentence(present), .warning)) }
        if t.escalated {
            out += OnCallText.detailLines(t, info: state.escalations[t.id], width: width, glyphs: glyphs, timeZone: state.timeZone)
        }
        out.append(
            StyledLine(
                "requester \(t.requesterLabel) · opened \(Clock.dateTime(t.createdAt, in: state.timeZone)) (\(DurationText.age(now.timeIntervalSince(t.createdAt))) ago) · id \(t.userID)",
                .muted))
        if !t.tags.isEmpty { out.append(StyledLine([Span("tags ", .muted), Span(t.tags.map { "#\($0)" }.joined(separator: " "), .key)])) }
        if let resolution = t.resolution { out.append(StyledLine([Span("resolution ", .muted), Span(resolution)])) }
        if let s = t.satisfaction {
            let stars = String(repeating: glyphs.star, count: s.rating)
            out.append(
                StyledLine([Span("rating ", .muted), Span(stars + " \(s.rating)/5", .warning), Span(s.comment.map { "  “\($0)”" } ?? "")]))
        }
        out.append(StyledLine(""))
        out.append(Self.rule("Description", width: width, glyphs: glyphs, role: .userMessage))
        for line in TextLayout.wrap(t.description, width: width) { out.append(StyledLine(line)) }
        for message in detail.messages {
            out.append(StyledLine(""))
            let when = Clock.dateTime(message.createdAt, in: state.timeZone)
            if message.isInternal {
                let header = "\(glyphs.internalMark) INTERNAL NOTE · \(message.author) · \(when) · agents only"
                out.append(StyledLine(header, .internalNote, fill: .internalNote))
                for line in TextLayout.wrap(message.body, width: max(1, width - 2)) {
                    out.append(StyledLine([Span(glyphs.internalMark + " ", .internalNote), Span(line)]))
                }
            } else {
                let who = message.authorKind == .user ? "user \(detail.author(of: message))" : message.author
                out.append(
                    Self.rule(
                        "\(who) · \(when)", width: width, glyphs: glyphs, role: message.authorKind == .user ? .userMessage : .agentMessage))
                for line in TextLayout.wrap(message.body, width: width) { out.append(StyledLine(line)) }
            }
        }
        out.append(StyledLine(""))
        let keys = t.status == .closed ? "closed: o reopen · n note" : "r reply · n note · a assign me · x close · s wait/open · p c t"
        out.append(StyledLine(keys, .hint))
        // Lines of facts longer than the pane wrap rather than being cut (the thread is wrapped already).
        return out.flatMap { $0.wrapped(to: width, indent: 2) }
    }

    static func rule(_ title: String, width: Int, glyphs: Glyphs, role: StyleRole) -> StyledLine {
        let head = "\(glyphs.horizontal)\(glyphs.horizontal) \(title) "
        let tail = String(repeating: glyphs.horizontal, count: max(0, width - TerminalText.width(head)))
        return StyledLine([Span(head, role), Span(tail, .border)])
    }
}
