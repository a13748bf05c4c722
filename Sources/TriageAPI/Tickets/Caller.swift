import Foundation
import Hummingbird
import TriageCore
import TriageStore

/// Who a request acts as: the principal of its token, with the user a service token names (`user_id` in the query
/// for GETs, in the body for POSTs).
///
/// A user token acts for its own user only (naming another user is a 403); a service token must name the user it
/// acts for (422 without one); agent and admin tokens act as the agent or admin named by the token.
enum Caller {
    static func principal(_ token: APIToken, named userID: UserID?) throws(APIError) -> Principal {
        switch token.role {
        case .user:
            guard let own = token.userID else { throw .forbidden("this user token is bound to no user") }
            if let userID, userID != own { throw .forbidden("this token acts for user \(own) only") }
            return .user(own)
        case .service:
            guard let userID else {
                throw .invalid("user_id", "a service token must name the user it acts for: user_id (\(FieldHints.userID))")
            }
            return .service(onBehalfOf: userID)
        case .agent:
            return .agent(token.name)
        case .admin:
            return .admin(token.name)
        }
    }

    /// Whether the token is an agent's or an admin's.
    static func isStaff(_ token: APIToken) -> Bool { token.role == .agent || token.role == .admin }
}
