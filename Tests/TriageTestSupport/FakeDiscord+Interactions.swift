import Foundation
import Hummingbird
import NIOCore

extension FakeDiscordRoutes {
    /// `PATCH /api/v10/webhooks/:id/:token/messages/@original`: the edit of an interaction's first answer
    /// (a deferred "thinking…" one), recorded, scripted per application id (`script(webhook:)`) and validated like a
    /// message. Its `webhookID` in the record is the application id.
    func registerInteractions(on router: Router<FakeDiscordContext>) {
        router.patch("/api/v10/webhooks/:id/:token/messages/@original") { request, context in
            let application = context.parameters.get("id") ?? ""
            let key = "webhook:\(application)"
            let buffer = try await request.body.collect(upTo: 8 * 1024 * 1024)
            let body = Array(buffer.readableBytesView)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            await state.arrive(
                FakeDiscord.RecordedRequest(
                    method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers, body: body,
                    arrival: .now, webhookID: application, channelID: nil),
                key: key)
            await state.finish(key)
            if case .respond(let status, let json) = await state.nextBehaviour(key) {
                return Response(
                    status: .init(code: status), headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: json)))
            }
            switch FakeDiscordValidation.check(body) {
            case .failure(let error): return Self.json(.badRequest, error.payload)
            case .success(var message):
                message["id"] = "1300000000000000999"
                return Self.json(.ok, message)
            }
        }
    }
}
