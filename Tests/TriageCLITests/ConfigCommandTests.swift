import Foundation
import Testing

/// `triage config show|check`, the config file's lookup order, and the tracking links it sets, on the real binary.
@Suite struct ConfigCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-config-\(UUID().uuidString)")

    static let config = """
        [discord]
        bot_token = "env:TRIAGE_BOT_TOKEN"
        [webhooks]
        admin_tickets = "https://discord.com/api/webhooks/123/very-secret-token"
        [links]
        base_url = "https://desk.example.org/t/"
        [automation]
        timezone = "Europe/Paris"
        """

    func write(_ text: String, to name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func run(_ arguments: [String], env: [String: String] = [:]) throws -> CLITests.Result {
        let base = ["TRIAGE_DB": folder.appendingPathComponent("t.sqlite").path, "XDG_CONFIG_HOME": folder.appendingPathComponent("xdg").path]
        return try CLITests.execute(arguments, env: base.merging(env) { $1 })
    }

    @Test func showPrintsWhatIsInForceWithSecretsMasked() throws {
        let path = try write(Self.config, to: "config.toml")
        // --config before the subcommand is hoisted like the other global options
        let shown = try run(["--config", path, "config", "show"], env: ["TRIAGE_BOT_TOKEN": "MTIz.bot-token"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("from \(path)"))
        #expect(shown.stdout.contains("bot_token = \"***\"  # from env:TRIAGE_BOT_TOKEN"))
        #expect(shown.stdout.contains("admin_tickets = \"https://discord.com/api/webhooks/123/***\""))
        #expect(shown.stdout.contains("timezone = \"Europe/Paris\""))
        #expect(!shown.stdout.contains("MTIz.bot-token") && !shown.stdout.contains("very-secret-token"))
        // Without the variable, show and check refuse, naming the key and the variable
        let missing = try run(["config", "show", "--config", path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("discord.bot_token") && missing.stderr.contains("TRIAGE_BOT_TOKEN"))
    }

    @Test func checkNamesTheBadKeyAndExitsOne() throws {
        let bad = try write("[automation]\ntimezone = \"Europe/Pariss\"\n", to: "bad.toml")
        let result = try run(["config", "check", bad])
        #expect(result.status == 1)
        #expect(result.stderr.contains("automation.timezone") && result.stderr.contains("IANA"))
        let good = try write("[inactivity]\nremind_after_hours = 24\n", to: "good.toml")
        let ok = try run(["config", "check", good])
        #expect(ok.status == 0 && ok.stdout.contains("\(good): OK"), "\(ok.stderr)")
        let none = try run(["config", "check", folder.appendingPathComponent("nope.toml").path])
        #expect(none.status == 1 && none.stderr.contains("no config file at"))
    }

    @Test func lookupOrder() throws {
        // Nothing: the defaults
        #expect(try run(["config", "show"]).stdout.contains("No config file: the defaults"))
        // $XDG_CONFIG_HOME/triage/config.toml when it exists
        let xdg = try write("[links]\nbase_url = \"https://xdg.example.org\"\n", to: "xdg/triage/config.toml")
        #expect(try run(["config", "show"]).stdout.contains("from \(xdg)"))
        // $TRIAGE_CONFIG before it, and it must exist
        let named = try write("[links]\nbase_url = \"https://named.example.org\"\n", to: "named.toml")
        #expect(try run(["config", "show"], env: ["TRIAGE_CONFIG": named]).stdout.contains("https://named.example.org"))
        let missing = try run(["config", "show"], env: ["TRIAGE_CONFIG": named + ".missing"])
        #expect(missing.status == 1 && missing.stderr.contains("no config file at"))
        // --config before both
        let flag = try run(["config", "show", "--config", xdg], env: ["TRIAGE_CONFIG": named])
        #expect(flag.stdout.contains("https://xdg.example.org"))
    }

    @Test func trackingLinksComeFromTheConfigUnlessTheEnvironmentOverrides() throws {
        let path = try write(Self.config, to: "config.toml")
        let create = [
            "ticket", "create", "Paiement refusé", "billing", "high", "Carte refusée", "--user", "42", "--json", "--config", path,
        ]
        // A ticket command needs no secret: it runs without $TRIAGE_BOT_TOKEN
        let created = try run(create)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("\"url\" : \"https://desk.example.org/t/TKT"))
        let overridden = try run(create, env: ["TRIAGE_BASE_URL": "https://env.example.org/x"])
        #expect(overridden.stdout.contains("\"url\" : \"https://env.example.org/x/TKT"))
    }
}
