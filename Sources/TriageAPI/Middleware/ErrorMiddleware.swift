import Foundation
import Hummingbird
import Logging

/// Turns every error thrown below it into a JSON error answer (`APIError`), so no input can produce an empty 500.
/// An unexpected error is logged with its details and answered with a generic 500. A path the router knows, asked
/// with a method it does not answer there, is a 405 with an `Allow` header. A HEAD request gets the headers only.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var answer = APIError(mapping: error)
            if answer.status == .notFound, error is HTTPError {
                let allowed = routes.methods(for: request.uri.path)
                if !allowed.isEmpty { answer = .methodNotAllowed(request.method, allowed: allowed) }
            }
            if answer.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            }
            let response = try answer.response(from: request, context: context)
            return request.method == .head ? response.createHeadResponse() : response
        }
    }
}
