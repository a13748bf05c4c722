import Foundation

extension TextCommand {
    /// Every command's name, in the order help texts list them.
    public static let names = ["create", "list", "view", "reply", "close", "stats", "ack"]

    /// Parses a `!ticket_…` text as the source's bot reads it: the command word, then its arguments separated by
    /// spaces; for `create` a subject in double quotes (`"…"`, `“…”` or `«…»`), and the rest of the text (lines
    /// included) as the description, message or resolution. Vocabulary words are case-insensitive and may be French
    /// (`facturation`, `haute`, `ouvert`). Lengths follow `Validation`, as the store checks them.
    ///
    /// Throws a `CommandError` whose text, in `language`, names the bad word and the allowed values or gives the
    /// command's usage line.
    public static func parse(_ text: String, language: Language) throws(CommandError) -> TextCommand {
        var words = CommandWords(text)
        let head = words.next() ?? ""
        guard head.lowercased().hasPrefix(CommandGrammar.prefix) else {
            throw CommandError(.unknownCommand(String(head)), language: language)
        }
        let name = String(head.lowercased().dropFirst(CommandGrammar.prefix.count))
        func missing(_ argument: String) -> CommandError {
            CommandError(.missingArgument(command: name, argument: argument), language: language)
        }
        func ticketID() throws(CommandError) -> TicketID {
            guard let word = words.next() else { throw missing("id") }
            // `#TKTA1B2C3` and `` `TKTA1B2C3` `` (as Discord users often write ids) read as the id.
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "#`"))
            guard let id = TicketID(bare) else { throw CommandError(.badTicketID(String(word)), language: language) }
            return id
        }
        func rest(_ field: String, _ limits: ClosedRange<Int>) throws(CommandError) -> String {
            guard let text = words.remainder() else { throw missing(field) }
            return try CommandGrammar.checked(text, field: field, limits: limits, language: language)
        }
        switch name {
        case "create":
            guard let quoted = words.quoted() else {
                throw words.remainder() == nil ? missing("subject") : CommandError(.unquotedSubject, language: language)
            }
            let subject = try CommandGrammar.checked(quoted, field: "subject", limits: Validation.subjectLength, language: language)
            guard let categoryWord = words.next() else { throw missing("category") }
            let category = try CommandGrammar.value(categoryWord, Category.self, language: language)
            guard let priorityWord = words.next() else { throw missing("priority") }
            let priority = try CommandGrammar.value(priorityWord, Priority.self, language: language)
            let description = try rest("description", Validation.descriptionLength)
            return .create(subject: subject, category: category, priority: priority, description: description)
        case "list":
            guard let word = words.next(), !CommandGrammar.everything.contains(CommandGrammar.fold(word)) else { return .list(status: nil) }
            return .list(status: try CommandGrammar.value(word, TicketStatus.self, language: language))
        case "view":
            return .view(try ticketID())
        case "reply":
            let id = try ticketID()
            return .reply(id, message: try rest("message", Validation.messageLength))
        case "close":
            let id = try ticketID()
            guard words.remainder() != nil else { return .close(id, resolution: nil) }
            return .close(id, resolution: try rest("resolution", Validation.resolutionLength))
        case "stats":
            return .stats
        case "ack":
            return .ack(try ticketID())
        default:
            throw CommandError(.unknownCommand(String(head)), language: language)
        }
    }
}

/// Reads a command's text word by word; whitespace (line breaks included) separates words.
struct CommandWords {
    private var rest: Substring

    init(_ text: String) { rest = Substring(text) }

    /// Opening quotes and the closing quotes each accepts.
    static let quotes: [Character: Set<Character>] = ["\"": ["\"", "”"], "“": ["”", "\"", "“"], "«": ["»"], "„": ["“", "”"]]

    /// The next word, or nil at the end.
    mutating func next() -> Substring? {
        rest = rest.drop(while: \.isWhitespace)
        guard !rest.isEmpty else { return nil }
        let word = rest.prefix(while: { !$0.isWhitespace })
        rest = rest[word.endIndex...]
        return word
    }

    /// The text between the next quote and its closing quote, or nil (nothing read) when the next word does not open
    /// a quote or the quote is never closed.
    mutating func quoted() -> String? {
        let start = rest.drop(while: \.isWhitespace)
        guard let open = start.first, let closing = Self.quotes[open] else { return nil }
        let inside = start.dropFirst()
        guard let end = inside.firstIndex(where: { closing.contains($0) }) else { return nil }
        rest = inside[inside.index(after: end)...]
        return String(inside[..<end])
    }

    /// Everything left, trimmed; nil when only whitespace is left.
    func remainder() -> String? {
        let text = Validation.trimmed(String(rest))
        return text.isEmpty ? nil : text
    }
}
