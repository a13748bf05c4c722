import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage ticket view ID` (`!ticket_view`): a ticket, its SLA and its thread.
struct TicketView: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "view", abstract: "Show a ticket and its thread.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id (TKT + 6 characters, any case).") var id: String

    func run() throws {
        try global.run { store in
            let detail = try store.detail(id, as: global.principal)
            let now = Date()
            global.emit(TicketJSON(detail.ticket, messages: detail.messages, now: now, policy: store.policy, baseURL: store.baseURL)) {
                Render.detail(detail, now: now, policy: store.policy, baseURL: store.baseURL)
            }
        }
    }
}
