import TriageCore

/// A run of text in one style, for building lines out of differently styled pieces.
public struct Span: Equatable, Sendable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// A line of spans; `fill` paints the rest of the row in that role.
public struct StyledLine: Equatable, Sendable {
    public var spans: [Span]
    public var fill: StyleRole?

    public init(_ spans: [Span], fill: StyleRole? = nil) {
        self.spans = spans
        self.fill = fill
    }

    public init(_ text: String, _ role: StyleRole = .normal, fill: StyleRole? = nil) {
        self.init([Span(text, role)], fill: fill)
    }

    /// The columns the spans take.
    public var width: Int { spans.reduce(0) { $0 + TerminalText.width($1.text) } }
}

/// Word wrapping and drawing of text for the views.
public enum TextLayout {
    /// Wraps `text` to `width` columns: at spaces where possible, hard-breaking words longer than a line; keeps the
    /// text's own line breaks; control characters are neutralised first.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for paragraph in TerminalText.sanitize(text, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let w = TerminalText.width(String(word))
                let needed = lineWidth == 0 ? w : lineWidth + 1 + w
                if needed <= width {
                    line += (lineWidth == 0 && line.isEmpty ? "" : " ") + word
                    lineWidth = needed
                    continue
                }
                if lineWidth > 0 {
                    out.append(line)
                    line = ""
                    lineWidth = 0
                }
                // Hard-break a word wider than the line.
                var piece = ""
                var pieceWidth = 0
                for character in word {
                    let cw = TerminalText.width(of: character)
                    if pieceWidth + cw > width {
                        out.append(piece)
                        piece = ""
                        pieceWidth = 0
                    }
                    piece.append(character)
                    pieceWidth += cw
                }
                line = piece
                lineWidth = pieceWidth
            }
            out.append(line)
        }
        return out
    }

    /// Draws a styled line in `rect`'s row `y`, clipped to the rect.
    public static func draw(_ line: StyledLine, in buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, theme: Theme) {
        guard width > 0 else { return }
        if let fill = line.fill { buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: theme[fill]) }
        var column = x
        for span in line.spans {
            let remaining = x + width - column
            guard remaining > 0 else { break }
            column = buffer.put(span.text, x: column, y: y, style: theme[span.role], maxWidth: remaining)
        }
    }

    /// Centres `text` in `width` columns.
    public static func centered(_ text: String, width: Int) -> String {
        let w = TerminalText.width(text)
        guard w < width else { return text }
        return String(repeating: " ", count: (width - w) / 2) + text
    }
}
