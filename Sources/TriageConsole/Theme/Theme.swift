import TriageCore

/// What a piece of the screen means; a theme gives each role a style.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal, muted, header, tab, tabActive, columnHeader, selected, selectedInactive
    case breached, warning, ok, paused, critical, newTicket, escalated
    case internalNote, userMessage, agentMessage, title, border
    case statusBar, statusError, statusInfo, prompt, hint, key
    case kpiPass, kpiFail, bar, spark, editor, cursor
}

/// A colour theme: a style per role. Loaded from TOML files in `themes/`; `NO_COLOR` and terminals with few colours
/// get a degraded copy (`degraded(toColors:)`).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [StyleRole: CellStyle]

    public init(name: String, styles: [StyleRole: CellStyle]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: StyleRole) -> CellStyle {
        styles[role] ?? styles[.normal] ?? .plain
    }

    /// A copy for a terminal with `colors` colours: 0 or 1 means no colour at all (attributes only — reverse,
    /// bold, underline carry the meaning), 8 or 16 maps every colour to the nearest basic one.
    public func degraded(toColors colors: Int) -> Theme {
        if colors >= 256 { return self }
        if colors < 8 { return Theme.monochrome }
        var copy = self
        for (role, style) in styles {
            var s = style
            s.foreground = Self.basic(style.foreground, limit: colors)
            s.background = Self.basic(style.background, limit: colors)
            copy.styles[role] = s
        }
        return copy
    }

    static func basic(_ color: TerminalColor, limit: Int) -> TerminalColor {
        guard case .indexed(let index) = color else { return color }
        if Int(index) < min(limit, 16) { return color }
        if index < 16 { return .indexed(index - 8) }
        let rgb = Palette.rgb(index)
        var best = 0
        var distance = Int.max
        for candidate in 0..<min(limit, 16) {
            let c = Palette.rgb(UInt8(candidate))
            let d = (c.0 - rgb.0) * (c.0 - rgb.0) + (c.1 - rgb.1) * (c.1 - rgb.1) + (c.2 - rgb.2) * (c.2 - rgb.2)
            if d < distance {
                distance = d
                best = candidate
            }
        }
        return .indexed(UInt8(best))
    }

    /// No colour: meaning by attributes alone (used for `NO_COLOR`, terminals without colour, and `--theme mono`).
    public static let monochrome: Theme = {
        var styles: [StyleRole: CellStyle] = [:]
        for role in StyleRole.allCases { styles[role] = .plain }
        styles[.header] = CellStyle(reverse: true)
        styles[.tabActive] = CellStyle(bold: true, underline: true)
        styles[.columnHeader] = CellStyle(underline: true)
        styles[.selected] = CellStyle(reverse: true)
        styles[.selectedInactive] = CellStyle(underline: true)
        styles[.breached] = CellStyle(bold: true)
        styles[.critical] = CellStyle(bold: true)
        styles[.muted] = CellStyle(dim: true)
        styles[.paused] = CellStyle(dim: true)
        styles[.newTicket] = CellStyle(bold: true, underline: true)
        styles[.escalated] = CellStyle(bold: true)
        styles[.internalNote] = CellStyle(bold: true)
        styles[.title] = CellStyle(bold: true)
        styles[.statusBar] = CellStyle(reverse: true)
        styles[.statusError] = CellStyle(bold: true, reverse: true)
        styles[.prompt] = CellStyle(bold: true)
        styles[.key] = CellStyle(bold: true)
        styles[.kpiFail] = CellStyle(bold: true)
        styles[.cursor] = CellStyle(reverse: true)
        return Theme(name: "mono", styles: styles)
    }()
}

/// The xterm 256-colour palette, for mapping colours down to what a terminal has.
enum Palette {
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i >= 232 {
            let v = 8 + (i - 232) * 10
            return (v, v, v)
        }
        let n = i - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[n / 36], steps[(n / 6) % 6], steps[n % 6])
    }

    /// The nearest xterm-256 colour to an RGB value.
    static func nearest(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
        var best = 0
        var distance = Int.max
        for i in 16..<256 {
            let c = rgb(UInt8(i))
            let d = (c.0 - r) * (c.0 - r) + (c.1 - g) * (c.1 - g) + (c.2 - b) * (c.2 - b)
            if d < distance {
                distance = d
                best = i
            }
        }
        return UInt8(best)
    }
}
