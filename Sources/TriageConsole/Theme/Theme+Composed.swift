/// Styles the views compose from two roles: the urgency colours on the selected row and on the header bar. They are
/// defined here, once, so that the views draw them and the contrast test checks them from the same code.
extension Theme {
    /// Roles that keep their colour on the selected row (the SLA, the priority, a new ticket's id, the escalation).
    static let selectedAccents: [StyleRole] = [.breached, .warning, .critical, .newTicket, .escalated]

    /// Roles drawn on the header bar with their own colour (the counts and the runner's health).
    static let headerAccents: [StyleRole] = [.breached, .warning, .critical, .ok]

    /// A cell of `role` on the selected row: a badge in the role's colour, its text black or white (whichever
    /// reads better on it), so the urgency shows on the selection bar whatever the bar's colour. A role with its
    /// own background keeps it; a theme without colours (or a reversed selection) draws the selection as it is.
    public func selectedAccent(_ role: StyleRole) -> CellStyle {
        let selected = self[.selected]
        let style = self[role]
        if selected.reverse || style.foreground == .default { return selected }
        if style.background != .default { return CellStyle(foreground: style.foreground, background: style.background, bold: true) }
        return CellStyle(foreground: Self.readableText(on: style.foreground), background: style.foreground, bold: true)
    }

    /// Black or white, whichever contrasts more with `color`.
    static func readableText(on color: TerminalColor) -> TerminalColor {
        guard let rgb = rgb(color) else { return .default }
        let black = RGB(0, 0, 0)
        let white = RGB(255, 255, 255)
        return RGB.contrast(black, rgb) >= RGB.contrast(white, rgb) ? .indexed(16) : .indexed(231)
    }

    /// A copy whose accent roles keep the header's background, so coloured counts sit on the header bar.
    var headerBacked: Theme {
        var copy = self
        let background = self[.header].background
        for role in Self.headerAccents {
            var style = self[role]
            style.background = background
            if self[.header].reverse { style.reverse = true }
            copy.styles[role] = style
        }
        return copy
    }
}
