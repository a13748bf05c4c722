import Foundation
import Testing

/// `triage discord …` through the real binary: the definitions it prints, and the errors before any call to Discord.
@Suite struct DiscordCommandTests {
    let cli = CLITests()

    func config(_ text: String) throws -> String {
        let dir = URL(fileURLWithPath: cli.db).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("config.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func commandsPrintsTheDefinitionsAndTheirExactJSON() throws {
        let summary = try cli.run(["discord", "commands"])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.hasPrefix("/ticket — "))
        for sub in ["create", "list", "view", "reply", "close", "stats", "ack"] { #expect(summary.stdout.contains("  \(sub)  ")) }
        let json = try cli.run(["discord", "commands", "--json"])
        let commands = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(commands.count == 1 && commands[0]["name"] as? String == "ticket" && commands[0]["type"] as? Int == 1)
        let subcommands = try #require(commands[0]["options"] as? [[String: Any]])
        #expect(subcommands.compactMap { $0["name"] as? String } == ["create", "list", "view", "reply", "close", "stats", "ack"])
        // The same bytes every time (what register compares and sends)
        #expect(try cli.run(["discord", "commands", "--json"]).stdout == json.stdout)
    }

    @Test func missingSettingsAreNamedBeforeAnyCall() throws {
        let none = try cli.run(["discord", "register"])
        #expect(none.status == 1 && none.stderr.contains("[discord] bot_token is not set"))
        let noApplication = try config("[discord]\nbot_token = \"abc\"\napi_base = \"http://127.0.0.1:9/api/v10\"\n")
        let register = try cli.run(["--config", noApplication, "discord", "register"])
        #expect(register.status == 1 && register.stderr.contains("[discord] application_id is not set"))
        let panel = try cli.run(["discord", "panel", "--channel", "123"])
        #expect(panel.status == 1 && panel.stderr.contains("bot_token"))
        let webhook = try cli.run(["discord", "webhook", "--channel", "123", "--json"])
        let error = try cli.json(webhook)["error"] as? [String: Any]
        #expect(webhook.status == 1 && (error?["message"] as? String)?.contains("bot_token") == true)
        let both = try cli.run(["discord", "register", "--guild", "1", "--global"])
        #expect(both.status == 64 && both.stderr.contains("--guild and --global cannot go together"))
    }

    @Test func aChannelThatIsNotAnIdIsRefusedWithoutACall() throws {
        let path = try config("[discord]\nbot_token = \"abc\"\napplication_id = \"1\"\napi_base = \"http://127.0.0.1:9/api/v10\"\n")
        let panel = try cli.run(["--config", path, "discord", "panel", "--channel", "#support"])
        #expect(panel.status == 1 && panel.stderr.contains("the channel id '#support' is not a Discord id"))
        #expect(!panel.stderr.contains("abc"))
    }
}
