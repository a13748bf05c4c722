import Foundation
import TriageCore

/// The help (`?`): every key (`Overlays.helpText`) and the legend of every symbol and colour the queue, the watch,
/// the header, the detail and the stats use, each drawn with its own glyph in its own colour. It scrolls like any
/// page; on a wide terminal the keys and the legend sit side by side.
enum HelpView {
    /// One legend entry: what is drawn (in the role's colour) and what it means.
    struct Entry {
        var sample: [Span]
        var meaning: String
    }

    /// The legend, in sections, with the glyphs in use (Unicode or ASCII).
    static func legend(_ glyphs: Glyphs) -> [(String, [Entry])] {
        func e(_ text: String, _ role: StyleRole, _ meaning: String) -> Entry { Entry(sample: [Span(text, role)], meaning: meaning) }
        return [
            (
                "SLA countdown (queue, watch, detail)",
                [
                    e("\(glyphs.breached) -3h12m", .breached, "breached: the due time passed 3h12m ago"),
                    e("\(glyphs.warning) 5h40m", .warning, "warning: due within the priority's warning lead"),
                    e("\(glyphs.ok) 41h", .ok, "on time: 41 hours left"),
                    e("\(glyphs.paused) 20h", .paused, "paused: waiting for the user, the clock is stopped"),
                    e("\(glyphs.met) met \(glyphs.missed) missed", .ok, "a closed ticket's cycle ended before / after its due time"),
                ]
            ),
            (
                "Marks in the first column",
                [
                    e(glyphs.escalated, .escalated, "escalated to on-call, not acknowledged yet (e acknowledges)"),
                    e(glyphs.acknowledged, .muted, "escalated, acknowledged by on-call"),
                    e(glyphs.newMark, .newTicket, "arrived a moment ago (its id is highlighted for 5 s)"),
                ]
            ),
            (
                "Columns",
                [
                    Entry(
                        sample: [Span("critical", .critical), Span(" "), Span("high", .warning)],
                        meaning: "priorities that need attention first"),
                    e("–", .muted, "no assignee"), e("waiting", .paused, "waiting for the user's answer"),
                    e(glyphs.ui("• Subject"), .normal, "someone else moved it since you last opened it (opening it clears the mark)"),
                    e("[bruno replying] Subject", .normal, "a colleague is writing a reply (or a note, or viewing it) right now"),
                    e(glyphs.ui("✎ Subject"), .normal, "you set a draft aside on it (r or n takes it up; /is:draft lists them)"),
                    e("paged ×3", .escalated, "watch: on-call was paged 3 times this SLA cycle, nobody acknowledged"),
                    e("ack bruno 14:02", .muted, "watch: who acknowledged the escalation, and when"),
                    e("not escalated", .warning, "watch: a breach no runner has picked up (is the runner running?)"),
                ]
            ),
            (
                "Header",
                [
                    e("\(glyphs.breached)7 breached", .breached, "open tickets past their due time"),
                    e("\(glyphs.warning)4 warning", .warning, "open tickets close to it"),
                    e("runner \(glyphs.met)", .ok, "the automation runner passed in the last 2 minutes"),
                    e("runner starting\(glyphs.ellipsis)", .muted, "a runner started in the last 2 minutes; its first pass is running"),
                    e("runner \(glyphs.breached)", .breached, "no runner pass for over 2 minutes: no escalation, no page"),
                    e("\(glyphs.deadLetter) 3 dead", .warning, "notifications that could not be delivered (triage outbox retry)"),
                    e("\(glyphs.disabledTarget) #oncall off", .breached, "a delivery target disabled after an error"),
                    e(glyphs.ui("↻ 14:02:09"), .header, "when something last changed in the store"),
                ]
            ),
            (
                "Detail and stats",
                [
                    e("\(glyphs.internalMark) INTERNAL NOTE", .internalNote, "a note for agents only: the user never sees it"),
                    e("\(glyphs.horizontal)\(glyphs.horizontal) user …", .userMessage, "a message from the user"),
                    e("\(glyphs.horizontal)\(glyphs.horizontal) alice …", .agentMessage, "a reply from an agent (the user reads it)"),
                    e("\(glyphs.pass) \(glyphs.fail) \(glyphs.noData)", .kpiPass, "a KPI met / missed / no data yet"),
                    Entry(
                        sample: [Span("\(glyphs.scrollThumb)", .key), Span("\(glyphs.scrollUp)\(glyphs.scrollDown)", .key)],
                        meaning: "scroll bar: where the page is; more above / below (j k PgUp PgDn g G)"),
                ]
            ),
        ]
    }

    /// The keys' lines: a section title, then each key and its meaning, the meaning wrapped under itself.
    static func keyLines(_ glyphs: Glyphs, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = [StyledLine("Keys", .title)]
        let keyWidth = 20
        for (key, meaning) in Overlays.helpText {
            if meaning.isEmpty && !key.hasPrefix(":") {
                lines.append(StyledLine(""))
                lines.append(StyledLine(key, .title))
            } else if key.hasPrefix(":") {
                // Command-line examples: one per line, wrapped at their spaces.
                for (i, piece) in TextLayout.wrap(glyphs.ui(key), width: max(10, width - 2)).enumerated() {
                    lines.append(StyledLine([Span((i == 0 ? "  " : "    ") + piece, .key)]))
                }
            } else {
                let wrapped = TextLayout.wrap(glyphs.ui(meaning), width: max(10, width - keyWidth - 2))
                lines.append(
                    StyledLine([Span("  " + TerminalText.pad(glyphs.ui(key), to: keyWidth - 1), .key), Span(" " + (wrapped.first ?? ""))]))
                for more in wrapped.dropFirst() { lines.append(StyledLine(String(repeating: " ", count: keyWidth + 2) + more)) }
            }
        }
        return lines
    }

    /// The legend's lines: each sample in its colour, padded, then its meaning wrapped under itself.
    static func legendLines(_ glyphs: Glyphs, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = [StyledLine("Symbols and colours", .title)]
        let sampleWidth = 18
        for (section, entries) in legend(glyphs) {
            lines.append(StyledLine(""))
            lines.append(StyledLine(section, .title))
            for entry in entries {
                let used = StyledLine(entry.sample).width
                // A sample wider than the column pushes its meaning right: the meaning wraps in what is left.
                let lead = max(sampleWidth, used)
                let wrapped = TextLayout.wrap(entry.meaning, width: max(10, width - lead - 3))
                lines.append(
                    StyledLine(
                        [Span("  ")] + entry.sample + [Span(String(repeating: " ", count: lead - used + 1)), Span(wrapped.first ?? "")]))
                for more in wrapped.dropFirst() { lines.append(StyledLine(String(repeating: " ", count: lead + 3) + more)) }
            }
        }
        return lines
    }

    /// From this many columns of text the keys and the legend sit side by side.
    static let twoColumnWidth = 120

    /// Every line of the help at `width` columns.
    static func lines(_ glyphs: Glyphs, width: Int) -> [StyledLine] {
        guard width >= twoColumnWidth else {
            return keyLines(glyphs, width: width) + [StyledLine("")] + legendLines(glyphs, width: width)
        }
        let half = width / 2
        let left = keyLines(glyphs, width: half - 2)
        let right = legendLines(glyphs, width: width - half)
        return StyledLine.sideBySide(left, right, leftWidth: half)
    }

    /// The help box's page: inside its frame, one column in from the left.
    static func pageArea(_ inside: Rect) -> Rect { Rect(x: inside.x + 1, y: inside.y, width: inside.width - 1, height: inside.height) }

    static func draw(_ state: ConsoleState, in box: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs) {
        let inside = Box.draw(
            box, title: glyphs.ui("Help — j/k PgUp/PgDn scroll · any other key closes"), in: &buffer, theme: theme, glyphs: glyphs)
        let page = pageArea(inside)
        Page.draw(
            lines(glyphs, width: Layout.pageTextWidth(page)), scroll: state.helpScroll, in: page, into: &buffer, theme: theme,
            glyphs: glyphs)
    }
}
