import Foundation

/// Where a command was typed, which is how its answers name the commands: `!ticket_list` (a text command relayed by a
/// bot, the CLI) or `/ticket list` (Discord's slash command).
public enum CommandSurface: Sendable {
    case text, slash

    /// `!ticket_list` / `/ticket list`.
    public func spelled(_ name: String) -> String {
        switch self {
        case .text: CommandGrammar.prefix + name
        case .slash: "/ticket \(name)"
        }
    }
}

/// The words of the `!ticket_*` grammar in both languages: the usage lines, the names of the arguments, and the
/// French synonyms accepted for the vocabularies (`facturation` → `billing`, `haute` → `high`, `ouvert` → `open`).
/// The canonical words stay the English ones; they are what error messages list.
public enum CommandGrammar {
    /// The prefix every text command starts with.
    public static let prefix = "!ticket_"

    /// The usage line of `command` (a `TextCommand.name`), in `language`, as `surface` spells the command.
    public static func usage(_ command: String, _ language: Language, surface: CommandSurface = .text) -> String {
        let fr = language == .fr
        let id = fr ? "<numéro>" : "<id>"
        let head = surface.spelled(command)
        switch command {
        case "create": return head + (fr ? " \"Sujet\" catégorie priorité description" : " \"Subject\" category priority description")
        case "list": return head + (fr ? " [statut]" : " [status]")
        case "view": return "\(head) \(id)"
        case "reply": return "\(head) \(id) <message>"
        case "close": return head + (fr ? " \(id) [résolution]" : " \(id) [resolution]")
        case "stats": return head + (fr ? " (équipe)" : " (staff)")
        default: return head + (fr ? " \(id) (équipe)" : " \(id) (staff)")
        }
    }

    /// An argument as a sentence names it: `la catégorie` / `the category`.
    public static func argumentName(_ argument: String, _ language: Language) -> String {
        let french = [
            "subject": "le sujet", "category": "la catégorie", "priority": "la priorité", "description": "la description",
            "id": "le numéro de ticket", "message": "le message", "resolution": "la résolution", "status": "le statut",
        ]
        if language == .fr { return french[argument] ?? argument }
        return argument == "id" ? "the ticket number" : "the \(argument)"
    }

    /// A word the user typed, as an error message repeats it: on one line and at most 40 characters.
    static func shown(_ word: String) -> String {
        let line = word.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }

    // MARK: Vocabularies

    /// French (and a few English) words accepted for each vocabulary, by field name, keyed by their folded form.
    static let synonyms: [String: [String: String]] = [
        "category": [
            "generale": "general", "facturation": "billing", "paiement": "billing", "payment": "billing", "technique": "technical",
            "tech": "technical", "bug": "bug_report", "bugs": "bug_report", "bogue": "bug_report", "compte": "account",
            "idee": "suggestion",
        ],
        "priority": [
            "critique": "critical", "urgent": "critical", "urgente": "critical", "haute": "high", "haut": "high", "elevee": "high",
            "moyenne": "medium", "moyen": "medium", "normale": "medium", "normal": "medium", "basse": "low", "bas": "low",
            "faible": "low",
        ],
        "status": [
            "ouvert": "open", "ouverts": "open", "ouverte": "open", "ouvertes": "open", "attente": "waiting",
            "en_attente": "waiting", "ferme": "closed", "fermes": "closed", "fermee": "closed", "fermees": "closed",
            "clos": "closed",
        ],
    ]

    /// Words that ask `!ticket_list` for every queued ticket (no status filter).
    static let everything: Set<String> = ["all", "tous", "toutes", "tout"]

    /// `word` as a value of `V`: the canonical word in any case, or a synonym (accents and case ignored).
    public static func value<V: Vocabulary>(_ word: Substring, _ type: V.Type, language: Language) throws(CommandError) -> V {
        if let value = try? V.parse(String(word)) { return value }
        let key = fold(word)
        if let value = V(rawValue: key) ?? synonyms[V.fieldName]?[key].flatMap(V.init(rawValue:)) { return value }
        throw CommandError(.unknownValue(field: V.fieldName, value: String(word), allowed: V.allowedList), language: language)
    }

    /// Lower case, no accents, `-` as `_`: `Élevée` → `elevee`.
    static func fold(_ word: Substring) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).replacingOccurrences(of: "-", with: "_")
    }

    /// `text` trimmed if its length is within `limits` (the rule of `Validation.text`, which the store applies too).
    static func checked(_ text: String, field: String, limits: ClosedRange<Int>, language: Language) throws(CommandError) -> String {
        do {
            return try Validation.text(text, field: field, length: limits)
        } catch {
            let count = Validation.trimmed(text).count
            throw CommandError(.length(field: field, limits: limits, count: count), language: language)
        }
    }
}
