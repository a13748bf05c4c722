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

    /// Whether every character of `text` is printable ASCII (one column each, nothing to neutralise): the fast path
    /// of sanitising, measuring and cutting, which every cell of every frame goes through.
    @inlinable
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `text` with every control neutralised; newlines and tabs become spaces unless `keepNewlines`.
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        // Most text is printable ASCII, which passes as it is (no copy).
        if isPrintableASCII(text) { return text }
        // So does most other text (accents, symbols, emoji): only text with something to neutralise is rebuilt.
        func clean(_ v: UInt32) -> Bool {
            v >= 0xA0 ? !(bidiControls.contains(v) || v == 0xFEFF || (0xFFF9...0xFFFB).contains(v) || (0xD800...0xDFFF).contains(v))
                : (v >= 0x20 && v < 0x7F) || (v == 0x0A && keepNewlines)
        }
        if text.unicodeScalars.allSatisfy({ clean($0.value) }) { return text }
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

    /// The columns one scalar takes on the terminal, as the C library's `wcwidth` says (`WidthTable`): 0 for
    /// controls, combining marks and format characters, 2 for wide and emoji-presentation characters, else 1.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 || (0x7F...0x9F).contains(v) ? 0 : 1 }
        if WidthTable.contains(WidthTable.zero, v) { return 0 }
        return WidthTable.contains(WidthTable.wide, v) ? 2 : 1
    }

    /// The columns a grapheme cluster (a `Character`) takes, as a terminal gives the whole cluster: the sum of its scalars' widths (a base and its combining marks: the base's; a spacing vowel
    /// sign adds its column), except for emoji sequences, which are one emoji of two columns: a flag (two regional
    /// indicators), a skin tone after its base, anything joined by a zero-width joiner, and a character turned
    /// emoji by U+FE0F (`❤️`, `1️⃣`). One function for every width in the console, so layout, truncation and
    /// wrapping never split a cluster or disagree about where the next one goes.
    public static func width(of character: Character) -> Int {
        let bytes = character.utf8
        if bytes.count == 1, let byte = bytes.first { return byte < 0x20 || byte == 0x7F ? 0 : 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return width(of: first) }
        var total = 0
        var joined = false
        var emoji = false
        for scalar in scalars {
            let v = scalar.value
            if v == 0x200D {
                joined = true
                continue
            }
            if v == 0xFE0F {
                emoji = true
                continue
            }
            if joined || (0x1F3FB...0x1F3FF).contains(v) && total > 0 {
                // A joined emoji or a skin tone: part of the emoji before it.
                joined = false
                emoji = true
                continue
            }
            total += width(of: scalar)
        }
        return emoji ? max(total, 2) : total
    }

    /// The number of terminal columns `text` takes.
    public static func width(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    /// `text` cut to at most `columns` columns, ending in `…` when cut; never splits a grapheme cluster.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if isPrintableASCII(text) {
            return text.utf8.count <= columns ? text : String(decoding: text.utf8.prefix(columns - 1), as: UTF8.self) + "…"
        }
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
        let measured = width(text)
        let cut = measured <= columns ? text : truncate(text, to: columns)
        let fill = String(repeating: " ", count: max(0, columns - (measured <= columns ? measured : width(cut))))
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
