import TriageCore

/// A multi-line (or single-line) text editor model: the text as lines of characters and a cursor, with the moves
/// an agent expects — by character, word and line, Home/End, delete and backspace, newlines and pastes. Display
/// wrapping is computed for a width (`layout(width:)`), so the cursor moves up and down by screen rows.
public struct TextEditor: Equatable, Sendable {
    public private(set) var lines: [[Character]]
    public private(set) var line = 0
    public private(set) var column = 0
    public let singleLine: Bool

    public init(text: String = "", singleLine: Bool = false) {
        self.singleLine = singleLine
        let clean = TextEditor.clean(text, singleLine: singleLine)
        lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        line = lines.count - 1
        column = lines[line].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// Text from a key or a paste: control characters dropped (tabs become spaces), newlines kept unless single-line.
    static func clean(_ text: String, singleLine: Bool) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\t", with: "    ")
        let sanitized = TerminalText.sanitize(normalized, keepNewlines: !singleLine)
        return sanitized.replacingOccurrences(of: "␛", with: "")
    }

    public mutating func insert(_ text: String) {
        for character in TextEditor.clean(text, singleLine: singleLine) {
            if character == "\n" {
                let rest = Array(lines[line][column...])
                lines[line].removeSubrange(column...)
                lines.insert(rest, at: line + 1)
                line += 1
                column = 0
            } else {
                lines[line].insert(character, at: column)
                column += 1
            }
        }
    }

    public mutating func newline() {
        if !singleLine { insert("\n") }
    }

    public mutating func backspace() {
        if column > 0 {
            lines[line].remove(at: column - 1)
            column -= 1
        } else if line > 0 {
            column = lines[line - 1].count
            lines[line - 1] += lines[line]
            lines.remove(at: line)
            line -= 1
        }
    }

    public mutating func delete() {
        if column < lines[line].count {
            lines[line].remove(at: column)
        } else if line + 1 < lines.count {
            lines[line] += lines[line + 1]
            lines.remove(at: line + 1)
        }
    }

    /// Deletes the word before the cursor (Ctrl-W); at the start of a line, joins it to the previous one.
    public mutating func deleteWordBackward() {
        guard column > 0 else {
            backspace()
            return
        }
        let end = column
        moveWordLeft()
        lines[line].removeSubrange(column..<end)
    }

    public mutating func moveLeft() {
        if column > 0 {
            column -= 1
        } else if line > 0 {
            line -= 1
            column = lines[line].count
        }
    }

    public mutating func moveRight() {
        if column < lines[line].count {
            column += 1
        } else if line + 1 < lines.count {
            line += 1
            column = 0
        }
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "'" }

    public mutating func moveWordLeft() {
        if column == 0 {
            moveLeft()
            return
        }
        let chars = lines[line]
        var i = column
        while i > 0 && !Self.isWordCharacter(chars[i - 1]) { i -= 1 }
        while i > 0 && Self.isWordCharacter(chars[i - 1]) { i -= 1 }
        column = i
    }

    public mutating func moveWordRight() {
        let chars = lines[line]
        if column == chars.count {
            moveRight()
            return
        }
        var i = column
        while i < chars.count && !Self.isWordCharacter(chars[i]) { i += 1 }
        while i < chars.count && Self.isWordCharacter(chars[i]) { i += 1 }
        column = i
    }

    public mutating func moveHome() { column = 0 }
    public mutating func moveEnd() { column = lines[line].count }
    public mutating func moveToStart() {
        line = 0
        column = 0
    }

    public mutating func clear() {
        lines = [[]]
        line = 0
        column = 0
    }

    /// One screen row of wrapped text: which line, which characters.
    public struct Row: Equatable, Sendable {
        public var line: Int
        public var start: Int
        public var end: Int
    }

    /// The text wrapped to `width` columns, breaking at spaces where possible (never inside a wide character).
    public func layout(width: Int) -> [Row] {
        let width = max(2, width)
        var rows: [Row] = []
        for (index, chars) in lines.enumerated() {
            if chars.isEmpty {
                rows.append(Row(line: index, start: 0, end: 0))
                continue
            }
            var start = 0
            while start < chars.count {
                var used = 0
                var end = start
                var lastSpace: Int?
                while end < chars.count {
                    let w = TerminalText.width(of: chars[end])
                    // Leave one column for the cursor at the end of a full row.
                    if used + w > width - 1 { break }
                    if chars[end] == " " { lastSpace = end }
                    used += w
                    end += 1
                }
                if end < chars.count, let space = lastSpace, space > start { end = space + 1 }
                if end == start { end = start + 1 }
                rows.append(Row(line: index, start: start, end: end))
                start = end
            }
        }
        return rows
    }

    /// Where the cursor is on screen (row index in `layout(width:)`, column), for drawing it.
    public func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let rows = layout(width: width)
        for (i, row) in rows.enumerated() where row.line == line {
            let isLastOfLine = i + 1 == rows.count || rows[i + 1].line != line
            if column >= row.start && (column < row.end || isLastOfLine) {
                let prefix = lines[line][row.start..<min(column, row.end)]
                return (i, prefix.reduce(0) { $0 + TerminalText.width(of: $1) })
            }
        }
        return (max(0, rows.count - 1), 0)
    }

    /// Up and down move by screen row, keeping the column as near as the text allows.
    public mutating func moveVertically(_ delta: Int, width: Int) {
        let rows = layout(width: width)
        let position = cursorPosition(width: width)
        let target = position.row + delta
        guard target >= 0, target < rows.count else {
            if delta < 0 {
                moveToStart()
            } else if let last = rows.last {
                line = last.line
                column = lines[line].count
            }
            return
        }
        let row = rows[target]
        var used = 0
        var index = row.start
        while index < row.end {
            let w = TerminalText.width(of: lines[row.line][index])
            if used + w > position.column { break }
            used += w
            index += 1
        }
        let isLastOfLine = target + 1 == rows.count || rows[target + 1].line != row.line
        if index == row.end && !isLastOfLine { index = max(row.start, row.end - 1) }
        line = row.line
        column = index
    }
}
