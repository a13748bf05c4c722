import Foundation
import TriageCore

/// The top row: the title, the screen tabs, the queue's headline counts, the automation health (right-aligned) and
/// the time of the last change. At narrow widths it gives things up in a fixed order until the rest fits whole —
/// the time, the unassigned and critical counts, the long health wording, the title, the inactive tabs' names, the
/// open and waiting counts — so the breached and warning counts and the runner's health are the last to go.
enum HeaderView {
    /// One way of laying the row out, from the fullest to the most compact.
    struct Form {
        var time = true
        var longHealth = true
        var title = true
        var compactTabs = false
        var dropped: Set<Count> = []
    }

    enum Count: CaseIterable {
        case open, waiting, breached, warning, critical, unassigned
    }

    static let forms: [Form] = {
        var form = Form()
        var out = [form]
        func next(_ change: (inout Form) -> Void) {
            change(&form)
            out.append(form)
        }
        next { $0.time = false }
        next { $0.dropped.insert(.unassigned) }
        next { $0.dropped.insert(.critical) }
        next { $0.longHealth = false }
        next { $0.title = false }
        next { $0.compactTabs = true }
        next { $0.dropped.formUnion([.open, .waiting]) }
        return out
    }()

    /// The pieces of the row in one form.
    struct Parts {
        var left: [Span]
        var counts: [Span]
        var health: [Span]
        var time: String
        var width: Int { StyledLine(left).width + StyledLine(counts).width + StyledLine(health).width + TerminalText.width(time) }
    }

    static func layout(_ state: ConsoleState, _ summary: QueueSummary, _ form: Form, width: Int, glyphs: Glyphs, now: Date) -> Parts {
        let time = !form.time ? "" : state.lastChange.map { " ↻ \(Clock.time($0, in: state.timeZone)) " } ?? " loading… "
        return Parts(
            left: left(state, form), counts: counts(summary, form, short: width < 132, glyphs: glyphs),
            health: health(state, form, glyphs: glyphs, now: now), time: time)
    }

    static func draw(_ state: ConsoleState, in row: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, now: Date) {
        buffer.fill(row, style: theme[.header])
        let summary = state.headerSummary(now: now)
        let parts =
            forms.lazy.map { layout(state, summary, $0, width: row.width, glyphs: glyphs, now: now) }.first { $0.width <= row.width }
            ?? layout(state, summary, forms[forms.count - 1], width: row.width, glyphs: glyphs, now: now)
        // Too narrow even so: the tabs stay whole, the health takes what it can of the rest, the counts what is left.
        let timeWidth = TerminalText.width(parts.time)
        let healthWidth = min(StyledLine(parts.health).width, max(0, row.width - timeWidth - StyledLine(parts.left).width))
        let healthX = row.x + row.width - timeWidth - healthWidth
        var x = row.x
        for span in parts.left { x = buffer.put(span.text, x: x, y: row.y, style: theme[span.role], maxWidth: max(0, healthX - x)) }
        let backed = theme.headerBacked
        TextLayout.draw(StyledLine(parts.counts), in: &buffer, x: x, y: row.y, width: max(0, healthX - x), theme: backed)
        TextLayout.draw(StyledLine(parts.health), in: &buffer, x: healthX, y: row.y, width: healthWidth, theme: backed)
        if timeWidth > 0 { buffer.put(parts.time, x: healthX + healthWidth, y: row.y, style: theme[.header]) }
    }

    /// The title and the tabs; compact tabs name only the current screen.
    static func left(_ state: ConsoleState, _ form: Form) -> [Span] {
        var spans = form.title ? [Span(" Triage ", .header)] : []
        for (index, screen) in Screen.allCases.enumerated() {
            let current = screen == state.screen
            let label = current || !form.compactTabs ? " \(index + 1) \(screen.title) " : " \(index + 1) "
            spans.append(Span(label, current ? .tabActive : .tab))
        }
        return spans
    }

    static func counts(_ s: QueueSummary, _ form: Form, short: Bool, glyphs: Glyphs) -> [Span] {
        let all: [(Count, String, StyleRole)] = [
            (.open, "\(s.open) open", .header), (.waiting, "\(s.waiting) \(short ? "wait" : "waiting")", .header),
            (.breached, "\(glyphs.breached)\(s.breached) \(short ? "breach" : "breached")", s.breached > 0 ? .breached : .header),
            (.warning, "\(glyphs.warning)\(s.warning) \(short ? "warn" : "warning")", s.warning > 0 ? .warning : .header),
            (.critical, "\(s.critical) \(short ? "crit" : "critical")", s.critical > 0 ? .critical : .header),
            (.unassigned, "\(s.unassigned) unassigned", .header),
        ]
        return all.filter { !form.dropped.contains($0.0) }.enumerated().map { index, count in
            Span((index == 0 ? "  " : " · ") + count.1, count.2)
        }
    }

    /// The automation health, padded, or nothing before it is loaded.
    static func health(_ state: ConsoleState, _ form: Form, glyphs: Glyphs, now: Date) -> [Span] {
        guard let automation = state.automation else { return [] }
        let pieces = OnCallText.health(automation, short: !form.longHealth, glyphs: glyphs, now: now)
        var spans = [Span("  ", .header)]
        for (index, piece) in pieces.enumerated() {
            if index > 0 { spans.append(Span(" · ", .header)) }
            spans += piece
        }
        spans.append(Span(" ", .header))
        return spans
    }
}
