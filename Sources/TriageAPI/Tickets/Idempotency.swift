import Foundation
import HTTPTypes
import Hummingbird
import TriageCore
import TriageStore

/// The `Idempotency-Key` header of `POST /api/tickets` and `POST /api/tickets/{id}/reply`: the same key from the
/// same token within 24 hours gets the first answer again (status and body, marked `Idempotent-Replayed: true`)
/// and opens nothing; the same key with another request is a 422. The key is stored by the store in the
/// transaction of the ticket or message it guards.
enum Idempotency {
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!
    static let keyLength = 1...255

    /// The request's key, or `nil` without the header. `body` is the decoded request: two requests are the same
    /// when method, path and decoded body are (whitespace and key order do not count). A bad key is a 422.
    static func key(_ request: Request, token: APIToken, body: some Encodable) throws(APIError) -> IdempotencyKey? {
        guard let value = request.headers[header] else { return nil }
        guard keyLength.contains(value.unicodeScalars.count), value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            throw .invalid("Idempotency-Key", "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, say)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let canonical = (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return IdempotencyKey(caller: token.id, key: value, request: "\(request.method.rawValue) \(request.uri.path)\n\(canonical)")
    }

    /// The answer a keyed write stored (or stored again).
    static func response(_ answer: StoredAnswer) -> Response {
        var headers: HTTPFields = [:]
        if let location = answer.location { headers[.location] = location }
        if answer.replayed { headers[replayed] = "true" }
        return JSONResponse.make(encoded: answer.body, status: HTTPResponse.Status(code: answer.status), headers: headers)
    }
}
