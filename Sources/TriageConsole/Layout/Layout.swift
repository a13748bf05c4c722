/// The console's geometry for one state: where the header, the screens, the detail beside the list, the editor and
/// the help go, and how many rows each list or page shows.
///
/// It is computed in one place (`ConsoleState.layout`) and read by both `reduce` (paging, keeping the selection in
/// view, scrolling, the editor's wrapping) and the views (where they draw), so the two cannot disagree.
public struct Layout: Equatable, Sendable {
    /// Below this the console says the terminal is too small.
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// From this width the selected ticket's detail sits beside the queue and the watch.
    public static let sideBySideWidth = 150
    /// The detail beside the list takes at most this many columns; the list gets the rest.
    static let sideMaximumWidth = 100

    public let width: Int
    public let height: Int
    /// The top row: title, tabs, counts, health.
    public let header: Rect
    /// Everything between the header and the status bar.
    public let body: Rect
    /// The bottom row: hints, messages, prompts.
    public let statusRow: Int
    /// The queue or watch table with its title line and column headers.
    public let list: Rect
    /// The selected ticket's detail beside the list (wide terminals only), after a one-column rule and a gap.
    public let side: Rect?
    /// The open editor's box.
    public let editor: Rect?
    /// The help box.
    public let help: Rect

    public init(_ state: ConsoleState) {
        width = max(0, state.width)
        height = max(0, state.height)
        header = Rect(x: 0, y: 0, width: width, height: min(1, height))
        body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
        statusRow = max(0, height - 1)
        if width >= Self.sideBySideWidth {
            // The detail gets two fifths (at least 70 columns, at most 100): enough to read a thread, and the list
            // keeps the room for its subjects.
            let sideWidth = min(Self.sideMaximumWidth, max(70, body.width * 2 / 5))
            list = Rect(x: body.x, y: body.y, width: body.width - sideWidth, height: body.height)
            side = Rect(x: list.x + list.width + 2, y: body.y, width: sideWidth - 2, height: body.height)
        } else {
            list = body
            side = nil
        }
        // The help is a centred box: 96 columns, or on a wide terminal wide enough for the keys and the legend side by
        // side.
        let helpWidth = body.width >= 130 ? min(body.width - 4, 170) : min(96, body.width)
        help = Rect(x: body.x + (body.width - helpWidth) / 2, y: body.y, width: helpWidth, height: body.height)
        if let session = state.editor {
            // Beside the list on a wide terminal (the ticket stays readable on the left), else at the bottom, as tall as
            // its text needs between 10 rows and three fifths of the screen.
            if let side {
                let x = side.x - 2
                editor = Rect(x: x, y: body.y, width: body.x + body.width - x, height: body.height)
            } else {
                let textWidth = Self.editorTextWidth(boxWidth: body.width)
                let wanted = session.editor.layout(width: textWidth).count + Self.editorChrome
                let rows = max(6, min(body.height, max(10, min(body.height * 3 / 5, wanted))))
                editor = Rect(x: body.x, y: body.y + body.height - rows, width: body.width, height: rows)
            }
        } else {
            editor = nil
        }
    }

    /// Whether the terminal is big enough to draw the console.
    public var fits: Bool { width >= Self.minimumWidth && height >= Self.minimumHeight }

    /// Whether the detail sits beside the list.
    public var isWide: Bool { side != nil }

    /// Ticket rows the list shows (below its title line and column headers).
    public var listRows: Int { max(0, list.height - 2) }

    /// Where the detail is drawn: full-screen in the body, or beside the list.
    public func detailArea(fullScreen: Bool) -> Rect { fullScreen ? body : side ?? body }

    /// The columns a page's text is laid out in: its area less the scroll bar's column.
    public static func pageTextWidth(_ area: Rect) -> Int { max(1, area.width - 1) }

    /// The help box's inside (inside its frame).
    public var helpInside: Rect { help.inset(1) }

    /// The columns the editor wraps its text at: the box's inside. The editor keeps one of them for the cursor at
    /// the end of a full row (`TextEditor.layout`).
    public var editorTextWidth: Int { Self.editorTextWidth(boxWidth: editor?.width ?? body.width) }

    static func editorTextWidth(boxWidth: Int) -> Int { max(2, boxWidth - 2) }

    /// The editor box's rows that are not text: the frame (2), the hint line, and room to breathe.
    static let editorChrome = 6
}

extension ConsoleState {
    /// The geometry for this state (see `Layout`).
    public var layout: Layout { Layout(self) }
}
