import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One access-log line per request (method, path, status, body size, duration, user agent), with
/// the request id in the logger's metadata; the id is also sent back in an `X-Request-ID` header. A client that sends
/// its own `X-Request-ID` gets it back, and it is the id in the log.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static let requestIDHeader = HTTPField.Name("X-Request-ID")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        if let id = request.headers[Self.requestIDHeader], Self.isUsable(id) {
            context.logger[metadataKey: "hb.request.id"] = .string(id)
        }
        var response = try await next(request, context)
        let id = context.id
        response.headers[Self.requestIDHeader] = id
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        let size = response.headers[.contentLength] ?? "-"
        let hundredths = String(micros / 10 % 100)
        let millis = "\(micros / 1000).\(hundredths.count == 1 ? "0" : "")\(hundredths)"
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code) \(size)B \(millis)ms",
            metadata: ["client": .string(request.headers[.userAgent] ?? "-")])
        return response
    }

    /// Whether a client's `X-Request-ID` is kept: 1 to 128 printable ASCII characters (anything else is replaced by
    /// an id of the server's, so a log line never carries what the client should not write there).
    static func isUsable(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
