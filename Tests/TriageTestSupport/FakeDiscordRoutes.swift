import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The fake's routes: Execute Webhook, Create DM and Create Message under `/api/v10`, each recorded, scripted and
/// validated like Discord.
struct FakeDiscordRoutes: Sendable {
    let state: FakeDiscordState

    func register(on router: Router<FakeDiscordContext>) {
        router.post("/api/v10/webhooks/:id/:token") { request, context in
            try await webhook(request, context)
        }
        router.post("/api/v10/users/@me/channels") { request, context in
            try await createDM(request, context)
        }
        router.post("/api/v10/channels/:id/messages") { request, context in
            try await createMessage(request, context)
        }
        registerApplication(on: router)
    }

    private func webhook(_ request: Request, _ context: FakeDiscordContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let body = try await record(request, webhook: id, channel: nil, key: "webhook:\(id)")
        let behaviour = await state.nextBehaviour("webhook:\(id)")
        let response = await answer(behaviour, body: body, context: context, channel: "9\(id)", webhook: id)
        await state.finish("webhook:\(id)")
        return response
    }

    private func createDM(_ request: Request, _ context: FakeDiscordContext) async throws -> Response {
        let body = try await record(request, webhook: nil, channel: nil, key: "dm")
        let response = await openDM(request, body: body)
        await state.finish("dm")
        return response
    }

    private func openDM(_ request: Request, body: [UInt8]) async -> Response {
        guard authorized(request) else { return Self.unauthorized }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        guard let recipient = (json?["recipient_id"] as? String) ?? (json?["recipient_id"] as? NSNumber)?.stringValue else {
            return Self.invalid(["recipient_id": "This field is required"])
        }
        let channel = await state.dmChannel(for: recipient)
        return Self.json(.ok, ["id": channel, "type": 1, "recipients": [["id": recipient]]])
    }

    private func createMessage(_ request: Request, _ context: FakeDiscordContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let body = try await record(request, webhook: nil, channel: id, key: "channel:\(id)")
        guard authorized(request) else {
            await state.finish("channel:\(id)")
            return Self.unauthorized
        }
        let behaviour = await state.nextBehaviour("channel:\(id)")
        let response = await answer(behaviour, body: body, context: context, channel: id, webhook: nil)
        await state.finish("channel:\(id)")
        return response
    }

    // MARK: Answers

    private func answer(_ behaviour: FakeDiscord.Behaviour, body: [UInt8], context: FakeDiscordContext, channel: String, webhook: String?)
        async
        -> Response
    {
        switch behaviour {
        case .ok:
            return await accept(body, channel: channel, webhook: webhook, remaining: 4, resetAfter: 1)
        case .okBucketEmpty(let resetAfter):
            return await accept(body, channel: channel, webhook: webhook, remaining: 0, resetAfter: resetAfter)
        case .slow(let seconds):
            try? await Task.sleep(for: .seconds(seconds))
            return await accept(body, channel: channel, webhook: webhook, remaining: 4, resetAfter: 1)
        case .rateLimited(let retryAfter, let global, let inBody):
            var headers: HTTPFields = [
                .retryAfter: String(Int(retryAfter.rounded(.up))),
                .rateLimit("Limit"): "5", .rateLimit("Remaining"): "0", .rateLimit("Reset-After"): String(retryAfter),
                .rateLimit("Bucket"): "abcd1234", .rateLimit("Scope"): global ? "global" : "user",
            ]
            if global { headers[.rateLimit("Global")] = "true" }
            var payload: [String: Any] = ["message": "You are being rate limited."]
            if inBody {
                payload["retry_after"] = retryAfter
                payload["global"] = global
            }
            return Self.json(.tooManyRequests, payload, headers: headers)
        case .serverError(let status):
            return Response(
                status: .init(code: status), headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: "upstream error")))
        case .unknownWebhook:
            return Self.json(.notFound, ["message": "Unknown Webhook", "code": 10015])
        case .unauthorized:
            return Self.unauthorized
        case .respond(let status, let json):
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: json)))
        case .drop:
            try? await context.channel.close(mode: .all)
            return Response(status: .ok)
        }
    }

    /// Validates like Discord, then posts: 200 with the message (its id, channel and the fields sent).
    private func accept(_ body: [UInt8], channel: String, webhook: String?, remaining: Int, resetAfter: Double) async -> Response {
        let headers: HTTPFields = [
            .rateLimit("Limit"): "5", .rateLimit("Remaining"): String(remaining), .rateLimit("Reset-After"): String(resetAfter),
            .rateLimit("Bucket"): "abcd1234",
        ]
        let json: [String: Any]
        switch FakeDiscordValidation.check(body) {
        case .failure(let error): return Self.json(.badRequest, error.payload, headers: headers)
        case .success(let object): json = object
        }
        let nonce = (json["nonce"] as? String) ?? (json["nonce"] as? NSNumber)?.stringValue
        let enforce = (json["enforce_nonce"] as? Bool) ?? (json["enforce_nonce"] as? NSNumber)?.boolValue ?? false
        let posted = await state.post(
            channel: webhook == nil ? channel : nil, webhook: webhook, body: body, nonce: nonce, enforceNonce: enforce)
        var message = posted.json ?? json
        message["id"] = posted.id
        message["channel_id"] = channel
        if let webhook { message["webhook_id"] = webhook }
        return Self.json(.ok, message, headers: headers)
    }

    // MARK: Helpers

    /// Collects the body and records the request (counted in flight under `key` until the handler calls `finish`).
    func record(_ request: Request, webhook: String?, channel: String?, key: String) async throws -> [UInt8] {
        let arrival = ContinuousClock.now
        let buffer = try await request.body.collect(upTo: 8 * 1024 * 1024)
        let body = Array(buffer.readableBytesView)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let recorded = FakeDiscord.RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers, body: body,
            arrival: arrival, webhookID: webhook, channelID: channel)
        await state.arrive(recorded, key: key)
        return body
    }

    func authorized(_ request: Request) -> Bool {
        request.headers[.authorization] == "Bot \(state.botToken)"
    }

    static var unauthorized: Response { json(.unauthorized, ["message": "401: Unauthorized", "code": 0]) }

    static func invalid(_ errors: [String: String]) -> Response {
        json(.badRequest, FakeDiscordValidation.Failure(code: 50035, message: "Invalid Form Body", errors: errors).payload)
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any], headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPField.Name {
    static func rateLimit(_ suffix: String) -> HTTPField.Name { HTTPField.Name("X-RateLimit-\(suffix)")! }
    static let retryAfter = HTTPField.Name("Retry-After")!
}
