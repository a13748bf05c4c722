import Foundation

/// Who is acting: every read and write of tickets goes through the store with one of these (SPEC §1, §7).
public enum Principal: Sendable, Equatable, CustomStringConvertible {
    /// A community member, bound to their Discord id: sees and acts on their own tickets only.
    case user(UserID)
    /// The Discord bot acting on behalf of the user it names: a user's scope, never internal notes.
    case service(onBehalfOf: UserID)
    /// A support agent: every ticket and internal note.
    case agent(String)
    /// An administrator: everything an agent may do, plus tokens, policy and stats.
    case admin(String)

    public var role: Role {
        switch self {
        case .user: .user
        case .service: .service
        case .agent: .agent
        case .admin: .admin
        }
    }

    /// The user whose tickets this principal is confined to; `nil` for staff, who see every ticket.
    public var scopedUser: UserID? {
        switch self {
        case .user(let id), .service(let id): id
        case .agent, .admin: nil
        }
    }

    public var isStaff: Bool { scopedUser == nil }

    /// The name recorded as actor in the event log and as author of messages.
    public var actorName: String {
        switch self {
        case .user(let id): id.description
        case .service(let id): id.description
        case .agent(let name), .admin(let name): name
        }
    }

    public var description: String {
        switch self {
        case .user(let id): "user \(id)"
        case .service(let id): "service for user \(id)"
        case .agent(let name): "agent \(name)"
        case .admin(let name): "admin \(name)"
        }
    }
}

/// The roles a token or a CLI session can carry.
public enum Role: String, Vocabulary {
    case user, service, agent, admin
    public static let fieldName = "role"
}
