import TriageCore

/// Renders a screen buffer as an SVG picture of a terminal (for `screenshots/` and the README): the exact cells the
/// console would show, in a monospace font.
public enum SVGRenderer {
    public static func render(_ buffer: ScreenBuffer, theme: Theme, title: String) -> String {
        let light = theme.name.contains("light")
        let defaultBackground = theme.terminalDefaults.background.hex
        let defaultForeground = theme.terminalDefaults.foreground.hex
        let cellWidth = 8.4
        let cellHeight = 17.0
        let width = Double(buffer.width) * cellWidth
        let height = Double(buffer.height) * cellHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width + 20))" height="\(Int(height + 44))" viewBox="0 0 \(Int(width + 20)) \(Int(height + 44))">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" rx="8" fill="\(light ? "#d9d9d6" : "#0d0f12")"/>
            <circle cx="18" cy="14" r="5" fill="#ff5f56"/><circle cx="34" cy="14" r="5" fill="#ffbd2e"/><circle cx="50" cy="14" r="5" fill="#27c93f"/>
            <text x="\(Int(width / 2))" y="18" fill="\(light ? "#444" : "#999")" font-family="sans-serif" font-size="12" text-anchor="middle">\(escape(title))</text>
            <g transform="translate(10,30)">
            <rect width="\(width)" height="\(height)" fill="\(defaultBackground)"/>

            """
        svg += "<g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\" xml:space=\"preserve\">\n"
        for y in 0..<buffer.height {
            // Backgrounds, merged into runs.
            var x = 0
            while x < buffer.width {
                let color = colors(buffer[x, y].style, fg: defaultForeground, bg: defaultBackground).background
                var end = x + 1
                while end < buffer.width && colors(buffer[end, y].style, fg: defaultForeground, bg: defaultBackground).background == color {
                    end += 1
                }
                if color != defaultBackground {
                    svg +=
                        "<rect x=\"\(fmt(Double(x) * cellWidth))\" y=\"\(fmt(Double(y) * cellHeight))\" width=\"\(fmt(Double(end - x) * cellWidth))\" height=\"\(fmt(cellHeight))\" fill=\"\(color)\"/>\n"
                }
                x = end
            }
            // Text, one element per run of the same style, placed by column so wide characters line up.
            x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                if cell.continuation || cell.character == " " {
                    x += 1
                    continue
                }
                var text = ""
                var end = x
                let style = cell.style
                while end < buffer.width, buffer[end, y].style == style, !buffer[end, y].continuation,
                    TerminalText.width(of: buffer[end, y].character) == 1
                {
                    text.append(buffer[end, y].character)
                    end += 1
                }
                if text.isEmpty {
                    text = String(cell.character)
                    end = x + TerminalText.width(of: cell.character)
                }
                let c = colors(style, fg: defaultForeground, bg: defaultBackground)
                var attributes = "fill=\"\(c.foreground)\""
                if style.bold { attributes += " font-weight=\"bold\"" }
                if style.underline { attributes += " text-decoration=\"underline\"" }
                if style.dim { attributes += " opacity=\"0.6\"" }
                let trimmed = text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                if !trimmed.isEmpty {
                    svg += "<text x=\"\(fmt(Double(x) * cellWidth))\" y=\"\(fmt(Double(y) * cellHeight + 13))\" \(attributes)"
                    svg +=
                        " textLength=\"\(fmt(Double(TerminalText.width(trimmed)) * cellWidth))\" lengthAdjust=\"spacingAndGlyphs\">\(escape(trimmed))</text>\n"
                }
                x = end
            }
        }
        svg += "</g>\n</g>\n</svg>\n"
        return svg
    }

    static func colors(_ style: CellStyle, fg: String, bg: String) -> (foreground: String, background: String) {
        var foreground = hex(style.foreground) ?? fg
        var background = hex(style.background) ?? bg
        if style.reverse { swap(&foreground, &background) }
        return (foreground, background)
    }

    static func hex(_ color: TerminalColor) -> String? {
        guard case .indexed(let index) = color else { return nil }
        let (r, g, b) = Palette.rgb(index)
        return "#" + [r, g, b].map { String(format: "%02x", $0) }.joined()
    }

    static func fmt(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
