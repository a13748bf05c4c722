import Foundation
import TriageCore

/// The canned-reply list (Ctrl-T in the editor), drawn over the editor's box: what was typed to narrow it, then one
/// row per reply (its language folder and title), the chosen one highlighted and kept in view.
enum ReplyPickerView {
    static func draw(_ state: ConsoleState, in rect: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs) {
        guard let picker = state.replyPicker else { return }
        let inside = Box.draw(
            rect, title: glyphs.ui("Canned replies — type to narrow · ↑ ↓ choose · ⏎ insert · Esc back"), in: &buffer, theme: theme,
            glyphs: glyphs, fill: .prompt)
        guard inside.width > 2, inside.height > 0 else { return }
        let x = buffer.put("Find: ", x: inside.x, y: inside.y, style: theme[.hint])
        let end = buffer.put(picker.query, x: x, y: inside.y, style: theme[.prompt], maxWidth: inside.x + inside.width - x - 1)
        if end < inside.x + inside.width { buffer.put(" ", x: end, y: inside.y, style: theme[.cursor].merged(over: theme[.prompt])) }
        let matches = picker.matches(in: state.replies)
        let rows = inside.height - 1
        guard rows > 0 else { return }
        if matches.isEmpty {
            buffer.put("No reply matches “\(picker.query)”", x: inside.x, y: inside.y + 1, style: theme[.muted], maxWidth: inside.width)
            return
        }
        let top = max(0, min(picker.selected - rows + 1, matches.count - rows))
        for (offset, template) in matches.dropFirst(top).prefix(rows).enumerated() {
            let y = inside.y + 1 + offset
            let chosen = top + offset == picker.selected
            let style = theme[chosen ? .selected : .prompt]
            if chosen { buffer.fill(Rect(x: inside.x, y: y, width: inside.width, height: 1), style: style) }
            let language = (template.language ?? "").padding(toLength: 3, withPad: " ", startingAt: 0)
            let next = buffer.put(" \(language)", x: inside.x, y: y, style: chosen ? style : theme[.hint], maxWidth: inside.width)
            buffer.put(template.title, x: next, y: y, style: style, maxWidth: inside.x + inside.width - next)
        }
    }
}
