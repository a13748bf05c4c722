import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One access-log line per request (method, path, status, body size, duration, user agent), with
/// the request id in the logger's metadata; the id is also sent back in an `X-Request-ID` header.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static let requestIDHeader = HTTPField.Name("X-Request-ID")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
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
}
