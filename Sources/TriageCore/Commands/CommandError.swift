import Foundation

/// Why a `!ticket_…` text could not be parsed, with the ready-to-post answer in the user's language (`description`):
/// the bad word and the allowed values, or the command's usage line.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// Not `!ticket_<name>` with a known name; carries what was typed (the first word).
        case unknownCommand(String)
        /// `command` lacks `argument` (one of the words of `CommandGrammar.argumentNames`).
        case missingArgument(command: String, argument: String)
        /// The subject does not start with a quote, or its quote is never closed.
        case unquotedSubject
        /// A word of a vocabulary (`category`, `priority`, `status`) that is none of `allowed`.
        case unknownValue(field: String, value: String, allowed: String)
        /// Not a ticket id.
        case badTicketID(String)
        /// A text outside its length limits (`Validation`): `count` characters, trimmed.
        case length(field: String, limits: ClosedRange<Int>, count: Int)
    }

    public var reason: Reason
    public var language: Language

    public init(_ reason: Reason, language: Language) {
        self.reason = reason
        self.language = language
    }

    /// The answer as plain text (`text(escape:)` with no escaping).
    public var description: String { text(escape: { $0 }) }

    /// The answer to post, starting with ❌; the word the user typed goes through `escape` (Discord's escaper when
    /// it is posted there).
    public func text(escape: (String) -> String) -> String {
        let fr = language == .fr
        switch reason {
        case .unknownCommand(let word):
            let shown = escape(CommandGrammar.shown(word))
            let head =
                switch (word.isEmpty, fr) {
                case (true, true): "❌ Aucune commande. Commandes :"
                case (true, false): "❌ No command. Commands:"
                case (false, true): "❌ Commande inconnue « \(shown) ». Commandes :"
                case (false, false): "❌ Unknown command \"\(shown)\". Commands:"
                }
            return ([head] + TextCommand.names.map { "• " + CommandGrammar.usage($0, language) }).joined(separator: "\n")
        case .missingArgument(let command, let argument):
            let name = CommandGrammar.argumentName(argument, language)
            return (fr ? "❌ Il manque \(name)." : "❌ Missing \(name).") + "\n" + usageLine(command)
        case .unquotedSubject:
            return
                (fr
                ? "❌ Le sujet doit être entre guillemets : \"Mon sujet\" (ou « Mon sujet »)."
                : "❌ The subject must be in double quotes: \"My subject\".") + "\n" + usageLine("create")
        case .unknownValue(let field, let value, let allowed):
            let shown = escape(CommandGrammar.shown(value))
            let head =
                switch (field, fr) {
                case ("category", true): "Catégorie inconnue « \(shown) »"
                case ("priority", true): "Priorité inconnue « \(shown) »"
                case (_, true): "Statut inconnu « \(shown) »"
                case (_, false): "Unknown \(field) \"\(shown)\""
                }
            return "❌ \(head). " + (fr ? "Valeurs possibles : " : "Allowed values: ") + allowed
        case .badTicketID(let word):
            let shown = escape(CommandGrammar.shown(word))
            return fr
                ? "❌ Numéro de ticket invalide « \(shown) » : TKT suivi de 6 lettres ou chiffres (ex. TKTA1B2C3)."
                : "❌ Invalid ticket number \"\(shown)\": TKT followed by 6 letters or digits (e.g. TKTA1B2C3)."
        case .length(let field, let limits, let count):
            let name = CommandGrammar.argumentName(field, language)
            let span =
                limits.lowerBound == 0
                ? (fr ? "au plus \(limits.upperBound)" : "at most \(limits.upperBound)")
                : (fr ? "de \(limits.lowerBound) à \(limits.upperBound)" : "\(limits.lowerBound) to \(limits.upperBound)")
            return fr
                ? "❌ \(name.prefix(1).uppercased() + name.dropFirst()) doit faire \(span) caractères (reçu \(count))."
                : "❌ \(name.prefix(1).uppercased() + name.dropFirst()) must be \(span) characters (got \(count))."
        }
    }

    private func usageLine(_ command: String) -> String {
        (language == .fr ? "Usage : " : "Usage: ") + CommandGrammar.usage(command, language)
    }
}
