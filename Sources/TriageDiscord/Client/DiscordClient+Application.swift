import Foundation
import NIOHTTP1
import TriageCore

/// A call the CLI makes to Discord's API with the bot token that did not succeed: one sentence saying why and what to
/// check (never the token).
public struct DiscordAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The HTTP status, or 0 when there was no answer (or no request).
    public let status: Int
    public let message: String
    public var description: String { message }

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }
}

/// What `registerCommands` did.
public enum CommandRegistration: Sendable, Equatable {
    /// Discord already had exactly these commands: nothing was sent.
    case unchanged(count: Int)
    /// The bulk overwrite replaced Discord's commands with these.
    case registered(count: Int)
}

/// An application-owned webhook Triage created in a channel: its execute URL carries `with_components=true`, so that
/// the pages posted through it keep their Acknowledge button (design facts 27–28).
public struct CreatedWebhook: Sendable, Equatable {
    public let id: String
    public let channelID: String
    /// A secret (its last segment is the token): `{origin}/api/webhooks/{id}/{token}?with_components=true`.
    public let url: String
}

/// The application's own calls (the bot token; design facts 16, 28, 37): its commands, the #support panel message,
/// and the application-owned webhook of the on-call channel.
extension DiscordClient {
    /// `{apiBase}/applications/{app}/commands`, or `…/guilds/{guild}/commands`.
    static func commandsURL(apiBase: String, applicationID: String, guildID: String?) throws(DiscordAPIError) -> String {
        let app = try snowflake(applicationID, "[discord] application_id")
        let guild = try guildID.map { id throws(DiscordAPIError) in try snowflake(id, "the guild id") }
        return "\(trimmed(apiBase))/applications/\(app)" + (guild.map { "/guilds/\($0)" } ?? "") + "/commands"
    }

    /// The commands Discord has for the application (in a guild, or global), with their full localizations; `nil`
    /// when the answer is not a list of commands Triage can read (then it cannot be compared).
    public func applicationCommands(
        apiBase: String = defaultAPIBase, botToken: String, applicationID: String, guildID: String? = nil
    ) async throws(DiscordAPIError) -> [ApplicationCommand]? {
        let url = try Self.commandsURL(apiBase: apiBase, applicationID: applicationID, guildID: guildID) + "?with_localizations=true"
        let body = try await call(url, method: .GET, body: nil, botToken: botToken, purpose: .commands)
        return try? JSONDecoder().decode([ApplicationCommand].self, from: Data(body))
    }

    /// Replaces the application's commands with `commands` (Discord's bulk overwrite: `PUT …/commands`).
    public func overwriteApplicationCommands(
        _ commands: [ApplicationCommand], apiBase: String = defaultAPIBase, botToken: String, applicationID: String, guildID: String? = nil
    ) async throws(DiscordAPIError) {
        let url = try Self.commandsURL(apiBase: apiBase, applicationID: applicationID, guildID: guildID)
        _ = try await call(url, method: .PUT, body: try Self.encode(commands), botToken: botToken, purpose: .commands)
    }

    /// Installs `commands` only when they differ from what Discord has (Discord allows 200 command creates a day
    /// per guild, fact 16): reads them first, compares them `normalized` and by name, and overwrites only on a
    /// difference (or an answer it cannot read).
    public func registerCommands(
        _ commands: [ApplicationCommand], apiBase: String = defaultAPIBase, botToken: String, applicationID: String, guildID: String? = nil
    ) async throws(DiscordAPIError) -> CommandRegistration {
        let current = try await applicationCommands(apiBase: apiBase, botToken: botToken, applicationID: applicationID, guildID: guildID)
        if let current, Self.sameCommands(current, commands) { return .unchanged(count: commands.count) }
        try await overwriteApplicationCommands(
            commands, apiBase: apiBase, botToken: botToken, applicationID: applicationID, guildID: guildID)
        return .registered(count: commands.count)
    }

    /// Whether two sets of commands mean the same to Discord (their order and Discord's own fields aside).
    public static func sameCommands(_ a: [ApplicationCommand], _ b: [ApplicationCommand]) -> Bool {
        func key(_ list: [ApplicationCommand]) -> [ApplicationCommand] { list.map(\.normalized).sorted { $0.name < $1.name } }
        return key(a) == key(b)
    }

    /// Posts `message` in a channel as the bot (`POST {apiBase}/channels/{id}/messages`); the message's id.
    public func createChannelMessage(
        _ message: DiscordMessage, apiBase: String = defaultAPIBase, botToken: String, channelID: String
    ) async throws(DiscordAPIError) -> String {
        let channel = try Self.snowflake(channelID, "the channel id")
        let data: Data
        do { data = try message.fitted().jsonData() } catch {
            throw DiscordAPIError(status: 0, message: "the message could not be encoded: \(error)")
        }
        let body = try await call(
            "\(Self.trimmed(apiBase))/channels/\(channel)/messages", method: .POST, body: data, botToken: botToken,
            purpose: .message(channel))
        return DiscordAnswer(body).id ?? "?"
    }

    /// Creates an application-owned webhook in a channel (`POST {apiBase}/channels/{id}/webhooks`; the bot needs
    /// Manage Webhooks there).
    public func createWebhook(
        name: String, apiBase: String = defaultAPIBase, botToken: String, channelID: String
    ) async throws(DiscordAPIError) -> CreatedWebhook {
        let channel = try Self.snowflake(channelID, "the channel id")
        let request = Data(#"{"name":\#(Self.jsonString(name))}"#.utf8)
        let base = Self.trimmed(apiBase)
        let body = try await call(
            "\(base)/channels/\(channel)/webhooks", method: .POST, body: request, botToken: botToken, purpose: .webhook(channel))
        struct Created: Decodable { var id: String; var token: String? }
        guard let created = try? JSONDecoder().decode(Created.self, from: Data(body)), let token = created.token else {
            throw DiscordAPIError(status: 200, message: "Discord's answer has no webhook id and token")
        }
        return CreatedWebhook(id: created.id, channelID: channel, url: "\(base)/webhooks/\(created.id)/\(token)?with_components=true")
    }

    // MARK: Transport

    /// What a call is for, to say what to check when Discord refuses it.
    enum Purpose {
        case commands
        case message(String)
        case webhook(String)

        var forbidden: String {
            switch self {
            case .commands:
                "the bot token must belong to [discord] application_id, and the application must be in the guild (scope applications.commands)"
            case .message(let channel): "the bot needs View Channel, Send Messages and Embed Links in channel \(channel)"
            case .webhook(let channel): "the bot needs Manage Webhooks in channel \(channel)"
            }
        }

        var notFound: String {
            switch self {
            case .commands: "check [discord] application_id and the guild id (the bot must be in that guild)"
            case .message(let channel), .webhook(let channel): "no channel \(channel) the bot can see"
            }
        }
    }

    /// One bot-token request; the answer's body on 2xx, else a `DiscordAPIError` that says what to check.
    func call(_ url: String, method: HTTPMethod, body: Data?, botToken: String, purpose: Purpose) async throws(DiscordAPIError) -> [UInt8] {
        let (outcome, answer) = await send(
            url, method: method, body: body, authorization: "Bot \(botToken)", timeout: .seconds(15), endpoint: .bot,
            idempotent: method != .POST, secrets: [botToken])
        if let answer, (200..<300).contains(answer.status) { return answer.body }
        let status = answer?.status ?? 0
        let reason = outcome.reason ?? "HTTP \(status)"
        switch (outcome, status) {
        case (.rateLimited(let retryAfter, let global), _):
            let limit = purpose.isCommands ? " (Discord allows 200 command creates a day per guild)" : ""
            throw DiscordAPIError(
                status: 429,
                message:
                    "Discord rate limited this request (HTTP 429\(global ? ", global" : "")): try again in \(Int(retryAfter.rounded(.up))) s\(limit)"
            )
        case (_, 401):
            throw DiscordAPIError(status: 401, message: "Discord refused the bot token (HTTP 401): check [discord] bot_token")
        case (_, 403):
            throw DiscordAPIError(status: 403, message: "Discord refused (\(reason)): \(purpose.forbidden)")
        case (_, 404):
            throw DiscordAPIError(status: 404, message: "Discord found nothing there (\(reason)): \(purpose.notFound)")
        case (.delivered, _):
            throw DiscordAPIError(status: status, message: "Discord accepted the request but its answer was cut short")
        default:
            throw DiscordAPIError(status: status, message: "Discord: \(reason)")
        }
    }

    static func encode(_ commands: [ApplicationCommand]) throws(DiscordAPIError) -> Data {
        do { return try SlashCommands.jsonData(commands) } catch {
            throw DiscordAPIError(status: 0, message: "the commands could not be encoded: \(error)")
        }
    }

    /// `text` if it is a snowflake (decimal digits), else an error naming `what`.
    static func snowflake(_ text: String, _ what: String) throws(DiscordAPIError) -> String {
        let id = text.trimmingCharacters(in: .whitespaces)
        guard UserID(id) != nil, id.allSatisfy(\.isNumber) else {
            throw DiscordAPIError(status: 0, message: "\(what) '\(text)' is not a Discord id (digits)")
        }
        return id
    }

    static func trimmed(_ apiBase: String) -> String { apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase }

    static func jsonString(_ text: String) -> String {
        (try? String(decoding: JSONEncoder().encode(text), as: UTF8.self)) ?? "\"\""
    }
}

extension DiscordClient.Purpose {
    var isCommands: Bool {
        if case .commands = self { return true }
        return false
    }
}
