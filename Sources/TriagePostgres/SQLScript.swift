/// A SQL file cut into its statements, as psql cuts it: postgres-nio sends one statement per query (the extended
/// protocol has no multi-statement query), so a migration file is run statement by statement on one connection.
///
/// A `;` ends a statement unless it is inside a quoted string (`'…'`, `E'…'`), a quoted identifier (`"…"`), a
/// dollar-quoted body (`$$…$$`, `$tag$…$tag$`), a `--` comment or a `/* … */` comment (nested, as PostgreSQL's are).
/// Statements that are only comments and space are dropped. psql's backslash commands are not SQL and are refused.
public enum SQLScript {
    public struct Unsupported: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "line \(line): \(text) is a psql command, not SQL" }
    }

    public static func statements(_ sql: String) throws(Unsupported) -> [String] {
        let chars = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var meaningful = false
        var index = 0
        var line = 1
        var atLineStart = true

        func take(_ count: Int) {
            for offset in 0..<count where index + offset < chars.count {
                current.append(chars[index + offset])
                if chars[index + offset] == "\n" { line += 1 }
            }
            index += count
        }
        func starts(_ text: String, at position: Int) -> Bool {
            let scalars = Array(text.unicodeScalars)
            guard position + scalars.count <= chars.count else { return false }
            return Array(chars[position..<position + scalars.count]) == scalars
        }
        func finish() {
            let text = String(current).trimmingSpace()
            if meaningful, !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
            meaningful = false
        }

        while index < chars.count {
            let c = chars[index]
            if atLineStart, c == "\\", !meaningful {
                var end = index
                while end < chars.count, chars[end] != "\n" { end += 1 }
                throw Unsupported(line: line, text: String(String.UnicodeScalarView(chars[index..<end])))
            }
            atLineStart = c == "\n" || (atLineStart && (c == " " || c == "\t"))
            if starts("--", at: index) {
                while index < chars.count, chars[index] != "\n" { take(1) }
            } else if starts("/*", at: index) {
                var depth = 0
                repeat {
                    if starts("/*", at: index) {
                        depth += 1
                        take(2)
                    } else if starts("*/", at: index) {
                        depth -= 1
                        take(2)
                    } else {
                        take(1)
                    }
                } while depth > 0 && index < chars.count
            } else if c == "'" || c == "\"" {
                let escapes = c == "'" && isEscapeStringOpening(current)
                meaningful = true
                take(1)
                while index < chars.count {
                    if chars[index] == c {
                        if index + 1 < chars.count, chars[index + 1] == c {
                            take(2)
                            continue
                        }
                        take(1)
                        break
                    }
                    // E'…' strings escape with a backslash too; a doubled quote is handled above.
                    if escapes, chars[index] == "\\", index + 1 < chars.count {
                        take(2)
                        continue
                    }
                    take(1)
                }
            } else if c == "$", let tag = dollarTag(chars, at: index), !continuesIdentifier(current) {
                meaningful = true
                take(tag.count)
                while index < chars.count, !starts(tag, at: index) { take(1) }
                take(tag.count)
            } else if c == ";" {
                index += 1
                finish()
            } else {
                if !c.properties.isWhitespace { meaningful = true }
                take(1)
            }
        }
        finish()
        return statements
    }

    /// `$tag$` starting at `position` (a tag is empty or an identifier not starting with a digit), if one does.
    static func dollarTag(_ chars: [Unicode.Scalar], at position: Int) -> String? {
        var end = position + 1
        while end < chars.count, chars[end] == "_" || chars[end].properties.isAlphabetic || ("0"..."9").contains(chars[end]) {
            end += 1
        }
        guard end < chars.count, chars[end] == "$" else { return nil }
        if end > position + 1, ("0"..."9").contains(chars[position + 1]) { return nil }
        return String(String.UnicodeScalarView(chars[position...end]))
    }

    /// Whether the text so far ends inside a word (so a `$` is part of an identifier like `a$b`, or a `$1` bind).
    static func continuesIdentifier(_ text: String.UnicodeScalarView) -> Bool {
        guard let last = text.last else { return false }
        return last == "_" || last.properties.isAlphabetic || ("0"..."9").contains(last)
    }

    /// Whether a quote opened after `text` starts an `E'…'` string (backslash escapes): `text` ends in a lone `E`.
    static func isEscapeStringOpening(_ text: String.UnicodeScalarView) -> Bool {
        guard let e = text.last, e == "E" || e == "e" else { return false }
        return !continuesIdentifier(String.UnicodeScalarView(text.dropLast()))
    }
}

extension String {
    func trimmingSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
