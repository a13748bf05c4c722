/// Untrusted text made safe for a Discord message, and lengths counted the way Discord counts them (design facts
/// 34–35).
///
/// `escape` neutralises everything a user could smuggle into a post: markdown, masked links, mentions (including
/// through code-span breakouts), control characters and bidi overrides. `truncate` cuts by code points on a grapheme
/// boundary. Mentions are also disarmed by `allowed_mentions`; escaping is the second line of defence.
public enum DiscordText {
    /// Markdown punctuation escaped with a backslash wherever it appears, masked-link brackets included.
    static let markdown: Set<Unicode.Scalar> = ["\\", "*", "_", "~", "`", "|", ">", "#", "[", "]", "(", ")"]
    /// Zero-width space: breaks `@everyone`, `<@…>` and friends without changing what a reader sees.
    static let zeroWidthSpace: Unicode.Scalar = "\u{200B}"
    /// The ellipsis that marks a cut (one code point).
    public static let ellipsis = "…"

    /// Escapes user text for any part of a message: after this, it renders as the same visible characters and can
    /// neither format, link, mention nor reorder the text around it.
    public static func escape(_ text: String) -> String {
        let scalars = cleaned(text)
        var out = String.UnicodeScalarView()
        var lineStart = true  // only spaces since the last newline
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar == "@", startsMassMention(scalars, after: index) {
                out.append(scalar)
                out.append(zeroWidthSpace)
            } else if scalar == "<", startsMentionSyntax(scalars, after: index) {
                out.append(scalar)
                out.append(zeroWidthSpace)
            } else if markdown.contains(scalar) || (scalar == "-" && lineStart) {
                out.append("\\")
                out.append(scalar)
            } else {
                out.append(scalar)
            }
            if scalar == "\n" {
                lineStart = true
            } else if scalar != " " {
                lineStart = false
            }
        }
        return String(out)
    }

    /// User text for a field Discord shows as plain text, not markdown (autocomplete choice names): one line, without
    /// control or bidi characters (nothing to escape: no markdown, no mention is read there).
    public static func plain(_ text: String) -> String {
        String(String.UnicodeScalarView(cleaned(text).map { $0 == "\n" ? " " : $0 }))
    }

    /// The text with C0/C1 controls dropped (tab becomes a space, CR LF and lone CR become LF) and bidi controls
    /// dropped (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C).
    static func cleaned(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A: if !previousWasCR { out.append(scalar) }
            case 0x0D: out.append("\n")
            case 0x09: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            default: out.append(scalar)
            }
        }
        return out
    }

    /// `@everyone` or `@here`, in any case, follows the `@` at `index`.
    private static func startsMassMention(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        for word in ["everyone", "here"] {
            let letters = Array(word.unicodeScalars)
            guard index + letters.count < scalars.count else { continue }
            let next = scalars[(index + 1)...(index + letters.count)]
            if zip(next, letters).allSatisfy({ String($0.0).lowercased() == String($0.1) }) { return true }
        }
        return false
    }

    /// `<@`, `<@&`, `<@!`, `<#`, `</` or `<t:` (user, role, channel, slash-command and timestamp syntax).
    private static func startsMentionSyntax(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        guard index + 1 < scalars.count else { return false }
        switch scalars[index + 1] {
        case "@", "#", "/": return true
        case "t", "T": return index + 2 < scalars.count && scalars[index + 2] == ":"
        default: return false
        }
    }

    // MARK: Lengths

    /// Discord's length of `text`: Unicode code points, not characters or UTF-16 units.
    public static func codePoints(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text` if it has at most `limit` code points; otherwise its longest prefix of whole characters (grapheme
    /// clusters) that fits with "…" appended, the ellipsis included in the limit. A dangling escape backslash at the
    /// cut is dropped.
    public static func truncate(_ text: String, codePoints limit: Int) -> String {
        if text.unicodeScalars.count <= limit { return text }
        guard limit > 0 else { return "" }
        let budget = limit - ellipsis.unicodeScalars.count
        var out = ""
        var used = 0
        for character in text {
            let size = character.unicodeScalars.count
            if used + size > budget { break }
            out.append(character)
            used += size
        }
        while let last = out.last, last.isWhitespace { out.removeLast() }
        if endsWithOddBackslashes(out) { out.removeLast() }
        return out + ellipsis
    }

    /// `escape` then `truncate`: the usual way user text enters an embed.
    public static func safe(_ text: String, codePoints limit: Int) -> String {
        truncate(escape(text), codePoints: limit)
    }

    private static func endsWithOddBackslashes(_ text: String) -> Bool {
        var count = 0
        for character in text.reversed() {
            guard character == "\\" else { break }
            count += 1
        }
        return count % 2 == 1
    }
}
