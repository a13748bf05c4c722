import Foundation

extension CommandText {
    /// The answer when the store refused `command`: friendly, in the user's language, never a stack trace. A missing
    /// ticket and another user's ticket read the same (the id comes from the command, not from the store).
    public static func failure(_ error: TicketError, command: TextCommand, language: Language, surface: CommandSurface = .text) -> String {
        let fr = language == .fr
        let id = command.ticketID?.rawValue ?? ""
        switch error {
        case .notFound:
            return fr
                ? "❌ Ticket \(id) introuvable. Vérifiez le numéro avec \(surface.spelled("list"))."
                : "❌ No ticket \(id). Check the number with \(surface.spelled("list"))."
        case .forbidden, .unauthenticated:
            return staffOnly(command, language, surface: surface)
        case .conflict:
            switch command {
            case .close: return fr ? "ℹ️ Le ticket \(id) est déjà fermé." : "ℹ️ Ticket \(id) is already closed."
            case .ack:
                return fr
                    ? "ℹ️ Le ticket \(id) n'est pas en escalade : rien à acquitter."
                    : "ℹ️ Ticket \(id) is not escalated: nothing to acknowledge."
            default: return fr ? "ℹ️ L'état du ticket \(id) ne le permet pas." : "ℹ️ Ticket \(id)'s state does not allow this."
            }
        case .invalidField(let field, _):
            let name = CommandGrammar.argumentName(field, language)
            // The length a text must have, when that is what is checked (a 100,000-character description).
            let lengths = [
                "subject": Validation.subjectLength, "description": Validation.descriptionLength, "message": Validation.messageLength,
            ]
            let limit =
                lengths[field].map { range in
                    let most = range.upperBound.formatted(.number.locale(Locale(identifier: fr ? "fr_FR" : "en_US")))
                    return fr ? " (\(range.lowerBound) à \(most) caractères)" : " (\(range.lowerBound) to \(most) characters)"
                } ?? ""
            return fr
                ? "❌ Valeur refusée pour \(name)\(limit). Usage : \(CommandGrammar.usage(command.name, language, surface: surface))"
                : "❌ Invalid value for \(name)\(limit). Usage: \(CommandGrammar.usage(command.name, language, surface: surface))"
        case .storage:
            return fr
                ? "⏳ Le support est très sollicité en ce moment : réessayez dans un instant."
                : "⏳ The help desk is busy right now: please try again in a moment."
        }
    }

    /// The answer to a staff command (`stats`, `ack`) sent by a community member.
    public static func staffOnly(_ command: TextCommand, _ language: Language, surface: CommandSurface = .text) -> String {
        language == .fr
            ? "⛔ \(surface.spelled(command.name)) est réservé à l'équipe support."
            : "⛔ \(surface.spelled(command.name)) is for the support team only."
    }

    /// The answer to `create` sent by staff: a ticket is opened for a community member, by them or a bot acting for them.
    public static func staffCannotCreate(_ language: Language, surface: CommandSurface = .text) -> String {
        let create = surface.spelled("create")
        return language == .fr
            ? "❌ Un ticket s'ouvre au nom d'un membre : utilisez \(create) depuis son compte (ou l'API avec son user_id)."
            : "❌ A ticket is opened for a member: use \(create) from their account (or the API with their user_id)."
    }
}

extension TextCommand {
    /// The ticket the command is about, if any.
    public var ticketID: TicketID? {
        switch self {
        case .view(let id), .reply(let id, _), .close(let id, _), .ack(let id): id
        case .create, .list, .stats: nil
        }
    }
}
