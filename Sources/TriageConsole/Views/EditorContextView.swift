import Foundation
import TriageCore

/// The message being answered, shown just above the reply or note editor so the agent reads it while writing: the
/// last public message for a reply (the user's question, usually), the last message of any kind for a note, or the
/// request itself on a ticket with no thread yet. Its last lines, when it is long.
enum EditorContextView {
    /// The most rows the message takes (with its frame).
    static let maximumRows = 9

    /// Draws the message above `editor` in `body` and returns where the editor goes: the same box, or on a wide
    /// terminal (where the editor fills the side from top to bottom) the box less the rows the message took.
    static func draw(
        _ session: EditorSession, state: ConsoleState, editor: Rect, body: Rect, into buffer: inout ScreenBuffer, theme: Theme,
        glyphs: Glyphs
    ) -> Rect {
        guard let detail = state.detail, detail.ticket.id == session.ticketID else { return editor }
        let (title, text, role) = message(for: session.kind, in: detail, timeZone: state.timeZone)
        let width = max(1, editor.width - 4)
        let lines = TextLayout.wrap(text, width: width)
        let wanted = min(maximumRows, lines.count + 2)
        var box: Rect
        var rest = editor
        if editor.y - body.y >= 3 {
            // Room above the editor: the message sits on top of it.
            let rows = min(wanted, editor.y - body.y)
            box = Rect(x: editor.x, y: editor.y - rows, width: editor.width, height: rows)
        } else if editor.height >= wanted + 10 {
            // The editor fills the height: the message takes its top, the editor the rest.
            box = Rect(x: editor.x, y: editor.y, width: editor.width, height: wanted)
            rest = Rect(x: editor.x, y: editor.y + wanted, width: editor.width, height: editor.height - wanted)
        } else {
            return editor
        }
        let inside = Box.draw(box, title: title, in: &buffer, theme: theme, glyphs: glyphs, fill: role)
        guard inside.height > 0, inside.width > 2 else { return rest }
        let shown = lines.suffix(inside.height)
        for (i, line) in shown.enumerated() {
            let text = i == 0 && shown.count < lines.count ? glyphs.ellipsis + " " + line : line
            buffer.put(text, x: inside.x + 1, y: inside.y + i, style: theme[role], maxWidth: inside.width - 1)
        }
        return rest
    }

    /// What the editor answers: a title saying who wrote it and when, its text, and its style.
    static func message(for kind: DraftKind, in detail: TicketDetail, timeZone: TimeZone) -> (String, String, StyleRole) {
        let candidates = kind == .reply ? detail.messages.filter { !$0.isInternal } : detail.messages
        guard let last = candidates.last else {
            return ("The request · \(Clock.dateTime(detail.ticket.createdAt, in: timeZone))", detail.ticket.description, .userMessage)
        }
        let who =
            last.isInternal ? "Internal note by \(last.author)" : last.authorKind == .user ? "The user wrote" : "\(last.author) wrote"
        return (
            "\(who) · \(Clock.dateTime(last.createdAt, in: timeZone))", last.body,
            last.isInternal ? .internalNote : last.authorKind == .user ? .userMessage : .agentMessage
        )
    }
}
