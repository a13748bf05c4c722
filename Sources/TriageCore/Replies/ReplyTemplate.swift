import Foundation

/// A canned reply: a file of `replies/` (`replies/fr/refund-delay.md`), its first line the title, the rest the text,
/// with `{name}`, `{ticket}` and `{sla}` filled in for the ticket being answered (`filled(for:now:)`).
public struct ReplyTemplate: Equatable, Sendable {
    /// The file's path under the replies folder, without its extension: `fr/refund-delay`.
    public var id: String
    public var title: String
    public var body: String

    public init(id: String, title: String, body: String) {
        self.id = id
        self.title = title
        self.body = body
    }

    /// A template from a file's text: the first line is the title (a leading `#` is dropped), the text follows it
    /// (blank lines around it trimmed). Nil when there is no title or no text.
    public init?(id: String, text: String) {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let title = first.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        lines.removeFirst()
        let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, !body.isEmpty else { return nil }
        self.init(id: id, title: title, body: body)
    }

    /// The language folder the template is in (`fr`), if any.
    public var language: String? {
        guard let slash = id.firstIndex(of: "/") else { return nil }
        return String(id[..<slash])
    }

    /// The placeholders a template may use, and what each becomes.
    public static let placeholders = ["{name}", "{ticket}", "{sla}"]

    /// The text with its placeholders filled for `ticket`: `{name}` the requester as staff see them
    /// (`requesterLabel`), `{ticket}` its id, `{sla}` the time left on its SLA clock (`DurationText.countdown`,
    /// frozen while it waits; `0m` once past due: the user reads it). Any other brace is left as written.
    public func filled(for ticket: Ticket, now: Date) -> String {
        body.replacingOccurrences(of: "{name}", with: ticket.requesterLabel)
            .replacingOccurrences(of: "{ticket}", with: ticket.id.rawValue)
            .replacingOccurrences(of: "{sla}", with: DurationText.countdown(max(0, ticket.sla.remaining(now: now))))
    }
}
