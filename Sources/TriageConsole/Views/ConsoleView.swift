import Foundation
import TriageCore

/// Renders the whole console for a state: a pure function of (state, theme, glyphs, now) to a screen buffer.
public enum ConsoleView {
    public static func render(_ state: ConsoleState, theme: Theme, glyphs: Glyphs, now: Date) -> ScreenBuffer {
        let buffer = draw(state, theme: theme, glyphs: glyphs, now: now)
        return glyphs.asciiOnly ? buffer.asciified() : buffer
    }

    static func draw(_ state: ConsoleState, theme: Theme, glyphs: Glyphs, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height, style: theme[.normal])
        let layout = state.layout
        guard layout.fits else {
            drawTooSmall(state, into: &buffer, theme: theme)
            return buffer
        }
        HeaderView.draw(state, in: layout.header, into: &buffer, theme: theme, glyphs: glyphs, now: now)
        switch state.screen {
        case .queue, .watch: QueueView.draw(state, layout: layout, into: &buffer, theme: theme, glyphs: glyphs, now: now)
        case .stats:
            if state.detailOpen {
                DetailView.draw(state, in: layout.body, into: &buffer, theme: theme, glyphs: glyphs, now: now)
            } else {
                StatsView.draw(state, in: layout.body, into: &buffer, theme: theme, glyphs: glyphs, now: now)
            }
        }
        if let session = state.editor, let box = layout.editor {
            // The message being answered stays in sight above the editor.
            let editorBox = EditorContextView.draw(
                session, state: state, editor: box, body: layout.body, into: &buffer, theme: theme, glyphs: glyphs)
            Overlays.drawEditor(session, in: editorBox, textWidth: layout.editorTextWidth, into: &buffer, theme: theme, glyphs: glyphs)
            ReplyPickerView.draw(state, in: editorBox, into: &buffer, theme: theme, glyphs: glyphs)
        }
        Overlays.drawStatusBar(state, row: layout.statusRow, into: &buffer, theme: theme, glyphs: glyphs, now: now)
        if state.showHelp { HelpView.draw(state, in: layout.help, into: &buffer, theme: theme, glyphs: glyphs) }
        if let confirmation = state.confirmation {
            Overlays.drawConfirmation(confirmation, in: layout.body, into: &buffer, theme: theme, glyphs: glyphs)
        }
        return buffer
    }

    static func drawTooSmall(_ state: ConsoleState, into buffer: inout ScreenBuffer, theme: Theme) {
        let message =
            "Terminal too small (\(state.width)×\(state.height)); Triage needs \(Layout.minimumWidth)×\(Layout.minimumHeight). q quits."
        for (i, line) in TextLayout.wrap(message, width: max(1, state.width)).prefix(state.height).enumerated() {
            buffer.put(line, x: 0, y: i, style: theme[.warning])
        }
    }
}

extension Screen {
    var title: String {
        switch self {
        case .queue: "Queue"
        case .watch: "Watch"
        case .stats: "Stats"
        }
    }
}

/// Times and dates as the console shows them, in the time zone the caller passes (the state's: the console's
/// local zone, UTC for snapshots), so no view reads a global.
public enum Clock {
    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// `14:02:09`: the header's last change.
    public static func time(_ date: Date, in zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `14:02`: for a time that is near (an acknowledgement in the watch).
    public static func hourMinute(_ date: Date, in zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// `2026-11-25 14:02`.
    public static func dateTime(_ date: Date, in zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// `25 Nov`, in UTC like the ISO weeks it labels.
    public static func day(_ date: Date) -> String {
        let c = calendar(TimeZone(identifier: "UTC")!).dateComponents([.month, .day], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(c.day ?? 0) \(months[max(0, (c.month ?? 1) - 1)])"
    }
}
