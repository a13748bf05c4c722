import Foundation
import Testing
import TriageCore
import TriageTestSupport

@testable import TriageDiscord

/// The application's calls against the fake Discord: registering the commands only when they changed, the panel
/// message, the application-owned webhook, and the errors the CLI prints.
@Suite struct ApplicationCallsTests {
    static let app = "123456789012345678"
    static let guild = "223456789012345678"
    static let token = "fake-bot-token"

    func register(_ fake: FakeDiscord, _ commands: [ApplicationCommand] = SlashCommands.all, guild: String? = guild) async throws
        -> CommandRegistration
    {
        try await DiscordClient().registerCommands(
            commands, apiBase: fake.apiBase, botToken: Self.token, applicationID: Self.app, guildID: guild)
    }

    func methods(_ fake: FakeDiscord) async -> [String] { await fake.requests().map(\.method) }

    @Test func registersOnlyWhenTheDefinitionsChanged() async throws {
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        // First run: Discord has nothing, so the definitions are PUT to the guild's commands
        #expect(try await register(fake) == .registered(count: 1))
        let requests = await fake.requests()
        #expect(requests.map(\.method) == ["GET", "PUT"])
        #expect(requests[0].path == "/api/v10/applications/\(Self.app)/guilds/\(Self.guild)/commands")
        #expect(requests[0].query?.contains("with_localizations=true") == true)
        #expect(requests[1].headers["authorization"] == "Bot \(Self.token)")
        let stored = await fake.commands(application: Self.app, guild: Self.guild)
        #expect(stored.first?["name"] as? String == "ticket" && stored.first?["id"] != nil)
        // Second run: what Discord returns (its ids, required:false left out …) means the same: nothing is sent
        #expect(try await register(fake) == .unchanged(count: 1))
        #expect(await methods(fake) == ["GET", "PUT", "GET"])
        // A changed definition (a French description) is PUT again
        var changed = SlashCommands.all
        changed[0].descriptionLocalizations = ["fr": "Vos tickets"]
        #expect(try await register(fake, changed) == .registered(count: 1))
        #expect(await methods(fake) == ["GET", "PUT", "GET", "GET", "PUT"])
        #expect(try await register(fake, changed) == .unchanged(count: 1))
    }

    @Test func anAnswerItCannotReadIsOverwritten() async throws {
        // Given Discord answering something that is not a list of commands (an integer choice Triage never writes)
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        let odd =
            #"[{"name": "ticket", "description": "d", "options": [{"type": 3, "name": "n", "description": "d", "choices": [{"name": "one", "value": 1}]}]}]"#
        await fake.script(application: Self.app, [.respond(status: 200, json: odd)])
        // Then it cannot be compared, so the definitions are sent
        #expect(try await register(fake) == .registered(count: 1))
        #expect(await methods(fake) == ["GET", "PUT"])
    }

    @Test func globalCommandsUseTheApplicationRoute() async throws {
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        #expect(try await register(fake, guild: nil) == .registered(count: 1))
        #expect(try await register(fake, guild: nil) == .unchanged(count: 1))
        #expect(await fake.requests().allSatisfy { $0.path == "/api/v10/applications/\(Self.app)/commands" })
        #expect(await fake.commands(application: Self.app, guild: Self.guild).isEmpty)
    }

    @Test(arguments: [
        (FakeDiscord.Behaviour.unauthorized, 401, "check [discord] bot_token"),
        (.respond(status: 403, json: #"{"message": "Missing Access", "code": 50001}"#), 403, "application_id"),
        (.rateLimited(retryAfter: 41.2, global: false), 429, "try again in 42 s (Discord allows 200 command creates a day per guild)"),
        (.respond(status: 404, json: #"{"message": "Unknown Application", "code": 10002}"#), 404, "check [discord] application_id"),
    ])
    func refusalsSayWhatToCheck(behaviour: FakeDiscord.Behaviour, status: Int, hint: String) async throws {
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        await fake.script(application: Self.app, [behaviour])
        let error = await #expect(throws: DiscordAPIError.self) { try await register(fake) }
        #expect(error?.status == status)
        #expect(error?.message.contains(hint) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(Self.token) == false)
        #expect(await methods(fake) == ["GET"])  // nothing overwritten after a refusal
    }

    @Test func aWrongTokenAndABadIdNeverOverwrite() async throws {
        let fake = try await FakeDiscord.start(botToken: "another-token")
        defer { Task { await fake.stop() } }
        await #expect(throws: DiscordAPIError(status: 401, message: "Discord refused the bot token (HTTP 401): check [discord] bot_token"))
        {
            try await register(fake)
        }
        let error = await #expect(throws: DiscordAPIError.self) {
            try await DiscordClient().registerCommands(
                SlashCommands.all, apiBase: fake.apiBase, botToken: Self.token, applicationID: "my-app")
        }
        #expect(error?.status == 0 && error?.message.contains("application_id 'my-app' is not a Discord id") == true)
        #expect(await fake.requests().count == 1)
    }

    @Test func thePanelIsABotMessageWithTheCreateButtonAndNoMentions() async throws {
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        let id = try await DiscordClient().createChannelMessage(
            DiscordRenderer.panel(policy: .default), apiBase: fake.apiBase, botToken: Self.token, channelID: "333")
        #expect(!id.isEmpty && id != "?")
        let request = try #require(await fake.requests().first)
        #expect(request.method == "POST" && request.path == "/api/v10/channels/333/messages")
        let body = try #require(request.json)
        #expect((body["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
        let rows = try #require(body["components"] as? [[String: Any]])
        let button = try #require((rows.first?["components"] as? [[String: Any]])?.first)
        #expect(button["custom_id"] as? String == "triage:create" && button["style"] as? Int == 1)
        #expect(button["label"] as? String == "Créer un ticket")
        // The SLA per priority, from the policy in force
        #expect(request.bodyText.contains("critique : **12h**") && request.bodyText.contains("basse : **72h**"))
        #expect(await fake.messages().count == 1)
    }

    @Test func thePanelNamesAMissingPermission() async throws {
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        await fake.script(channel: "333", [.respond(status: 403, json: #"{"message": "Missing Permissions", "code": 50013}"#)])
        let error = await #expect(throws: DiscordAPIError.self) {
            try await DiscordClient().createChannelMessage(
                DiscordRenderer.panel(policy: .default), apiBase: fake.apiBase, botToken: Self.token, channelID: "333")
        }
        #expect(
            error?.message.contains("Missing Permissions") == true
                && error?.message.contains("Send Messages and Embed Links in channel 333") == true)
    }

    @Test func anApplicationOwnedWebhookKeepsItsButtons() async throws {
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        // When the on-call channel's webhook is created through the bot
        let webhook = try await DiscordClient().createWebhook(name: "Triage", apiBase: fake.apiBase, botToken: Self.token, channelID: "444")
        let create = try #require(await fake.requests().first)
        #expect(create.path == "/api/v10/channels/444/webhooks" && create.json?["name"] as? String == "Triage")
        #expect(webhook.url.hasSuffix("?with_components=true") && webhook.url.contains("/webhooks/\(webhook.id)/"))
        // Then a page posted through its URL asks Discord to keep the Acknowledge button
        let page = DiscordRenderer.render(Fixtures.notice(.page, pings: true), target: "oncall", oncallRoleID: Fixtures.role)
        let outcome = await DiscordClient().executeWebhook(url: webhook.url, message: page)
        guard case .delivered = outcome else { Issue.record("\(outcome)"); return }
        let execute = try #require(await fake.requests().last)
        #expect(execute.query?.contains("with_components=true") == true && execute.query?.contains("wait=true") == true)
        #expect(execute.bodyText.contains("triage:ack:TKTA1B2C3:c1"))
    }

    @Test func creatingAWebhookWithoutManageWebhooksSaysSo() async throws {
        let fake = try await FakeDiscord.start()
        defer { Task { await fake.stop() } }
        await fake.script(webhooksOf: "444", [.respond(status: 403, json: #"{"message": "Missing Permissions", "code": 50013}"#)])
        let error = await #expect(throws: DiscordAPIError.self) {
            try await DiscordClient().createWebhook(name: "Triage", apiBase: fake.apiBase, botToken: Self.token, channelID: "444")
        }
        #expect(error?.status == 403 && error?.message.contains("Manage Webhooks in channel 444") == true)
    }
}
