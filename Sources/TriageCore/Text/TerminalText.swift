import Foundation

/// Makes untrusted text (subjects, descriptions, replies from users) safe and measurable on a terminal.
///
/// Control characters, escape sequences and bidirectional overrides never reach the screen: C0/C1 controls and DEL
/// become `␛`-style visible symbols or a space, bidi controls are dropped. Widths follow the terminal's notion
/// (wide CJK and emoji take two columns, combining marks none).
public enum TerminalText {
    /// Bidirectional formatting characters that could reorder what follows them (Trojan Source).
    static let bidiControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// `text` with every control neutralised; newlines and tabs become spaces unless `keepNewlines`.
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A && keepNewlines {
                out.append(scalar)
            } else if v == 0x09 || v == 0x0A || v == 0x0D {
                out.append(" ")
            } else if v == 0x1B {
                out.append("␛")
            } else if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
                out.append("�")
            } else if bidiControls.contains(v) || v == 0xFEFF || (0xFFF9...0xFFFB).contains(v) {
                continue
            } else if (0xD800...0xDFFF).contains(v) {
                out.append("�")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The number of terminal columns a character takes: 0, 1 or 2.
    public static func width(of character: Character) -> Int {
        // Fast path: one scalar below U+1100 (ASCII, Latin, Greek, Cyrillic…) is one column unless it is a control or
        // a combining mark; no wide or emoji-presentation character lives there.
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let v = first.value
        if v < 0x1100 && scalars.count == 1 {
            if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
            return (0x300...0x36F).contains(v) ? 0 : 1
        }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if character.unicodeScalars.count > 1 && character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark
            || v == 0x200B || v == 0x200D
        {
            return 0
        }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD,
            0x30000...0x3FFFD, 0x1F300...0x1F64F, 0x1F900...0x1F9FF:
            return 2
        default:
            return 1
        }
    }

    /// The number of terminal columns `text` takes.
    public static func width(_ text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// `text` cut to at most `columns` columns, ending in `…` when cut; never splits a wide character.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(text) <= columns { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > columns - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` truncated or padded with spaces to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: columns)
        let fill = String(repeating: " ", count: max(0, columns - width(cut)))
        return alignRight ? fill + cut : cut + fill
    }
}

/// A plain-text table for the CLI: sanitised cells, columns sized to their content within a total width.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns that may shrink (with `…`) when the table is wider than `maxWidth`, by index.
    public var flexible: Set<Int>
    public var rightAligned: Set<Int>

    public init(headers: [String], rows: [[String]], flexible: Set<Int> = [], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.flexible = flexible
        self.rightAligned = rightAligned
    }

    public func render(maxWidth: Int = 160) -> String {
        let clean = rows.map { $0.map { TerminalText.sanitize($0) } }
        var widths = headers.indices.map { i in
            max(TerminalText.width(headers[i]), clean.map { TerminalText.width($0[i]) }.max() ?? 0)
        }
        let total = widths.reduce(0, +) + 2 * (widths.count - 1)
        if total > maxWidth, !flexible.isEmpty {
            let excess = total - maxWidth
            let share = excess / flexible.count + 1
            for i in flexible { widths[i] = max(8, widths[i] - share) }
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { TerminalText.pad(cells[$0], to: widths[$0], alignRight: rightAligned.contains($0)) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(headers)] + clean.map(line)).joined(separator: "\n")
    }
}
