import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TriageCore

/// An error answer of the API: an HTTP status and the JSON body `{"error": {"code", "message"}}` (plus `field` for a
/// 422). Every failure — domain errors, bad JSON, oversized bodies, unknown routes — is mapped to one of these in
/// `init(mapping:)`, the one place where errors meet HTTP statuses.
public struct APIError: Error, HTTPResponseError, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// For a 422: the field that was rejected.
    public var field: String?
    /// Headers of the answer (`Allow` on a 405).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        var error = APIError(.methodNotAllowed, code: "method_not_allowed", message: "\(method) is not allowed here; allowed: \(list)")
        error.headers[.allow] = list
        return error
    }

    static func malformed(_ message: String) -> APIError { APIError(.badRequest, code: "malformed_request", message: message) }
    static func unauthenticated(_ message: String) -> APIError { APIError(.unauthorized, code: "unauthenticated", message: message) }
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, code: "forbidden", message: message) }
    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid_field", message: message, field: field)
    }
    /// What a PostgreSQL store does not serve yet (SPEC §10, in progress): a 404 that says so, never a 5xx.
    static func notOnPostgres(_ what: String) -> APIError {
        APIError(.notFound, code: "not_available", message: "\(what) are not served on a PostgreSQL store yet; this server runs on one")
    }
    static let tooLarge = APIError(
        .contentTooLarge, code: "payload_too_large", message: "the request body is larger than \(APIRequestContext.maxBodySize / 1024) KiB")

    /// The answer for a domain error.
    public init(_ error: TicketError) {
        switch error {
        case .invalidField(let field, let message): self = .invalid(field, message)
        case .notFound(let message): self.init(.notFound, code: error.code, message: message)
        case .forbidden(let message): self = .forbidden(message)
        case .conflict(let message): self.init(.conflict, code: error.code, message: message)
        case .unauthenticated(let message): self = .unauthenticated(message)
        case .storage(let message): self.init(.serviceUnavailable, code: error.code, message: message)
        }
    }

    /// The answer for anything a handler or Hummingbird threw.
    public init(mapping error: any Error) {
        switch error {
        case let error as APIError: self = error
        case let error as TicketError: self.init(error)
        case let error as DecodingError: self = Self.decoding(error)
        case is NIOTooManyBytesError: self = .tooLarge
        case let error as HTTPError:
            switch error.status {
            case .notFound: self.init(.notFound, code: "not_found", message: error.body ?? "no such endpoint")
            case .contentTooLarge: self = .tooLarge
            case .badRequest: self = .malformed(error.body ?? "malformed request")
            default:
                self.init(error.status, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
            }
        case let error as any HTTPResponseError:
            self.init(error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
        default:
            self.init(.internalServerError, code: "internal", message: "internal error")
        }
    }

    /// Syntax errors and a body that is not an object are malformed (400); a field of the wrong type is invalid (422)
    /// and names the field with what it must be.
    static func decoding(_ error: DecodingError) -> APIError {
        let path: [any CodingKey]
        let detail: String
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
            detail = context.debugDescription
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
            detail = "missing"
        @unknown default:
            return .malformed("the body is not valid JSON")
        }
        guard let key = path.first else {
            if case .typeMismatch = error { return .malformed("the body must be a JSON object") }
            return .malformed("the body is not valid JSON: \(detail)")
        }
        let field = key.stringValue
        if let hint = FieldHints.hint(for: field) { return .invalid(field, "\(field) must be \(hint)") }
        return .invalid(field, "\(field) is not valid: \(detail)")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(Body(error: .init(code: code, message: message, field: field)), status: status, headers: headers)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var field: String?
        }
        var error: Detail
    }
}
