import Foundation

/// Everything a principal can try to do (SPEC §1, §7): to a ticket, and with the desk's tools.
public enum TicketAction: String, Sendable, CaseIterable {
    case create, list, view, reply, addInternalNote, close, reopen, rate
    case assign, setPriority, setCategory, setStatus, tag, escalate, acknowledge
    case viewStats, manageTokens
    /// The SLA policy and failed deliveries: an admin's.
    case setPolicy, retryDeliveries
    /// The console's own reads and writes: the queue snapshot and its changes, read markers, presence, the roster.
    case useConsole
    /// An agent's saved drafts (each agent sees only their own).
    case keepDrafts
    /// The outbox, escalations and the automation runner's health.
    case viewAutomation
}

/// The access rules of SPEC §1 and §7, as one pure function that every front end and the store consult.
public enum AccessRules {
    /// Whether `principal` may perform `action`; `ownerOf` is the requester of the ticket concerned (nil for actions
    /// that concern no ticket, like `list` or `viewStats`).
    public static func allows(_ principal: Principal, _ action: TicketAction, ownerOf owner: UserID? = nil) -> Bool {
        if principal.isStaff {
            switch action {
            case .rate: return false  // only the requester rates their own ticket
            case .manageTokens, .setPolicy, .retryDeliveries: return principal.role == .admin
            default: return true
            }
        }
        let own = owner != nil && owner == principal.scopedUser
        switch action {
        case .create, .list: return true  // creation is checked against the requester id separately; lists are scoped
        case .view, .reply, .close, .rate: return own
        case .reopen: return own  // a user's reply to a closed ticket reopens it
        case .addInternalNote, .assign, .setPriority, .setCategory, .setStatus, .tag, .escalate, .acknowledge, .viewStats,
            .manageTokens, .setPolicy, .retryDeliveries, .useConsole, .keepDrafts, .viewAutomation:
            return false
        }
    }

    /// The gate every front end and the store pass: nothing when `principal` may do `action`, else the refusal that
    /// names what was refused (`ticket`, when the action concerns one).
    public static func require(
        _ principal: Principal, _ action: TicketAction, ownerOf owner: UserID? = nil, ticket: TicketID? = nil
    ) throws(TicketError) {
        guard !allows(principal, action, ownerOf: owner) else { return }
        throw .forbidden(refusal(action, ticket: ticket))
    }

    /// Why `action` is refused, in one sentence.
    public static func refusal(_ action: TicketAction, ticket: TicketID? = nil) -> String {
        let named = ticket.map { " \($0)" } ?? ""
        switch action {
        case .create, .list, .view, .reply: return "you may not do that to\(named.isEmpty ? " this ticket" : named)"
        case .addInternalNote: return "internal notes are for agents only"
        case .close: return "you may not close\(named.isEmpty ? " this ticket" : named)"
        case .reopen: return "you may not reopen\(named.isEmpty ? " this ticket" : named)"
        case .rate: return "only the requester can rate\(named.isEmpty ? " a ticket" : named)"
        case .assign, .setPriority, .setCategory, .setStatus, .tag, .escalate, .acknowledge: return "only agents can do that"
        case .viewStats: return "stats and reminders are for agents and admins"
        case .manageTokens: return "only admins manage tokens"
        case .setPolicy: return "only admins can set the SLA policy"
        case .retryDeliveries: return "only admins can retry deliveries"
        case .useConsole: return "the console is for agents"
        case .keepDrafts: return "drafts are for agents"
        case .viewAutomation: return "the outbox, escalations and automation health are for agents and admins"
        }
    }

    /// Whether `principal` may open a ticket on behalf of `requester`: users and the service only for the user they
    /// are bound to, staff for anyone.
    public static func mayCreate(_ principal: Principal, for requester: UserID) -> Bool {
        principal.scopedUser.map { $0 == requester } ?? true
    }

    /// Whether `principal` may see a ticket owned by `owner` at all. A `false` must look exactly like a missing
    /// ticket to the caller.
    public static func maySee(_ principal: Principal, ownerOf owner: UserID) -> Bool {
        principal.scopedUser.map { $0 == owner } ?? true
    }

    /// Whether internal notes may appear in anything shown to `principal`.
    public static func mayReadInternalNotes(_ principal: Principal) -> Bool { principal.isStaff }
}
