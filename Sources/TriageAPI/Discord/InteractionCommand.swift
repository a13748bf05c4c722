import Foundation
import TriageCore
import TriageDiscord

/// A `/ticket` subcommand's options (or the create form's fields, which carry the same names) read as the one
/// command grammar's `TextCommand`, or the ephemeral "❌ …" that says what is wrong.
enum InteractionCommand {
    typealias Option = SlashCommands.Option

    /// The command `name` with `options` (by option name, as strings).
    static func parse(_ name: String, options: [String: String], language: Language) -> Result<TextCommand, Refusal> {
        func text(_ option: Option) -> String? {
            options[option.rawValue].flatMap { Validation.trimmed($0).isEmpty ? nil : $0 }
        }
        func required(_ option: Option) throws(Refusal) -> String {
            guard let value = text(option) else { throw Refusal(InteractionText.missing(option.rawValue, language)) }
            return value
        }
        func id() throws(Refusal) -> TicketID {
            let value = try required(.id)
            guard let id = TicketID(value.trimmingCharacters(in: .whitespaces)) else {
                throw Refusal(InteractionText.badTicketID(value, language))
            }
            return id
        }
        func vocabulary<V: Vocabulary>(_ option: Option, _: V.Type) throws(Refusal) -> V? {
            guard let value = text(option) else { return nil }
            do {
                return try CommandGrammar.value(Substring(value), V.self, language: language)
            } catch {
                throw Refusal(error.text(escape: DiscordText.escape))
            }
        }
        do throws(Refusal) {
            switch SlashCommands.Subcommand(rawValue: name) {
            case .create?:
                let subject = try required(.subject)
                return .success(
                    .create(
                        subject: subject, category: try vocabulary(.category, Category.self) ?? .general,
                        priority: try vocabulary(.priority, Priority.self) ?? .medium, description: text(.description) ?? subject))
            case .list?: return .success(.list(status: try vocabulary(.status, TicketStatus.self)))
            case .view?: return .success(.view(try id()))
            case .reply?: return .success(.reply(try id(), message: try required(.message)))
            case .close?: return .success(.close(try id(), resolution: text(.resolution)))
            case .stats?: return .success(.stats)
            case .ack?: return .success(.ack(try id()))
            case nil: return .failure(Refusal(InteractionText.unknownAction(language)))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Why the options make no command: the text to answer.
    struct Refusal: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
