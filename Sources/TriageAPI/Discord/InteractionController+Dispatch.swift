import Foundation
import TriageCore
import TriageDiscord
import TriageStore

extension InteractionController {
    // MARK: What each interaction does

    /// The answer to a claimed interaction: `/ticket` subcommands, the panel's button and form, the ⭐ and
    /// Acknowledge buttons. Whatever Triage does not know is an ephemeral "❌ …".
    func dispatch(_ interaction: Interaction, kind: Interaction.Kind, caller: InteractionCaller) async -> Step {
        let language = caller.language
        switch kind {
        case .command:
            guard interaction.commandName == SlashCommands.name, let sub = interaction.subcommand else {
                return .done(message(InteractionText.unknownAction(language)))
            }
            switch InteractionCommand.parse(sub.name, options: sub.options, language: language) {
            case .failure(let refusal): return .done(message(refusal.text))
            case .success(let command): return .done(message(await run(command, caller: caller)))
            }
        case .modalSubmit:
            guard interaction.customID.flatMap(CustomID.init) == .createForm else {
                return .done(message(InteractionText.unknownAction(language)))
            }
            let values = interaction.modalValues
            switch InteractionCommand.parse(SlashCommands.Subcommand.create.rawValue, options: values, language: language) {
            case .failure(let refusal): return .done(message(refusal.text))
            case .success(let command): return .done(message(await run(command, caller: caller)))
            }
        case .component:
            return await component(interaction, caller: caller)
        case .ping, .autocomplete:
            return .done(message(InteractionText.unknownAction(language)))
        }
    }

    /// A button: the panel's "Create a ticket" (opens the form), a ⭐ rating, Acknowledge, or "view".
    private func component(_ interaction: Interaction, caller: InteractionCaller) async -> Step {
        let language = caller.language
        switch interaction.customID.flatMap(CustomID.init) {
        case .create?:
            return .done(CreateTicketForm.modal(language).jsonData())
        case .view(let id)?:
            return .done(message(await run(.view(id), caller: caller)))
        case .rate(let id, _, let stars)?:
            return await rate(id, stars: stars, interaction: interaction, caller: caller)
        case .ack(let id, _)?:
            guard caller.isStaff else { return .done(message(InteractionText.staffOnly(language))) }
            let reply = await runCommand(.ack(id), caller.principal, caller.displayName, language)
            if reply.failed { return .done(message(reply.text)) }
            return .done(InteractionResponse.update(reply.text, components: disabled(interaction, matching: id)).jsonData())
        case .createForm?, nil:
            return .done(message(InteractionText.unknownAction(language)))
        }
    }

    /// A ⭐ button: the requester rates the closed ticket, exactly like `POST /api/tickets/{id}/feedback` (a second
    /// click replaces the rating); the message then says thanks and its buttons are disabled. Anyone else is refused.
    private func rate(_ id: TicketID, stars: Int, interaction: Interaction, caller: InteractionCaller) async -> Step {
        let (language, principal, now) = (caller.language, caller.requester, now())
        do {
            _ = try await store.rate(id.rawValue, rating: stars, comment: nil, as: principal, now: now)
        } catch let error as TicketError {
            switch error {
            case .notFound, .forbidden: return .done(message(InteractionText.onlyRequesterRates(language)))
            case .storage: return .busy
            default: return .done(message("❌ \(DiscordText.escape(error.description))"))
            }
        } catch {
            return .busy
        }
        return .done(
            InteractionResponse.update(InteractionText.thanks(stars, language), components: disabled(interaction, matching: id)).jsonData())
    }

    /// Runs a command: creates as the caller themselves (staff included), everything else with the caller's scope.
    private func run(_ command: TextCommand, caller: InteractionCaller) async -> String {
        let principal = if case .create = command { caller.requester } else { caller.principal }
        return await runCommand(command, principal, caller.displayName, caller.language).text
    }

    /// An ephemeral message answer, encoded.
    private func message(_ text: String) -> Data { InteractionResponse.message(text).jsonData() }

    /// The components of the message the button was on, with every Triage button about ticket `id` disabled (the
    /// rest, and whatever Discord added, kept as they were); `nil` when the interaction carries no message.
    func disabled(_ interaction: Interaction, matching id: TicketID) -> [JSONValue]? {
        interaction.message?.components?.map { row in
            row.mapObjects { object in
                guard object["type"]?.int == 2, let custom = object["custom_id"]?.string, Self.ticket(of: custom) == id else {
                    return object
                }
                var object = object
                object["disabled"] = true
                return object
            }
        }
    }

    private static func ticket(of customID: String) -> TicketID? {
        switch CustomID(customID) {
        case .rate(let id, _, _)?, .ack(let id, _)?, .view(let id)?: id
        default: nil
        }
    }

    // MARK: Autocomplete

    /// Up to 25 tickets for an `id` option: the caller's own (staff: the queue's first), those whose id or subject
    /// contains what was typed, as `TKTA1B2C3 — subject…`. A read, answered at once and never stored.
    func autocomplete(_ interaction: Interaction, caller: InteractionCaller) async -> InteractionResponse {
        let typed = interaction.subcommand.flatMap { sub in sub.focused.flatMap { sub.options[$0] } } ?? ""
        let needle = typed.trimmingCharacters(in: .whitespaces).lowercased()
        func matches(_ ticket: Ticket) -> Bool {
            needle.isEmpty || ticket.id.rawValue.lowercased().contains(needle) || ticket.subject.lowercased().contains(needle)
        }
        var found: [Ticket] = []
        let pages: [QueueFilter] =
            caller.isStaff
            ? [QueueFilter(limit: 200)] : [QueueFilter(limit: 200), QueueFilter(status: .closed, limit: 100)]
        for filter in pages where found.count < InteractionResponse.maxChoices {
            guard let page = try? await store.queue(filter, as: caller.principal, after: nil) else { break }
            found += page.tickets.filter(matches)
        }
        return .choices(found.prefix(InteractionResponse.maxChoices).map { ($0.id.rawValue + " — " + $0.subject, $0.id.rawValue) })
    }
}
