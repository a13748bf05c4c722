import Foundation
import Hummingbird
import TriageCore

/// The query string of a request, read the same way for every endpoint: an empty value is the same as none, and a
/// bad value is a 422 naming the parameter and what it must be.
struct Query {
    /// The first value of each parameter, percent-decoded.
    let parameters: [String: String]

    init(_ request: Request) {
        parameters = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value of `name`, or `nil` when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = parameters[name], !value.isEmpty else { return nil }
        return value
    }

    func userID() throws(APIError) -> UserID? {
        guard let text = string("user_id") else { return nil }
        guard let id = UserID(text) else { throw .invalid("user_id", "user_id must be \(FieldHints.userID)") }
        return id
    }

    func vocabulary<V: Vocabulary>(_ type: V.Type) throws(TicketError) -> V? {
        try string(V.fieldName).map { text throws(TicketError) in try V.parse(text) }
    }

    func limit(default value: Int) throws(APIError) -> Int {
        guard let text = string("limit") else { return value }
        guard let limit = Int(text), FieldHints.limitRange.contains(limit) else {
            throw .invalid("limit", "limit must be \(FieldHints.hints["limit"]!) (got '\(text)')")
        }
        return limit
    }
}
