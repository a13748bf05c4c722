import TriageCore

/// A page of lines that may be taller than its area: the lines from `scroll` on, and a scroll bar in the area's
/// last column when they do not all fit. Pages lay their text out one column narrower than the area
/// (`Layout.pageTextWidth`), so the bar never covers text and the text does not re-wrap when the bar appears.
enum Page {
    /// Draws `lines` scrolled to `scroll` (kept within the lines); returns the scroll used.
    @discardableResult
    static func draw(
        _ lines: [StyledLine], scroll: Int, in area: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs
    ) -> Int {
        guard area.width > 0, area.height > 0 else { return 0 }
        let top = max(0, min(scroll, lines.count - area.height))
        let textWidth = Layout.pageTextWidth(area)
        for (offset, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            TextLayout.draw(line, in: &buffer, x: area.x, y: area.y + offset, width: textWidth, theme: theme)
        }
        if lines.count > area.height, area.width > 1 {
            ScrollBar.draw(
                x: area.x + area.width - 1, y: area.y, height: area.height, total: lines.count, first: top, into: &buffer, theme: theme,
                glyphs: glyphs)
        }
        return top
    }
}

/// A vertical scroll bar: a track with a thumb as tall as the visible share of the content, where it is; arrows at
/// the ends say there is more above or below.
enum ScrollBar {
    static func draw(
        x: Int, y: Int, height: Int, total: Int, first: Int, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs
    ) {
        guard height > 0, total > height else { return }
        let (thumbStart, thumbLength) = thumb(height: height, total: total, first: first)
        for row in 0..<height {
            let inThumb = row >= thumbStart && row < thumbStart + thumbLength
            buffer.put(String(inThumb ? glyphs.scrollThumb : glyphs.scrollTrack), x: x, y: y + row, style: theme[inThumb ? .key : .border])
        }
        if height >= 4 {
            if first > 0 { buffer.put(String(glyphs.scrollUp), x: x, y: y, style: theme[.key]) }
            if first + height < total { buffer.put(String(glyphs.scrollDown), x: x, y: y + height - 1, style: theme[.key]) }
        }
    }

    /// The thumb's first row and length for `height` rows showing `first`..<`first + height` of `total` lines.
    static func thumb(height: Int, total: Int, first: Int) -> (start: Int, length: Int) {
        let length = max(1, min(height, height * height / max(1, total)))
        let range = max(1, total - height)
        let start = (max(0, min(first, range)) * (height - length) + range / 2) / range
        return (start, length)
    }

    /// `12–33 of 80`: where a page or list is, for titles and the status bar.
    static func position(first: Int, visible: Int, total: Int) -> String {
        "\(first + 1)–\(min(total, first + visible)) of \(total)"
    }
}

extension StyledLine {
    /// The line cut to `columns` (with `…` when cut), its spans' styles kept.
    func clipped(to columns: Int) -> StyledLine {
        guard width > columns else { return self }
        var out: [Span] = []
        var used = 0
        for span in spans {
            let w = TerminalText.width(span.text)
            if used + w <= columns - 1 {
                out.append(span)
                used += w
            } else {
                out.append(Span(TerminalText.truncate(span.text, to: columns - used), span.role))
                break
            }
        }
        return StyledLine(out, fill: fill)
    }

    /// Two columns of lines side by side: the left ones cut to `leftWidth - 1` columns and padded to `leftWidth`.
    static func sideBySide(_ left: [StyledLine], _ right: [StyledLine], leftWidth: Int) -> [StyledLine] {
        (0..<max(left.count, right.count)).map { row in
            var spans = row < left.count ? left[row].clipped(to: leftWidth - 1).spans : []
            spans.append(Span(String(repeating: " ", count: max(1, leftWidth - StyledLine(spans).width))))
            if row < right.count { spans += right[row].spans }
            return StyledLine(spans)
        }
    }
}

extension StyledLine {
    /// The line word-wrapped to `columns` (styles kept), the lines after the first indented by `indent` columns; a
    /// line that fits is returned as it is.
    func wrapped(to columns: Int, indent: Int = 0) -> [StyledLine] {
        guard width > columns, columns > indent + 8 else { return [self] }
        var lines: [StyledLine] = []
        var current: [Span] = []
        var used = 0
        func newLine() {
            lines.append(StyledLine(current, fill: fill))
            current = [Span(String(repeating: " ", count: indent))]
            used = indent
        }
        for span in spans {
            // Words with the spaces before them, so a break drops the space at the end of a line.
            var words: [String] = []
            var word = ""
            for character in span.text {
                if character == " " && !word.isEmpty && word.last != " " {
                    words.append(word)
                    word = ""
                }
                word.append(character)
            }
            if !word.isEmpty { words.append(word) }
            for piece in words {
                let w = TerminalText.width(piece)
                if used + w > columns && used > indent {
                    newLine()
                    let trimmed = String(piece.drop { $0 == " " })
                    current.append(Span(trimmed, span.role))
                    used += TerminalText.width(trimmed)
                } else {
                    current.append(Span(piece, span.role))
                    used += w
                }
            }
        }
        lines.append(StyledLine(current, fill: fill))
        return lines
    }
}
