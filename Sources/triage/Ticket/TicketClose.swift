import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage ticket close ID [RESOLUTION] [--no-notify]` (`!ticket_close`).
struct TicketClose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a ticket with a resolution.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String
    @Argument(help: "What solved it (up to 2,000 characters).") var resolution: String?
    @Flag(name: .customLong("no-notify"), help: "Do not ask the user for feedback.") var noNotify = false

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let ticket = try await store.close(id, resolution: resolution, notifyUser: !noNotify, as: global.principal, now: Date())
            global.emit(TicketJSON(ticket, messages: nil, now: Date(), policy: policy, baseURL: store.baseURL)) {
                "Closed \(ticket.id): SLA \(ticket.sla.outcome?.rawValue ?? "")."
            }
        }
    }
}
