import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The fake's application routes: the application commands (global and per guild: GET, bulk-overwrite PUT) and
/// Create Webhook in a channel, answered as Discord does (ids and Discord's own fields added, `required: false`
/// left out, localization dictionaries only with `with_localizations=true`).
extension FakeDiscord {
    /// Queues answers for the application's command routes (GET and PUT, global and guild); then `.ok`. Honoured:
    /// `.unauthorized`, `.rateLimited`, `.respond`; anything else is a 502.
    public func script(application id: String, _ behaviours: [Behaviour]) async {
        await state.script("application:\(id)", behaviours)
    }

    /// Queues answers for Create Webhook in a channel; then `.ok`.
    public func script(webhooksOf channel: String, _ behaviours: [Behaviour]) async {
        await state.script("webhooks:\(channel)", behaviours)
    }

    /// The commands the fake holds for an application (global, or in a guild), as Discord would return them.
    public func commands(application id: String, guild: String? = nil) async -> [[String: Any]] {
        let bytes = await state.application.commands(FakeDiscordApplication.key(id, guild))
        return ((try? JSONSerialization.jsonObject(with: Data(bytes))) as? [[String: Any]]) ?? []
    }
}

/// The application commands and webhooks the fake holds.
actor FakeDiscordApplication {
    private var commands: [String: [UInt8]] = [:]

    static func key(_ application: String, _ guild: String?) -> String { "\(application)/\(guild ?? "global")" }

    func commands(_ key: String) -> [UInt8] { commands[key] ?? Array("[]".utf8) }

    func set(_ key: String, _ bytes: [UInt8]) { commands[key] = bytes }

    /// `sent` as Discord stores and returns it: ids, version and Discord's own fields added.
    static func stored(_ sent: [[String: Any]], application: String, guild: String?, ids: [String]) -> [[String: Any]] {
        zip(sent, ids).map { command, id -> [String: Any] in
            var command = asDiscordReturnsIt(command)
            command["id"] = id
            command["version"] = id
            command["application_id"] = application
            command["type"] = command["type"] ?? 1
            command["default_member_permissions"] = NSNull()
            command["nsfw"] = false
            command["contexts"] = NSNull()
            command["integration_types"] = [0]
            if let guild { command["guild_id"] = guild } else { command["dm_permission"] = true }
            return command
        }
    }

    /// Discord leaves out `required: false` and `autocomplete: false`, and answers null localizations.
    static func asDiscordReturnsIt(_ object: [String: Any]) -> [String: Any] {
        var object = object
        for flag in ["required", "autocomplete"] where (object[flag] as? Bool) == false { object[flag] = nil }
        for key in ["name_localizations", "description_localizations"] where object[key] == nil { object[key] = NSNull() }
        if let options = object["options"] as? [[String: Any]] { object["options"] = options.map(asDiscordReturnsIt) }
        return object
    }

    /// Without `with_localizations=true`, Discord answers `name_localized`/`description_localized` instead of the
    /// dictionaries.
    static func withoutLocalizations(_ object: [String: Any]) -> [String: Any] {
        var object = object
        object["name_localizations"] = nil
        object["description_localizations"] = nil
        for key in ["options", "choices"] {
            if let list = object[key] as? [[String: Any]] { object[key] = list.map(withoutLocalizations) }
        }
        return object
    }
}

extension FakeDiscordRoutes {
    func registerApplication(on router: Router<FakeDiscordContext>) {
        for path in ["/api/v10/applications/:app/commands", "/api/v10/applications/:app/guilds/:guild/commands"] {
            router.get(RouterPath(path)) { request, context in try await commands(request, context, put: false) }
            router.put(RouterPath(path)) { request, context in try await commands(request, context, put: true) }
        }
        router.post("/api/v10/channels/:id/webhooks") { request, context in
            try await createWebhook(request, context)
        }
    }

    private func commands(_ request: Request, _ context: FakeDiscordContext, put: Bool) async throws -> Response {
        let app = context.parameters.get("app") ?? ""
        let guild = context.parameters.get("guild")
        let scope = "application:\(app)"
        let body = try await record(request, webhook: nil, channel: nil, key: scope)
        defer { Task { await state.finish(scope) } }
        guard authorized(request) else { return Self.unauthorized }
        if let refusal = Self.refusal(await state.nextBehaviour(scope)) { return refusal }
        let key = FakeDiscordApplication.key(app, guild)
        if put {
            guard let sent = (try? JSONSerialization.jsonObject(with: Data(body))) as? [[String: Any]] else {
                return Self.invalid(["_errors": "Expected an array of application commands"])
            }
            var ids: [String] = []
            for _ in sent { ids.append(await state.snowflake()) }
            let stored = FakeDiscordApplication.stored(sent, application: app, guild: guild, ids: ids)
            let data = (try? JSONSerialization.data(withJSONObject: stored, options: [.sortedKeys])) ?? Data("[]".utf8)
            await state.application.set(key, Array(data))
            return Self.jsonArray(stored)
        }
        let stored = (try? JSONSerialization.jsonObject(with: Data(await state.application.commands(key)))) as? [[String: Any]] ?? []
        let full = request.uri.queryParameters.get("with_localizations") == "true"
        return Self.jsonArray(full ? stored : stored.map(FakeDiscordApplication.withoutLocalizations))
    }

    private func createWebhook(_ request: Request, _ context: FakeDiscordContext) async throws -> Response {
        let channel = context.parameters.get("id") ?? ""
        let scope = "webhooks:\(channel)"
        let body = try await record(request, webhook: nil, channel: channel, key: scope)
        defer { Task { await state.finish(scope) } }
        guard authorized(request) else { return Self.unauthorized }
        if let refusal = Self.refusal(await state.nextBehaviour(scope)) { return refusal }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        guard let name = json?["name"] as? String, (1...80).contains(name.count) else {
            return Self.invalid(["name": "Must be between 1 and 80 in length."])
        }
        let id = await state.snowflake()
        return Self.json(.ok, ["id": id, "type": 1, "channel_id": channel, "name": name, "token": "wh-token-\(id)", "application_id": "1"])
    }

    /// The answer of a scripted refusal, or nil for `.ok`.
    private static func refusal(_ behaviour: FakeDiscord.Behaviour) -> Response? {
        switch behaviour {
        case .ok: nil
        case .unauthorized: unauthorized
        case .rateLimited(let retryAfter, let global, _):
            json(
                .tooManyRequests, ["message": "You are being rate limited.", "retry_after": retryAfter, "global": global],
                headers: [.retryAfter: String(Int(retryAfter.rounded(.up)))])
        case .respond(let status, let body):
            Response(
                status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        default: Response(status: .badGateway)
        }
    }

    private static func jsonArray(_ list: [[String: Any]]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])) ?? Data("[]".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
