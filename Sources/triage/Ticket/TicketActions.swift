import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage ticket assign ID [NAME|me|none]`.
struct TicketAssign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign a ticket (default: to yourself).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String
    @Argument(help: "An agent's name, 'me' (default) or 'none'.") var assignee = "me"
    @Flag(help: "Assign to a name no agent has worked under yet (a new agent); without it such a name is refused.")
    var newAgent = false

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            var name: String? = assignee == "none" ? nil : assignee == "me" ? global.principal.actorName : assignee
            // As the console asks before assigning to a name nobody has worked under (a typo, most often).
            if let typed = name, typed != global.principal.actorName, global.principal.isStaff, let console = store as? any ConsoleStoring {
                let roster = try await console.agentRoster(as: global.principal)
                if let known = AgentRoster.known(typed, in: roster) {
                    name = known
                } else if !newAgent {
                    throw TicketError.invalidField(
                        field: "assignee",
                        message: "no agent called \(typed) has worked here\(AgentRoster.sample(roster)); --new-agent assigns to a new one")
                }
            }
            let ticket = try await store.assign(id, to: name, as: global.principal, now: Date())
            global.emit(TicketJSON(ticket, messages: nil, now: Date(), policy: policy, baseURL: store.baseURL)) {
                ticket.assignee.map { "\(ticket.id) is assigned to \($0)." } ?? "\(ticket.id) is unassigned."
            }
        }
    }
}

/// `triage ticket set ID priority|category|status VALUE`.
struct TicketSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change a ticket's priority, category or status (open/waiting).",
        discussion: "A priority or category change recomputes the SLA budget and due time; waiting pauses the clock.")

    enum Field: String, ExpressibleByArgument, CaseIterable {
        case priority, category, status
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String
    @Argument(help: "priority, category or status.") var field: Field
    @Argument(help: "The new value.") var value: String

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let now = Date()
            let principal = global.principal
            let ticket =
                switch field {
                case .priority: try await store.setPriority(id, Priority.parse(value), as: principal, now: now)
                case .category: try await store.setCategory(id, TriageCore.Category.parse(value), as: principal, now: now)
                case .status: try await store.setStatus(id, TicketStatus.parse(value), as: principal, now: now)
                }
            global.emit(TicketJSON(ticket, messages: nil, now: now, policy: policy, baseURL: store.baseURL)) {
                "\(ticket.id): \(field.rawValue) is \(value.lowercased()); SLA \(DurationText.hours(ticket.sla.budget.hours, .en)) (\(ticket.sla.ruleDescription())), \(ticket.sla.countdown(now: now).map { "\(DurationText.countdown($0)) left" } ?? Render.slaDetail(ticket.sla, now: now))."
            }
        }
    }
}

/// `triage ticket tag ID TAG… [--remove TAG…]`.
struct TicketTag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Add or remove tags.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String
    @Argument(help: "Tags to add.") var tags: [String] = []
    @Option(name: .customLong("remove"), help: "A tag to remove (repeatable).") var removed: [String] = []

    func validate() throws {
        if tags.isEmpty && removed.isEmpty { throw ValidationError("name a tag to add, or --remove TAG") }
    }

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let ticket = try await store.tag(id, add: tags, remove: removed, as: global.principal, now: Date())
            global.emit(TicketJSON(ticket, messages: nil, now: Date(), policy: policy, baseURL: store.baseURL)) {
                "\(ticket.id) tags: \(ticket.tags.isEmpty ? "none" : ticket.tags.joined(separator: ", "))"
            }
        }
    }
}

/// `triage ticket reopen ID`.
struct TicketReopen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed ticket (a new SLA cycle).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let now = Date()
            let ticket = try await store.reopen(id, as: global.principal, now: now)
            global.emit(TicketJSON(ticket, messages: nil, now: now, policy: policy, baseURL: store.baseURL)) {
                "Reopened \(ticket.id): due \(Timestamp.string(ticket.sla.dueAt))."
            }
        }
    }
}

/// `triage ticket rate ID RATING [COMMENT] --as-user ID`.
struct TicketRate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rate", abstract: "Rate a closed ticket, as its requester (--as-user).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String
    @Argument(help: "1 to 5 stars.") var rating: Int
    @Argument(help: "An optional comment.") var comment: String?

    func validate() throws {
        guard Validation.ratingRange.contains(rating) else {
            throw ValidationError("rating must be a whole number from 1 to 5 (got \(rating))")
        }
    }

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let ticket = try await store.rate(id, rating: rating, comment: comment, as: global.principal, now: Date())
            global.emit(TicketJSON(ticket, messages: nil, now: Date(), policy: policy, baseURL: store.baseURL)) {
                "Thanks: \(ticket.id) rated \(rating)/5."
            }
        }
    }
}

/// `triage ticket ack ID`: acknowledge an escalation.
struct TicketAck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge an escalated ticket (stops the repeat pages).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket id.") var id: String

    func run() async throws {
        try await global.runTickets { store in
            let policy = try await store.policy(as: global.principal)
            let now = Date()
            let ticket = try await store.acknowledge(id, as: global.principal, now: now)
            global.emit(TicketJSON(ticket, messages: nil, now: now, policy: policy, baseURL: store.baseURL)) {
                guard let at = ticket.acknowledgedAt, at < now else { return "Acknowledged \(ticket.id)." }
                return "\(ticket.id) was already acknowledged (\(Timestamp.string(at))): no more pages this cycle."
            }
        }
    }
}
