import Foundation
import HTTPTypes
import Hummingbird
import TriageCore
import TriageStore

/// Checks the `Authorization: Bearer <token>` header against the store's hashed tokens and puts the token in the
/// context; no header, another scheme, or an unknown or revoked token is a 401. The check is a read (either backend);
/// the token's last use is noted in `uses`, which writes it off the request path.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let store: any TicketStoring
    let uses: TokenUses
    let now: @Sendable () -> Date

    /// Longer than any token `triage token create` makes; anything longer is refused without hashing it.
    static let maxTokenLength = 256

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated("send a token: Authorization: Bearer <token> (tokens come from `triage token create`)")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must be: Bearer <token>")
        }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        let now = now()
        guard secret.count <= Self.maxTokenLength, let token = try await store.authenticate(secret, now: now, recordingUse: false)
        else { throw APIError.unauthenticated("unknown or revoked token") }
        uses.note(token, secret: secret, now: now)
        var context = context
        context.token = token
        return try await next(request, context)
    }
}
