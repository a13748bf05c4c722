import Foundation
import Hummingbird
import NIOCore
import TriageCore

/// The request context of the Triage API: Hummingbird's core context, the token that authenticated the request (set
/// by `AuthMiddleware`), and the 64 KiB limit on request bodies.
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address (nil in router tests, which have no socket).
    public let remoteAddress: SocketAddress?
    /// The caller's token, once `AuthMiddleware` has checked it.
    public var token: APIToken?

    /// The largest request body the API reads; a larger one is answered 413.
    public static let maxBodySize = 64 * 1024

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { Self.maxBodySize }

    /// The token of an authenticated request (every ticket endpoint sits behind `AuthMiddleware`).
    func requireToken() throws(APIError) -> APIToken {
        guard let token else { throw .unauthenticated("send a token: Authorization: Bearer <token>") }
        return token
    }
}
