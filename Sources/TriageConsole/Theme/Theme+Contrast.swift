import Foundation

/// A 24-bit colour, for measuring contrast and drawing pictures of the screen.
public struct RGB: Hashable, Sendable {
    public var r: Int
    public var g: Int
    public var b: Int

    public init(_ r: Int, _ g: Int, _ b: Int) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `#1c1f24`.
    public init?(hex: String) {
        guard hex.hasPrefix("#"), hex.count == 7, let v = Int(hex.dropFirst(), radix: 16) else { return nil }
        self.init((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF)
    }

    public var hex: String { "#" + [r, g, b].map { String(format: "%02x", $0) }.joined() }

    /// WCAG 2 relative luminance.
    public var luminance: Double {
        func channel(_ v: Int) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// The WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white).
    public static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (l1, l2) = (max(a.luminance, b.luminance), min(a.luminance, b.luminance))
        return (l1 + 0.05) / (l2 + 0.05)
    }

    /// Halfway to `other` (how terminals draw dim text).
    func mixed(with other: RGB) -> RGB { RGB((r + other.r) / 2, (g + other.g) / 2, (b + other.b) / 2) }
}

extension Theme {
    /// WCAG AA for normal text: every pair of colours the console draws text in reaches this.
    public static let minimumContrast = 4.5

    /// The colours a theme assumes the terminal's own default foreground and background to be (where a role says
    /// `default`): a light terminal for themes named light, else a dark one; black behind high contrast. The SVG
    /// screenshots draw the same.
    public var terminalDefaults: (foreground: RGB, background: RGB) {
        if name.contains("light") { return (RGB(0x1a, 0x1a, 0x1a), RGB(0xfb, 0xfb, 0xf8)) }
        if name.contains("high-contrast") { return (RGB(0xe5, 0xe5, 0xe5), RGB(0, 0, 0)) }
        return (RGB(0xd8, 0xd8, 0xd8), RGB(0x1c, 0x1f, 0x24))
    }

    /// The colours a cell of `style` shows: defaults resolved, reverse applied, dim mixed into the background.
    public func shownColors(_ style: CellStyle) -> (foreground: RGB, background: RGB) {
        let defaults = terminalDefaults
        var fg = Self.rgb(style.foreground) ?? defaults.foreground
        var bg = Self.rgb(style.background) ?? defaults.background
        if style.reverse { swap(&fg, &bg) }
        if style.dim { fg = fg.mixed(with: bg) }
        return (fg, bg)
    }

    /// The contrast a cell of `style` has; nil when it uses only the terminal's own colours (whatever they are, the
    /// terminal chose them to be readable).
    public func contrast(of style: CellStyle) -> Double? {
        if style.foreground == .default && style.background == .default { return nil }
        let (fg, bg) = shownColors(style)
        return RGB.contrast(fg, bg)
    }

    /// An indexed colour's RGB (the xterm palette); nil for the terminal's default.
    public static func rgb(_ color: TerminalColor) -> RGB? {
        guard case .indexed(let index) = color else { return nil }
        let (r, g, b) = Palette.rgb(index)
        return RGB(r, g, b)
    }

    /// The style pairs the views compose from two roles, besides each role on its own: the urgency colours on the
    /// selected row (`selectedAccent`) and on the header bar (`headerBacked`). With each role's own style, this is
    /// every pair of colours text is drawn in; a test holds every built-in theme to `minimumContrast` over them.
    public var composedStyles: [(String, CellStyle)] {
        var out: [(String, CellStyle)] = []
        for role in Self.selectedAccents { out.append(("\(role.rawValue) on selected", selectedAccent(role))) }
        for role in Self.headerAccents { out.append(("\(role.rawValue) on header", headerBacked[role])) }
        return out
    }
}
