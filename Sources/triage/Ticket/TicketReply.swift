import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage ticket reply ID MESSAGE [--internal]` (`!ticket_reply`).
struct TicketReply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Answer a ticket, or add an internal note.",
        discussion:
            "An agent's public reply sets the ticket to waiting (the SLA clock pauses) unless --keep-open; a user's reply sets it open again."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String
    @Argument(help: "The message (1 to 10,000 characters).") var message: String
    @Flag(help: "An internal note: agents only, never shown to the user.") var `internal` = false
    @Flag(help: "Keep the ticket open after a public reply (do not wait for the user).") var keepOpen = false

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let posted = try await store.reply(id, body: message, internal: `internal`, keepOpen: keepOpen, as: global.principal, now: Date())
            global.emit(TicketJSON.MessageJSON(posted)) {
                "\(posted.isInternal ? "Internal note added to" : "Replied to") \(posted.ticketID)."
            }
        }
    }
}
