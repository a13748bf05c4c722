import Foundation
import Hummingbird
import Logging

/// Turns every error thrown below it into a JSON error answer (`APIError`), so no input can produce an empty 500.
/// An unexpected error is logged with its details and answered with a generic 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = APIError(mapping: error)
            if answer.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            }
            return try answer.response(from: request, context: context)
        }
    }
}
