import Foundation
import TriageCore

/// What is drawn on top of a screen: the status bar and prompt, the editor, the help and confirmations.
enum Overlays {
    static func drawStatusBar(_ state: ConsoleState, row: Int, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, now: Date) {
        let area = Rect(x: 0, y: row, width: state.width, height: 1)
        if let prompt = state.prompt {
            buffer.fill(area, style: theme[.prompt])
            let label: String =
                switch prompt.purpose {
                case .command: ":"
                case .filter: "/"
                case .closeResolution(let id, _): "Resolution for \(id) (Enter to continue, Esc cancels): "
                }
            let x = buffer.put(label, x: 0, y: row, style: theme[.prompt])
            drawLine(prompt.editor, x: x, y: row, width: state.width - x, into: &buffer, style: theme[.prompt], cursor: theme[.cursor])
            drawChoices(state, after: x + TerminalText.width(prompt.editor.text) + 2, row: row, into: &buffer, theme: theme)
            return
        }
        if let status = state.status {
            buffer.fill(area, style: theme[status.isError ? .statusError : .statusInfo])
            let text = TerminalText.truncate(status.text, to: max(0, state.width - 2))
            buffer.put(" " + text, x: 0, y: row, style: theme[status.isError ? .statusError : .statusInfo])
            return
        }
        buffer.fill(area, style: theme[.statusBar])
        let hints: String
        if state.showHelp {
            hints = "j/k scroll · PgUp/PgDn page · g/G top/bottom · any other key closes"
        } else if state.editor != nil {
            hints = "Ctrl-S send · Esc set aside (kept) · Ctrl-X discard · Ctrl-T canned reply · arrows/Home/End move · Ctrl-←/→ by word · saved as you type"
        } else if state.detailOpen {
            hints =
                state.detail?.ticket.status == .closed
                ? "closed: o reopen · n note · j/k scroll · Esc back · ? help"
                : state.detail?.ticket.escalated == true && state.detail?.ticket.acknowledgedAt == nil
                    ? "j/k scroll · Esc back · r reply · n note · a assign me · x close · e ack · ? help"
                    : "j/k scroll · Esc back · r reply · n note · a assign me · x close · ? help"
        } else {
            switch state.screen {
            case .queue: hints = "j/k move · ⏎ open · r reply · n note · a assign me · x close · / filter · : command · ? help · q quit"
            case .watch: hints = "j/k move · e acknowledge · a assign me · b bell · ⏎ open · r reply · ? help · q quit"
            case .stats: hints = "←/h previous week · →/l next · t this week · 1 queue · 2 watch · ? help · q quit"
            }
        }
        // Whole hints that fit, and where a page is scrolled to at the right (`StatusLine`).
        let fitted = StatusLine.fit(hints, position: StatusLine.position(state, now: now), width: state.width, glyphs: glyphs)
        buffer.put(" " + fitted.hints, x: 0, y: row, style: theme[.statusBar])
        if let position = fitted.position {
            buffer.put(position + " ", x: state.width - TerminalText.width(position) - 1, y: row, style: theme[.statusBar])
        }
    }

    /// A single-line editor, scrolled so the cursor stays visible.
    static func drawLine(
        _ editor: TextEditor, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer, style: CellStyle, cursor: CellStyle
    ) {
        guard width > 1 else { return }
        let chars = editor.lines[0]
        let widths = chars.map(TerminalText.width(of:))
        var start = 0
        while widths[start..<editor.column].reduce(0, +) > width - 2 { start += 1 }
        var column = x
        for i in start..<chars.count {
            if column + widths[i] > x + width - 1 { break }
            column = buffer.put(String(chars[i]), x: column, y: y, style: i == editor.column ? cursor.merged(over: style) : style)
        }
        if editor.column == chars.count, column < x + width { buffer.put(" ", x: column, y: y, style: cursor.merged(over: style)) }
    }

    static func drawEditor(
        _ session: EditorSession, in rect: Rect, textWidth: Int, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let title =
            session.kind == .reply
            ? "Reply to \(session.ticketID) — the user will read this"
            : "\(glyphs.internalMark) Internal note on \(session.ticketID) — agents only"
        let inside = Box.draw(
            rect, title: title, in: &buffer, theme: theme, glyphs: glyphs, fill: session.kind == .note ? .internalNote : .editor)
        guard inside.width > 1, inside.height > 1 else { return }
        let textStyle = theme[session.kind == .note ? .internalNote : .editor]
        let width = inside.width - 1
        let rows = session.editor.layout(width: textWidth)
        let cursor = session.editor.cursorPosition(width: textWidth)
        let visible = inside.height - 1
        let top = max(0, cursor.row - visible + 1)
        for (offset, row) in rows.dropFirst(top).prefix(visible).enumerated() {
            let text = String(session.editor.lines[row.line][row.start..<row.end])
            buffer.put(text, x: inside.x, y: inside.y + offset, style: textStyle, maxWidth: width + 1)
        }
        let cy = inside.y + cursor.row - top
        let cx = inside.x + cursor.column
        if cy >= inside.y, cy < inside.y + visible, cx < inside.x + inside.width {
            buffer.restyle(Rect(x: cx, y: cy, width: 1, height: 1)) { $0 = theme[.cursor].merged(over: $0) }
        }
        let count = session.editor.text.count
        let hint = "Ctrl-S send · Esc set aside (kept) · Ctrl-X discard · \(count) \(count == 1 ? "char" : "chars")"
        buffer.put(hint, x: inside.x, y: inside.y + inside.height - 1, style: theme[.hint], maxWidth: inside.width)
    }

    /// After the `:` line's text: the choices for the word being typed (agents to assign, priorities…), Tab to
    /// complete; or that the name is not a known agent.
    static func drawChoices(_ state: ConsoleState, after x: Int, row: Int, into buffer: inout ScreenBuffer, theme: Theme) {
        guard let completion = state.promptCompletion else { return }
        let hint: String
        if completion.choices.isEmpty {
            guard !completion.word.isEmpty else { return }
            hint = completion.head.hasPrefix("a") ? "not a known agent: Enter asks first " : "no such choice "
        } else {
            let shown = completion.choices.prefix(12).joined(separator: " ") + (completion.choices.count > 12 ? " …" : "")
            hint = "Tab: \(shown) "
        }
        let start = state.width - TerminalText.width(hint)
        guard start > x else { return }
        buffer.put(hint, x: start, y: row, style: theme[.prompt])
    }

    static func drawConfirmation(_ confirmation: Confirmation, in body: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs)
    {
        let lines = TextLayout.wrap(confirmation.question, width: min(60, body.width - 4))
        let rect = Box.centered(width: min(64, body.width), height: lines.count + 2, in: body)
        let inside = Box.draw(rect, title: "Confirm", in: &buffer, theme: theme, glyphs: glyphs, fill: .prompt)
        for (i, line) in lines.prefix(inside.height).enumerated() {
            buffer.put(line, x: inside.x + 1, y: inside.y + i, style: theme[.prompt], maxWidth: inside.width - 1)
        }
    }

    static let helpText: [(String, String)] = [
        ("Screens", ""), ("1 2 3, Tab", "queue · breach watch · stats"), ("?", "this help (j/k scroll, any other key closes)"),
        ("q, Ctrl-C", "quit (drafts are kept)"), ("Ctrl-Z", "suspend to the shell (fg comes back)"),
        ("Queue and watch", ""), ("j k ↑ ↓", "move"), ("g G Home End", "first · last"), ("PgUp PgDn ^U ^D", "page"),
        ("⏎", "open the ticket full-screen / back"), ("J K", "scroll the detail beside the list"),
        ("/", "filter: words (in the subject, description, tags, requester; accents ignored) prio: cat: status: assignee:me|none|NAME breach:<6h tag: is:draft"),
        ("Esc", "clear the filter · close the detail"),
        ("On the selected ticket", ""), ("r", "reply to the user (sets waiting)"), ("n", "internal note (agents only)"),
        ("a", "assign to me"), ("A", "assign to someone… (Tab completes from the agents)"), ("p", "priority…"),
        ("c", "category…"),
        ("t", "tags… (+add -remove)"),
        ("s", "toggle waiting / open (waiting pauses the SLA)"), ("x", "close with a resolution, then y ask the user for feedback · n don't · Esc keep it open"),
        ("o", "reopen (a closed ticket takes only o and n)"), ("e", "acknowledge the escalation"), ("b", "bell on/off (watch)"),
        ("Pages: detail, stats, help", ""), ("j k ↑ ↓", "scroll a line"), ("PgUp PgDn Space", "a page"), ("^U ^D", "half a page"),
        ("g G Home End", "top · bottom"),
        ("Stats", ""), ("← → h l", "previous · next week"), ("t", "this week"),
        ("Editor", ""), ("Ctrl-S", "send (the only key that sends)"),
        ("Esc", "set the draft aside: kept, ✎ in the queue, r or n takes it up again"), ("Ctrl-X", "discard the draft (asks)"),
        ("Ctrl-T", "canned replies (replies/): type to narrow, ⏎ inserts one filled for the ticket"),
        ("Ctrl-← Ctrl-→", "by word"), ("Ctrl-W", "delete word"), ("Del, Ctrl-D", "delete forward"),
        ("paste", "inserted as is, newlines included"),
        ("Command line  :", ""), (":assign NAME|me|none", ""), (":priority P  :category C  :status open|waiting|closed", ""),
        (":tag +a -b  :close [resolution]  :close-quiet [resolution] (both ask first, like x)", ""), (":reopen  :ack  :reply  :note  :view TKT…", ""),
        (":theme dark|light|high-contrast|mono|PATH  :bell on|off  :week 2026-W47  :quit", ""),
    ]
}

extension CellStyle {
    /// This style's attributes laid over another (reverse for a cursor keeps the text's colours).
    func merged(over base: CellStyle) -> CellStyle {
        var s = base
        s.reverse = reverse || base.reverse
        s.bold = bold || base.bold
        s.underline = underline || base.underline
        if foreground != .default { s.foreground = foreground }
        if background != .default { s.background = background }
        return s
    }
}
