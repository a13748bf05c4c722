import Foundation

/// The limits on what people type into a ticket (SPEC §2), checked in one place for every front end.
public enum Validation {
    public static let subjectLength = 1...200
    public static let descriptionLength = 1...10_000
    public static let messageLength = 1...10_000
    public static let resolutionLength = 0...2_000
    public static let commentLength = 0...1_000
    public static let tagLength = 1...32
    public static let ratingRange = 1...5
    public static let agentNameLength = 1...64
    public static let userNameLength = 1...100

    /// Checks that `text` (trimmed) has a length within `range` and holds no control character other than tab, line
    /// feed and carriage return (a NUL would cut the text in SQLite and in C clients: refused, never cut); returns the
    /// trimmed text.
    public static func text(_ text: String, field: String, length range: ClosedRange<Int>) throws(TicketError) -> String {
        let trimmed = Self.trimmed(text)
        guard range.contains(trimmed.count) else {
            throw .invalidField(
                field: field, message: "\(field) must be \(range.lowerBound) to \(range.upperBound) characters (got \(trimmed.count))")
        }
        guard !trimmed.unicodeScalars.contains(where: isRefusedControl) else {
            throw .invalidField(field: field, message: "\(field) must not contain control characters (tab and line breaks excepted)")
        }
        return trimmed
    }

    /// `text` without the whitespace and line breaks around it: the scalars Foundation's `.whitespacesAndNewlines`
    /// trims (Unicode's White_Space property), found on the scalars rather than through NSString, which costs the
    /// API's single writer a tenth of its time.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace || scalar == "\u{200B}" }

    /// A control character (`Cc`: C0, DEL, C1) other than tab, line feed and carriage return.
    static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && !["\t", "\n", "\r"].contains(scalar)
    }

    /// A tag is a short label: lower-case letters, digits, `-`, `_` and `:`; returns it normalised to lower case.
    public static func tag(_ text: String) throws(TicketError) -> String {
        let tag = text.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = tag.allSatisfy { ($0.isLetter || $0.isNumber || "-_:".contains($0)) }
        guard tagLength.contains(tag.count), allowed else {
            throw .invalidField(field: "tag", message: "tag '\(text)' must be 1 to 32 letters, digits, '-', '_' or ':'")
        }
        return tag
    }

    /// An agent name: 1–64 characters of letters, digits, `.`, `-`, `_`.
    public static func agentName(_ text: String, field: String = "assignee") throws(TicketError) -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard agentNameLength.contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || ".-_".contains($0) }) else {
            throw .invalidField(field: field, message: "\(field) '\(text)' must be 1 to 64 letters, digits, '.', '-' or '_'")
        }
        return name
    }

    /// A requester's display name (`user_name`): trimmed, 1–100 characters, any script and emoji, but no control
    /// character, line break or bidirectional override (it is shown on one line in every staff view).
    public static func userName(_ text: String, field: String = "user_name") throws(TicketError) -> String {
        // Its own rule first, so that a refused control character is named in its words (stricter than `text`'s).
        let refused = Self.trimmed(text).unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: return true
            default: return TerminalText.bidiControls.contains(scalar.value)
            }
        }
        guard !refused else {
            throw .invalidField(field: field, message: "\(field) must not contain control characters, line breaks or direction overrides")
        }
        return try self.text(text, field: field, length: userNameLength)
    }

    public static func rating(_ value: Int) throws(TicketError) -> Int {
        guard ratingRange.contains(value) else {
            throw .invalidField(field: "rating", message: "rating must be a whole number from 1 to 5 (got \(value))")
        }
        return value
    }
}
