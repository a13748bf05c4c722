import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage ticket create SUBJECT CATEGORY PRIORITY DESCRIPTION --user ID [--user-name NAME]` (`!ticket_create`).
struct TicketCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Open a ticket for a user.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "1 to 200 characters.") var subject: String
    @Argument(help: "One of: \(TriageCore.Category.allowedList).") var category: TriageCore.Category
    @Argument(help: "One of: \(Priority.allowedList).") var priority: Priority
    @Argument(help: "1 to 10,000 characters.") var description: String
    @Option(help: "The requester's Discord id (default: the --as-user id).") var user: String?
    @Option(help: "The requester's Discord display name (1 to 100 characters); replaces the one the store knows.")
    var userName: String?

    func validate() throws {
        if let user, UserID(user) == nil {
            throw ValidationError("--user '\(user)' is not a Discord id (digits, up to 18446744073709551615)")
        }
        if user == nil && global.asUser == nil { throw ValidationError("say whose ticket it is: --user ID") }
        if let userName {
            do { _ = try Validation.userName(userName, field: "--user-name") } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let requester = user.flatMap(UserID.init) ?? global.principal.scopedUser!
            let ticket = try await store.create(
                NewTicket(
                    requester: requester, subject: subject, category: category, priority: priority, description: description,
                    requesterName: userName),
                as: global.principal, now: Date())
            global.emit(CreatedTicketJSON(ticket, baseURL: store.baseURL)) {
                "Created \(ticket.id): \(DurationText.hours(ticket.sla.budget.hours, .en)) SLA (\(ticket.sla.ruleDescription())), due \(Timestamp.string(ticket.sla.dueAt))\n\(TicketURL.make(base: store.baseURL, id: ticket.id))"
            }
        }
    }
}
