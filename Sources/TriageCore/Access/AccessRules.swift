import Foundation

/// Everything a principal can try to do to tickets (SPEC §1, §7).
public enum TicketAction: String, Sendable, CaseIterable {
    case create, list, view, reply, addInternalNote, close, reopen, rate
    case assign, setPriority, setCategory, setStatus, tag, acknowledge
    case viewStats, manageTokens
}

/// The access rules of SPEC §1 and §7, as one pure function that every front end and the store consult.
public enum AccessRules {
    /// Whether `principal` may perform `action`; `ownerOf` is the requester of the ticket concerned (nil for actions
    /// that concern no ticket, like `list` or `viewStats`).
    public static func allows(_ principal: Principal, _ action: TicketAction, ownerOf owner: UserID? = nil) -> Bool {
        if principal.isStaff {
            switch action {
            case .rate: return false  // only the requester rates their own ticket
            case .manageTokens: return principal.role == .admin
            default: return true
            }
        }
        let own = owner != nil && owner == principal.scopedUser
        switch action {
        case .create, .list: return true  // creation is checked against the requester id separately; lists are scoped
        case .view, .reply, .close, .rate: return own
        case .reopen: return own  // a user's reply to a closed ticket reopens it
        case .addInternalNote, .assign, .setPriority, .setCategory, .setStatus, .tag, .acknowledge, .viewStats,
            .manageTokens:
            return false
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
