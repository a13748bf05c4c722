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
                case .closeResolution(let id): "Resolution for \(id) (Enter to continue, Esc cancels): "
                }
            let x = buffer.put(label, x: 0, y: row, style: theme[.prompt])
            drawLine(prompt.editor, x: x, y: row, width: state.width - x, into: &buffer, style: theme[.prompt], cursor: theme[.cursor])
            return
        }
        if let status = state.status {
            buffer.fill(area, style: theme[status.isError ? .statusError : .statusInfo])
            buffer.put(" " + status.text, x: 0, y: row, style: theme[status.isError ? .statusError : .statusInfo])
            return
        }
        buffer.fill(area, style: theme[.statusBar])
        let hints: String
        if state.editor != nil {
            hints = "Ctrl-S send · Esc cancel · arrows/Home/End move · Ctrl-←/→ by word · saved as you type"
        } else if state.detailOpen {
            hints = "j/k scroll · Esc back · r reply · n note · a assign me · x close · o reopen · e ack · ? help"
        } else {
            switch state.screen {
            case .queue: hints = "j/k move · ⏎ open · r reply · n note · a assign me · x close · / filter · : command · ? help · q quit"
            case .watch: hints = "j/k move · a acknowledge · m assign me · b bell · ⏎ open · r reply · ? help · q quit"
            case .stats: hints = "←/h previous week · →/l next · t this week · 1 queue · 2 watch · ? help · q quit"
            }
        }
        buffer.put(" " + glyphs.ui(hints), x: 0, y: row, style: theme[.statusBar])
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
        _ session: EditorSession, state: ConsoleState, body: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let left = state.isWide ? body.width * 11 / 20 : 0
        let wanted = session.editor.layout(width: (state.isWide ? body.width - left : body.width) - 3).count + 6
        let height = max(6, min(body.height, state.isWide ? body.height : max(10, min(body.height * 3 / 5, wanted))))
        let rect = Rect(x: body.x + left, y: body.y + body.height - height, width: body.width - left, height: height)
        let title =
            session.kind == .reply
            ? "Reply to \(session.ticketID) — the user will read this"
            : "\(glyphs.internalMark) Internal note on \(session.ticketID) — agents only"
        let inside = Box.draw(
            rect, title: title, in: &buffer, theme: theme, glyphs: glyphs, fill: session.kind == .note ? .internalNote : .editor)
        guard inside.width > 1, inside.height > 1 else { return }
        let textStyle = theme[session.kind == .note ? .internalNote : .editor]
        let width = inside.width - 1
        let rows = session.editor.layout(width: width + 1)
        let cursor = session.editor.cursorPosition(width: width + 1)
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
        let hint = "Ctrl-S send · Esc cancel · \(count) chars · draft saved"
        buffer.put(hint, x: inside.x, y: inside.y + inside.height - 1, style: theme[.hint], maxWidth: inside.width)
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
        ("Screens", ""), ("1 2 3, Tab", "queue · breach watch · stats"), ("?", "this help (any key closes)"),
        ("q, Ctrl-C", "quit (drafts are kept)"),
        ("Queue and watch", ""), ("j k ↑ ↓", "move"), ("g G Home End", "first · last"), ("PgUp PgDn ^U ^D", "page"),
        ("⏎", "open the ticket full-screen / back"), ("J K", "scroll the detail"),
        ("/", "filter: words prio: cat: status: assignee:me|none|NAME breach:<6h tag:"),
        ("Esc", "clear the filter · close the detail"),
        ("On the selected ticket", ""), ("r", "reply to the user (sets waiting)"), ("n", "internal note (agents only)"),
        ("a (watch: m)", "assign to me"), ("A", "assign to someone…"), ("p", "priority…"), ("c", "category…"),
        ("t", "tags… (+add -remove)"),
        ("s", "toggle waiting / open (waiting pauses the SLA)"), ("x", "close with a resolution, then notify? y/n"), ("o", "reopen"),
        ("e (watch: a)", "acknowledge the escalation"), ("b", "bell on/off (watch)"),
        ("Stats", ""), ("← → h l", "previous · next week"), ("t", "this week"),
        ("Editor", ""), ("Ctrl-S", "send"), ("Esc", "cancel (asks if there is text)"), ("Ctrl-← Ctrl-→", "by word"),
        ("Ctrl-W", "delete word"),
        ("Command line  :", ""), (":assign NAME|me|none", ""), (":priority P  :category C  :status open|waiting", ""),
        (":tag +a -b  :close [resolution]  :close-quiet [resolution]", ""), (":reopen  :ack  :reply  :note  :view TKT…", ""),
        (":theme dark|light|high-contrast|mono|PATH  :bell on|off  :week 2026-W47  :quit", ""),
    ]

    static func drawHelp(_ state: ConsoleState, in body: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs) {
        let rect = Box.centered(width: 90, height: body.height, in: body)
        let inside = Box.draw(rect, title: "Keys — any key closes, j/k scroll", in: &buffer, theme: theme, glyphs: glyphs)
        var lines: [StyledLine] = []
        for (key, meaning) in helpText {
            if meaning.isEmpty && !key.hasPrefix(":") {
                lines.append(StyledLine(key, .title))
            } else {
                let shown = glyphs.ui(key)
                lines.append(
                    StyledLine([
                        Span("  " + TerminalText.pad(shown, to: key.hasPrefix(":") ? TerminalText.width(shown) : 18), .key),
                        Span(" " + glyphs.ui(meaning)),
                    ]))
            }
        }
        let scroll = min(state.helpScroll, max(0, lines.count - inside.height))
        for (i, line) in lines.dropFirst(scroll).prefix(inside.height).enumerated() {
            TextLayout.draw(line, in: &buffer, x: inside.x + 1, y: inside.y + i, width: inside.width - 1, theme: theme)
        }
    }
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
