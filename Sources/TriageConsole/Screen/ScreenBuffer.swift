import Foundation
import TriageCore

/// A terminal colour: the terminal's default, one of the 256 indexed colours, or (for themes) a 24-bit value that
/// the shell maps to the nearest colour the terminal has.
public enum TerminalColor: Hashable, Sendable {
    case `default`
    case indexed(UInt8)
}

/// How a cell looks: colours and attributes, already resolved from the theme.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default, bold: Bool = false, dim: Bool = false,
        underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = CellStyle()
}

/// An in-memory screen of cells that the pure views draw into and the terminal shell presents.
///
/// Everything written is sanitised (no control characters or escape sequences reach a cell) and clipped: nothing
/// ever overflows the area it is drawn in, whatever its characters.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, style: CellStyle = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(style: style), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: CellStyle) {
        let r = rect.clipped(width: width, height: height)
        guard r.width > 0 && r.height > 0 else { return }
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) { set(Cell(style: style), x: x, y: y) }
        }
    }

    /// Writes one cell, never leaving half a wide cluster behind: writing over any part of a wide cluster blanks
    /// the rest of it (with its own style), so no cell claims columns another cell now holds — what would leave
    /// stray halves on the terminal.
    mutating func set(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        // The common case, neither this cell nor the next part of a wide cluster: one store.
        let plain = cells.withUnsafeBufferPointer { cells in
            !cells[index].continuation && (index + 1 == cells.count || x + 1 == width || !cells[index + 1].continuation)
        }
        if plain {
            cells[index] = cell
            return
        }
        let old = self[x, y]
        if old.continuation {
            // Over the right part of a wide cluster: blank it from its start.
            var start = x - 1
            while start > 0 && self[start, y].continuation { start -= 1 }
            for column in start..<x { self[column, y] = Cell(" ", style: self[column, y].style) }
        }
        self[x, y] = cell
        // Over the start of a wide cluster: blank the columns it claimed after this one.
        var next = x + 1
        while next < width && self[next, y].continuation {
            self[next, y] = Cell(" ", style: self[next, y].style)
            next += 1
        }
    }

    /// Writes `text` at (x, y), at most `maxWidth` columns (default: to the right edge), sanitised, one grapheme
    /// cluster per cell; returns the column after the last cell written. A wide cluster that does not fit whole is
    /// replaced by a space; a cluster of no width (a combining mark with nothing to combine with) is left out.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        if TerminalText.isPrintableASCII(text) {
            // One column per byte: no grapheme breaking (most of every frame).
            for byte in text.utf8 {
                if column >= limit { return limit }
                if column >= 0 { set(Cell(ascii: byte, style: style), x: column, y: y) }
                column += 1
            }
            return column
        }
        for character in TerminalText.sanitize(text) {
            let w = TerminalText.width(of: character)
            if w == 0 {
                continue
            }
            if column + w > limit {
                for blank in max(0, column)..<limit { set(Cell(" ", style: style), x: blank, y: y) }
                return limit
            }
            if column >= 0 {
                set(Cell(character, style: style), x: column, y: y)
                for extra in 1..<w { set(Cell(" ", style: style, continuation: true), x: column + extra, y: y) }
            } else {
                // Starting left of the screen: the visible part of a cut cluster is blank.
                for blank in 0..<max(0, column + w) { set(Cell(" ", style: style), x: blank, y: y) }
            }
            column += w
        }
        return column
    }

    /// Writes `text` in exactly `columns` columns at (x, y): cut with `…` or filled with blanks on the right (on the
    /// left when `alignRight`), as `put(TerminalText.pad(text, to: columns, alignRight:), …, maxWidth: columns)`
    /// would, without building the padded string (every cell of every queue row goes through here).
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle, padTo columns: Int, alignRight: Bool = false) {
        let count = text.utf8.count
        guard count <= columns, TerminalText.isPrintableASCII(text) else {
            put(TerminalText.pad(text, to: columns, alignRight: alignRight), x: x, y: y, style: style, maxWidth: columns)
            return
        }
        guard y >= 0, y < height, x < width else { return }
        let limit = min(width, x + columns)
        let textStart = alignRight ? x + columns - count : x
        var column = x
        var bytes = text.utf8.makeIterator()
        while column < limit {
            let byte: UInt8 = column >= textStart ? (bytes.next() ?? 0x20) : 0x20
            if column >= 0 { set(Cell(ascii: byte, style: style), x: column, y: y) }
            column += 1
        }
    }

    /// Sets the style of a run of cells without changing their characters.
    public mutating func restyle(_ rect: Rect, _ change: (inout CellStyle) -> Void) {
        let r = rect.clipped(width: width, height: height)
        guard r.width > 0 && r.height > 0 else { return }
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) { change(&self[x, y].style) }
        }
    }

    /// The same screen with every character ASCII, for terminals under a non-UTF-8 locale: accents are dropped
    /// (`é` → `e`), common symbols get an ASCII look-alike, anything else becomes `?`; wide characters become `?`
    /// plus a blank.
    public func asciified() -> ScreenBuffer {
        var copy = self
        let table: [Character: Character] = [
            "·": ".", "–": "-", "—": "-", "…": "~", "←": "<", "→": ">", "↑": "^", "↓": "v", "↻": "@", "⏎": "#", "×": "x",
            "“": "\"", "”": "\"", "‘": "'", "’": "'", "€": "E", "•": "*", "«": "<", "»": ">",
        ]
        for i in copy.cells.indices {
            let c = copy.cells[i].character
            if c.isASCII { continue }
            if copy.cells[i].continuation {
                copy.cells[i].character = " "
                copy.cells[i].continuation = false
                continue
            }
            if let replacement = table[c] {
                copy.cells[i].character = replacement
                continue
            }
            let folded = String(c).folding(options: .diacriticInsensitive, locale: nil)
            copy.cells[i].character = folded.count == 1 && folded.first!.isASCII ? folded.first! : "?"
        }
        return copy
    }

    /// The screen as text, one string per row, trailing blanks trimmed (what tests compare).
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].continuation { line.append(self[x, y].character) }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The screen as text with every row kept at full width.
    public var text: String { lines.joined(separator: "\n") }
}

/// A rectangle on the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public func clipped(width w: Int, height h: Int) -> Rect {
        let x0 = max(0, x)
        let y0 = max(0, y)
        let x1 = min(w, x + width)
        let y1 = min(h, y + height)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Splits off `rows` rows at the top.
    public func top(_ rows: Int) -> (Rect, Rect) {
        let n = min(rows, height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// Splits off `columns` columns at the left.
    public func left(_ columns: Int) -> (Rect, Rect) {
        let n = min(columns, width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    public func inset(_ d: Int) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}
