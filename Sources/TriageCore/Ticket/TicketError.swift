/// Every way a ticket action can fail, with a message a person can act on.
///
/// The API maps these to HTTP statuses in one place; the CLI prints `description` and exits non-zero.
public enum TicketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field has a bad value; the message names the field and the allowed values (HTTP 422).
    case invalidField(field: String, message: String)
    /// No such ticket, or one the caller may not see: the two are indistinguishable on purpose (HTTP 404).
    case notFound(String)
    /// The caller is known but may not do this (HTTP 403).
    case forbidden(String)
    /// The ticket's state does not allow this (HTTP 409), e.g. closing a closed ticket.
    case conflict(String)
    /// No or an unknown credential (HTTP 401).
    case unauthenticated(String)
    /// Something that is not the caller's fault: a store that cannot be opened or is too new.
    case storage(String)

    public static func noTicket(_ text: String) -> TicketError {
        .notFound("no ticket \(TicketID(text)?.rawValue ?? text)")
    }

    public var description: String {
        switch self {
        case .invalidField(_, let message), .notFound(let message), .forbidden(let message),
            .conflict(let message), .unauthenticated(let message), .storage(let message):
            message
        }
    }

    /// A stable machine code for JSON error bodies.
    public var code: String {
        switch self {
        case .invalidField: "invalid_field"
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .conflict: "conflict"
        case .unauthenticated: "unauthenticated"
        case .storage: "storage"
        }
    }
}
