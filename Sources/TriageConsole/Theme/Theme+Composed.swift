/// Styles the views compose from two roles: the urgency colours on the selected row and on the header bar. They are
/// defined here, once, so that the views draw them and the contrast test checks them from the same code.
extension Theme {
    /// Roles that keep their colour on the selected row (the SLA, the priority, a new ticket's id, the escalation).
    static let selectedAccents: [StyleRole] = [.breached, .warning, .critical, .newTicket, .escalated]

    /// Roles drawn on the header bar with their own colour (the counts and the runner's health).
    static let headerAccents: [StyleRole] = [.breached, .warning, .critical, .ok]

    /// A cell of `role` on the selected row: a badge (`badge(_:on:)`) on the selection bar.
    public func selectedAccent(_ role: StyleRole) -> CellStyle { badge(role, on: self[.selected]) }

    /// A cell of `role` on a coloured bar (the selection, the header): a badge in the role's colour, its text black
    /// or white (whichever reads better on it), so the colour shows and the text reads whatever the bar's colour. A
    /// role with its own background keeps it; a theme without colours draws the role's attributes on the bar.
    public func badge(_ role: StyleRole, on bar: CellStyle) -> CellStyle {
        let style = self[role]
        if style.foreground == .default {
            var plain = bar
            plain.bold = plain.bold || style.bold
            plain.underline = plain.underline || style.underline
            return plain
        }
        if style.background != .default { return CellStyle(foreground: style.foreground, background: style.background, bold: true) }
        return CellStyle(foreground: Self.readableText(on: style.foreground), background: style.foreground, bold: true)
    }

    /// Black or white, whichever contrasts more with `color`: from the same range of the palette, so a theme brought
    /// down to 8 or 16 colours keeps a black and a white it has.
    static func readableText(on color: TerminalColor) -> TerminalColor {
        guard case .indexed(let index) = color, let background = rgb(color) else { return .default }
        let (black, white): (UInt8, UInt8) = index < 8 ? (0, 7) : index < 16 ? (0, 15) : (16, 231)
        let onBlack = RGB.contrast(rgb(.indexed(black))!, background)
        let onWhite = RGB.contrast(rgb(.indexed(white))!, background)
        return .indexed(onBlack >= onWhite ? black : white)
    }

    /// A copy whose accent roles are badges on the header bar (the counts and the runner's health).
    var headerBacked: Theme {
        var copy = self
        for role in Self.headerAccents { copy.styles[role] = badge(role, on: self[.header]) }
        return copy
    }
}
