import Foundation
import TriageCore

/// Triage's application commands (SPEC §8, design §5.6): the `/ticket` slash command, whose subcommands mirror the
/// `!ticket_*` text commands. `triage discord commands` prints these definitions and `triage discord register`
/// installs them; the interactions endpoint reads the options by the names below.
///
/// Names are English and lowercase (Discord's interaction data always carries them as registered); descriptions
/// are English with French localizations, and choice names are readable in both languages. The choices are the
/// Core vocabularies' cases, and the length caps are Core's `Validation` limits within Discord's 6000 for a STRING.
public enum SlashCommands {
    /// The command's name: `/ticket`.
    public static let name = "ticket"

    /// `/ticket`'s subcommands, in the order Discord shows them; the names are `TextCommand.name`'s.
    public enum Subcommand: String, Sendable, CaseIterable {
        case create, list, view, reply, close, stats, ack
    }

    /// The names of the subcommands' options.
    public enum Option: String, Sendable, CaseIterable {
        case subject, category, priority, description, status, id, message, resolution
    }

    /// Discord's cap on a STRING option's `max_length` (design fact 14).
    public static let stringLimit = 6000

    /// Every command Triage defines, as `PUT …/commands` takes them.
    public static var all: [ApplicationCommand] {
        [
            ApplicationCommand(
                name: name, description: "Open and follow your support tickets",
                descriptionLocalizations: fr("Ouvrir et suivre vos tickets de support"),
                options: Subcommand.allCases.map(definition))
        ]
    }

    /// The JSON body of the bulk overwrite: stable (sorted keys) and readable.
    public static func jsonData(_ commands: [ApplicationCommand] = all) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(commands)
    }

    // MARK: Definitions

    static func definition(_ subcommand: Subcommand) -> ApplicationCommandOption {
        let (description, french, options): (String, String, [ApplicationCommandOption]) =
            switch subcommand {
            case .create:
                (
                    "Open a ticket: you get its number, its SLA and a tracking link", "Ouvrir un ticket : numéro, SLA et lien de suivi",
                    [
                        text(.subject, "A short summary", "Un résumé court", required: true, limit: Validation.subjectLength),
                        choices(.category, "What it is about", "Le sujet du ticket", required: true, Category.self),
                        choices(.priority, "How urgent it is", "Son urgence", required: true, Priority.self),
                        text(
                            .description, "What happened, what you expected", "Ce qui s'est passé, ce que vous attendiez", required: true,
                            limit: Validation.descriptionLength),
                    ]
                )
            case .list:
                (
                    "List your tickets (staff: every ticket)", "Lister vos tickets (équipe : tous les tickets)",
                    [
                        choices(
                            .status, "Only the tickets with this status", "Seulement les tickets dans cet état", required: false,
                            TicketStatus.self)
                    ]
                )
            case .view:
                ("Show a ticket and its conversation", "Afficher un ticket et sa conversation", [ticketID()])
            case .reply:
                (
                    "Answer on a ticket", "Répondre sur un ticket",
                    [ticketID(), text(.message, "Your message", "Votre message", required: true, limit: Validation.messageLength)]
                )
            case .close:
                (
                    "Close a ticket", "Fermer un ticket",
                    [
                        ticketID(),
                        text(
                            .resolution, "How it was solved", "Comment le problème a été résolu", required: false,
                            limit: Validation.resolutionLength),
                    ]
                )
            case .stats:
                ("This week's figures and KPIs (staff)", "Les chiffres et les KPI de la semaine (équipe)", [])
            case .ack:
                ("Acknowledge an escalated ticket (staff)", "Prendre en charge un ticket escaladé (équipe)", [ticketID()])
            }
        return ApplicationCommandOption(
            type: ApplicationCommandOption.subcommand, name: subcommand.rawValue, description: description,
            descriptionLocalizations: fr(french), options: options.isEmpty ? nil : options)
    }

    /// `id`: required, autocompleted by the endpoint from the caller's tickets (staff: all).
    static func ticketID() -> ApplicationCommandOption {
        ApplicationCommandOption(
            type: ApplicationCommandOption.string, name: Option.id.rawValue, description: "The ticket number (TKT…)",
            descriptionLocalizations: fr("Le numéro du ticket (TKT…)"), required: true, autocomplete: true)
    }

    static func text(_ option: Option, _ description: String, _ french: String, required: Bool, limit: ClosedRange<Int>)
        -> ApplicationCommandOption
    {
        ApplicationCommandOption(
            type: ApplicationCommandOption.string, name: option.rawValue, description: description, descriptionLocalizations: fr(french),
            required: required, maxLength: min(stringLimit, limit.upperBound))
    }

    static func choices<V: Vocabulary & ChoiceLabels>(_ option: Option, _ description: String, _ french: String, required: Bool, _: V.Type)
        -> ApplicationCommandOption
    {
        ApplicationCommandOption(
            type: ApplicationCommandOption.string, name: option.rawValue, description: description, descriptionLocalizations: fr(french),
            required: required,
            choices: V.allCases.map { .init(name: $0.label(.en), nameLocalizations: fr($0.label(.fr)), value: $0.rawValue) })
    }

    static func fr(_ text: String) -> [String: String] { ["fr": text] }
}

/// A vocabulary's readable name in a language, as a slash command's choice shows it.
public protocol ChoiceLabels {
    func label(_ language: Language) -> String
}

extension TriageCore.Category: ChoiceLabels {}

extension Priority: ChoiceLabels {}

extension TicketStatus: ChoiceLabels {}

extension SlashCommands {
    /// A readable summary of `commands`: one line per subcommand with its options (`*` required, `≤N` the length
    /// cap, `[a|b]` the choices, `(autocomplete)`).
    public static func summary(_ commands: [ApplicationCommand] = all) -> String {
        var lines: [String] = []
        for command in commands {
            lines.append("/\(command.name) — \(command.description)")
            let subcommands = (command.options ?? []).filter { $0.type == ApplicationCommandOption.subcommand }
            let width = subcommands.map(\.name.count).max() ?? 0
            for sub in subcommands {
                let padded = sub.name.padding(toLength: width, withPad: " ", startingAt: 0)
                lines.append("  \(padded)  \(sub.description)")
                let options = (sub.options ?? []).map(describe).joined(separator: " · ")
                if !options.isEmpty { lines.append(String(repeating: " ", count: width + 4) + options) }
            }
        }
        lines.append("(* required; descriptions and choices also in French)")
        return lines.joined(separator: "\n")
    }

    static func describe(_ option: ApplicationCommandOption) -> String {
        var text = option.name + (option.required == true ? "*" : "")
        if let choices = option.choices { text += " [" + choices.map(\.value).joined(separator: "|") + "]" }
        if let max = option.maxLength { text += " ≤\(max)" }
        if option.autocomplete == true { text += " (autocomplete)" }
        return text
    }
}
