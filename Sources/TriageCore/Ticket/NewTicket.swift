import Foundation

/// What a new ticket says; validated by the store's `create` (`NewTicket.checked`).
public struct NewTicket: Sendable {
    public var requester: UserID
    public var subject: String
    public var category: Category
    public var priority: Priority
    public var description: String
    /// The requester's Discord display name, if the front end knows it (`user_name`): it replaces the stored one
    /// unless that one arrived later.
    public var requesterName: String?

    public init(
        requester: UserID, subject: String, category: Category, priority: Priority, description: String,
        requesterName: String? = nil
    ) {
        self.requester = requester
        self.subject = subject
        self.category = category
        self.priority = priority
        self.description = description
        self.requesterName = requesterName
    }
}

extension NewTicket {
    /// What opening checks before anything is written, on every store: the subject and description (trimmed), the
    /// requester's name, and who may open it for whom.
    public func checked(as principal: Principal) throws(TicketError) -> NewTicket {
        var new = self
        new.subject = try Validation.text(subject, field: "subject", length: Validation.subjectLength)
        new.description = try Validation.text(description, field: "description", length: Validation.descriptionLength)
        new.requesterName = try requesterName.map { name throws(TicketError) in try Validation.userName(name) }
        try TicketTransitions.checkMayOpen(principal, for: requester)
        return new
    }
}

/// The inputs of the writes on an existing ticket, checked the same way by every store before it writes.
public enum TicketInput {
    /// A reply or note's text (trimmed).
    public static func message(_ body: String) throws(TicketError) -> String {
        try Validation.text(body, field: "message", length: Validation.messageLength)
    }

    /// A close's resolution (trimmed; blank is none).
    public static func resolution(_ text: String?) throws(TicketError) -> String? {
        try text.map { text throws(TicketError) in try Validation.text(text, field: "resolution", length: Validation.resolutionLength) }
            .flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The agent a ticket is assigned to (nil unassigns).
    public static func assignee(_ name: String?) throws(TicketError) -> String? {
        try name.map { name throws(TicketError) in try Validation.agentName(name) }
    }

    /// Tags, normalised.
    public static func tags(_ tags: [String]) throws(TicketError) -> [String] {
        var checked: [String] = []
        for tag in tags { checked.append(try Validation.tag(tag)) }
        return checked
    }

    /// A rating's comment (trimmed; blank is none).
    public static func comment(_ text: String?) throws(TicketError) -> String? {
        try text.map { text throws(TicketError) in try Validation.text(text, field: "comment", length: Validation.commentLength) }
            .flatMap { $0.isEmpty ? nil : $0 }
    }
}
