import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage ticket list [STATUS] …` (`!ticket_list`): the queue in SLA-urgency order.
struct TicketList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The queue in SLA-urgency order (open by due time, then waiting).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "open, waiting or closed (default: open and waiting).") var status: TicketStatus?
    @Option(help: "Only this priority: \(Priority.allowedList).") var priority: Priority?
    @Option(help: "Only this category: \(TriageCore.Category.allowedList).") var category: TriageCore.Category?
    @Option(help: "An agent's name, 'me', or 'none' for unassigned (any case).") var assignee: String?
    @Option(help: "How many tickets (1 to 500).") var limit = 50
    @Option(help: "Continue from the cursor a previous --json listing gave.") var cursor: String?

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be from 1 to 500") }
        if let assignee {
            do { _ = try QueueFilter.Assignee.parse(assignee, me: "me") } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let principal = global.principal
            let who =
                try assignee.map { text throws(TicketError) in
                    try QueueFilter.Assignee.parse(text, me: principal.actorName)
                } ?? .anyone
            let filter = QueueFilter(status: status, priority: priority, category: category, assignee: who, limit: limit)
            let after = try cursor.map { token throws(TicketError) in try QueueCursor(token: token) }
            let page = try await store.queue(filter, as: principal, after: after)
            let now = Date()
            global.emit(
                TicketPageJSON(
                    tickets: page.tickets.map { TicketJSON($0, messages: nil, now: now, policy: policy, baseURL: store.baseURL) },
                    nextCursor: page.nextCursor?.token)
            ) {
                Render.queue(page.tickets, now: now, policy: policy)
                    + (page.nextCursor.map { "\n… more: --cursor \($0.token)" } ?? "")
            }
        }
    }
}
