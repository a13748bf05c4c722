import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage ticket view ID` (`!ticket_view`): a ticket, its SLA and its thread.
struct TicketView: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "view", abstract: "Show a ticket and its thread.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id (TKT + 6 characters, any case).") var id: String

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let detail = try await store.detail(id, as: global.principal)
            let now = Date()
            global.emit(TicketJSON(detail.ticket, messages: detail.messages, now: now, policy: policy, baseURL: store.baseURL)) {
                Render.detail(detail, now: now, policy: policy, baseURL: store.baseURL)
            }
        }
    }
}
