import Foundation
import Testing

@testable import TriageCore

@Suite struct ConfigTests {
    static let publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    static let full = """
        [discord]
        application_id = "123456789012345678"
        public_key = "\(publicKey.uppercased())"
        bot_token = "env:TRIAGE_BOT_TOKEN"
        api_base = "http://127.0.0.1:9999/api/v10/"
        guild_id = 223456789012345678
        staff_role_ids = ["323456789012345678", 423456789012345678]
        oncall_role_id = "523456789012345678"
        senior_role_id = "623456789012345678"
        [webhooks]
        admin_tickets = "env:TRIAGE_WEBHOOK_ADMIN"
        oncall = "https://discord.com/api/webhooks/111/oncall-token"
        senior = "https://discord.com/api/webhooks/222/senior-token"
        [links]
        base_url = "https://desk.example.org/t/"
        [automation]
        timezone = "Europe/Paris"
        reminder_digest_at = "8:30"
        weekly_report_at = 10:15:00
        [inactivity]
        remind_after_hours = 48
        close_after_hours = 168.5
        [log]
        file = "/var/log/triage/notifications.jsonl"
        """
    static let env = [
        "TRIAGE_BOT_TOKEN": "MTIz.bot-secret-token", "TRIAGE_WEBHOOK_ADMIN": "https://discord.com/api/webhooks/123/admin-secret",
    ]

    @Test func emptyFileIsTheDefault() throws {
        let config = try TriageConfig(toml: "")
        #expect(config == .default)
        #expect(config.discord.apiBase == "https://discord.com/api/v10")
        #expect(config.links.baseURL == TicketURL.defaultBase)
        #expect(config.automation.timeZone == TimeZone(identifier: "UTC"))
        #expect(config.tomlText().contains("timezone = \"UTC\""))
        #expect(config.automation.reminderDigestAt.description == "09:00")
        #expect(config.automation.weeklyReportAt.description == "09:00")
        #expect(config.inactivity == TriageConfig.Inactivity(remindAfterHours: 48, closeAfterHours: 0))
        #expect(config.log.file == nil && config.webhooks.adminTickets == nil && config.discord.botToken == nil)
    }

    @Test func everyKeyIsRead() throws {
        // When
        let config = try TriageConfig(toml: Self.full, environment: Self.env)
        // Then
        #expect(config.discord.applicationID == "123456789012345678")
        #expect(config.discord.publicKey == Self.publicKey)
        #expect(config.discord.botToken == "MTIz.bot-secret-token")
        #expect(config.discord.apiBase == "http://127.0.0.1:9999/api/v10")
        #expect(config.discord.guildID == "223456789012345678")
        #expect(config.discord.staffRoleIDs == ["323456789012345678", "423456789012345678"])
        #expect(config.discord.oncallRoleID == "523456789012345678")
        #expect(config.discord.seniorRoleID == "623456789012345678")
        #expect(config.webhooks[.adminTickets] == "https://discord.com/api/webhooks/123/admin-secret")
        #expect(config.webhooks[.oncall] == "https://discord.com/api/webhooks/111/oncall-token")
        #expect(config.webhooks[.senior] == "https://discord.com/api/webhooks/222/senior-token")
        #expect(config.webhooks[.user] == nil)
        #expect(config.links.baseURL == "https://desk.example.org/t")
        #expect(config.automation.timeZone.identifier == "Europe/Paris")
        #expect(config.automation.reminderDigestAt == TimeOfDay(hour: 8, minute: 30))
        #expect(config.automation.weeklyReportAt == TimeOfDay(hour: 10, minute: 15))
        #expect(config.automation.schedule.timeZone.identifier == "Europe/Paris")
        #expect(config.inactivity.remindAfterHours == 48 && config.inactivity.closeAfterHours == 168.5)
        #expect(config.log.file == "/var/log/triage/notifications.jsonl")
        #expect(config.sources == [.botToken: "TRIAGE_BOT_TOKEN", .adminTicketsWebhook: "TRIAGE_WEBHOOK_ADMIN"])
    }

    @Test func anyValueMayComeFromTheEnvironment() throws {
        let config = try TriageConfig(
            toml: """
                [discord]
                staff_role_ids = "env:STAFF"
                [automation]
                timezone = "env:DESK_TZ"
                [inactivity]
                remind_after_hours = "env:REMIND"
                """,
            environment: ["STAFF": "1, 2 3", "DESK_TZ": "America/New_York", "REMIND": "36"])
        #expect(config.discord.staffRoleIDs == ["1", "2", "3"])
        #expect(config.automation.timeZone.identifier == "America/New_York")
        #expect(config.inactivity.remindAfterHours == 36)
        #expect(config.sources[.timezone] == "DESK_TZ")
    }

    @Test func aMissingVariableCanBeLeftUnsetOnRequest() throws {
        let config = try TriageConfig(toml: Self.full, environment: [:], requireEnvironment: false)
        #expect(config.discord.botToken == nil && config.webhooks.adminTickets == nil)
        #expect(config.unresolved == [.botToken: "TRIAGE_BOT_TOKEN", .adminTicketsWebhook: "TRIAGE_WEBHOOK_ADMIN"])
        #expect(config.links.baseURL == "https://desk.example.org/t")
        #expect(config.tomlText().contains("# bot_token: not set (env:TRIAGE_BOT_TOKEN is not set)"))
    }

    @Test func maskedTextHidesSecretsAndNamesTheirSource() throws {
        // Given
        let config = try TriageConfig(toml: Self.full, environment: Self.env)
        // When
        let text = config.tomlText()
        // Then
        #expect(text.contains("bot_token = \"***\"  # from env:TRIAGE_BOT_TOKEN"))
        #expect(text.contains("admin_tickets = \"https://discord.com/api/webhooks/123/***\"  # from env:TRIAGE_WEBHOOK_ADMIN"))
        #expect(text.contains("oncall = \"https://discord.com/api/webhooks/111/***\"\n"))
        #expect(text.contains("public_key = \"\(Self.publicKey)\""))
        for secret in ["bot-secret", "admin-secret", "oncall-token", "senior-token"] {
            #expect(!text.contains(secret))
        }
        #expect(TriageConfig.default.tomlText().contains("# bot_token: not set"))
    }

    @Test func maskedURLs() {
        #expect(TriageConfig.masked(url: "https://discord.com/api/webhooks/123/abc") == "https://discord.com/api/webhooks/123/***")
        #expect(TriageConfig.masked(url: "http://user:pw@127.0.0.1:8080/hook/xyz?wait=true") == "http://127.0.0.1:8080/hook/***")
        #expect(TriageConfig.masked(url: "https://hooks.example.org") == "https://hooks.example.org/***")
    }

    @Test func printedConfigReadsBack() throws {
        var config = try TriageConfig(toml: Self.full, environment: Self.env)
        config.sources = [:]
        #expect(try TriageConfig(toml: config.tomlText(maskingSecrets: false)) == config)
        #expect(try TriageConfig(toml: TriageConfig.default.tomlText()) == .default)
    }

    @Test(
        "a bad file names the key",
        arguments: [
            ("[discrod]\nguild_id = \"1\"", "discrod", "allowed: discord, webhooks, links, automation, inactivity, log"),
            ("discord = 3", "discord", "must be a table"),
            ("[discord]\nbot_token_env = \"X\"", "discord.bot_token_env", "allowed: application_id, public_key, bot_token"),
            ("[discord]\npublic_key = \"abc\"", "discord.public_key", "64 hexadecimal characters"),
            ("[discord]\nguild_id = \"12ab\"", "discord.guild_id", "not a Discord id"),
            ("[discord]\nstaff_role_ids = \"1\"", "discord.staff_role_ids", "array of Discord role ids"),
            ("[discord]\nstaff_role_ids = [\"1\", \"x\"]", "discord.staff_role_ids", "'x'"),
            ("[discord]\nbot_token = 12", "discord.bot_token", "must be a string"),
            ("[webhooks]\noncall = \"discord.com/api/webhooks/1/x\"", "webhooks.oncall", "http:// or https://"),
            ("[webhooks]\nsenior = \"ftp://x.org/1\"", "webhooks.senior", "http:// or https://"),
            ("[links]\nbase_url = \"not a url\"", "links.base_url", "http:// or https://"),
            ("[automation]\ntimezone = \"Europe/Pariss\"", "automation.timezone", "IANA time zone"),
            ("[automation]\nreminder_digest_at = \"24:00\"", "automation.reminder_digest_at", "HH:MM"),
            ("[automation]\nweekly_report_at = \"9h\"", "automation.weekly_report_at", "on Mondays"),
            ("[automation]\nweekly_report_at = 09:00:30", "automation.weekly_report_at", "HH:MM"),
            ("[inactivity]\nremind_after_hours = -1", "inactivity.remind_after_hours", "from 0 (never) to 8760"),
            ("[inactivity]\nremind_after_hours = \"48\"", "inactivity.remind_after_hours", "must be a number"),
            ("[inactivity]\nremind_after_hours = 48\nclose_after_hours = 24", "inactivity.close_after_hours", "more than"),
            ("[log]\nfile = \"\"", "log.file", "a file path"),
            ("[discord]\nbot_token = \"env:NOPE\"", "discord.bot_token", "NOPE, which is not set"),
            ("[discord]\nbot_token = \"env:EMPTY\"", "discord.bot_token", "EMPTY, which is empty"),
            ("[discord]\nbot_token = \"env:\"", "discord.bot_token", "names no environment variable"),
            ("[inactivity]\nclose_after_hours = \"env:HOURS\"", "inactivity.close_after_hours", "must be a number"),
            ("[discord\n", "config", "line 1"),
        ])
    func badFile(text: String, key: String, fragment: String) {
        #expect {
            try TriageConfig(toml: text, environment: ["EMPTY": "", "HOURS": "two days"])
        } throws: { error in
            guard case TicketError.invalidField(let field, let message) = error else { return false }
            return field == key && message.contains(fragment) && message.contains(key)
        }
    }

    /// The README's example is a real, complete configuration.
    @Test func theReadmeExampleIsValidAndComplete() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "### Configuration"))
        let start = try #require(text.range(of: "```toml\n", range: section.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let example = String(text[start.upperBound..<end.lowerBound])
        let config = try TriageConfig(
            toml: example,
            environment: [
                "TRIAGE_BOT_TOKEN": "t", "TRIAGE_WEBHOOK_ADMIN_TICKETS": "https://discord.com/api/webhooks/1/a",
                "TRIAGE_WEBHOOK_ONCALL": "https://discord.com/api/webhooks/2/b",
                "TRIAGE_WEBHOOK_SENIOR": "https://discord.com/api/webhooks/3/c",
            ])
        #expect(config.automation.timeZone.identifier == "Europe/Paris")
        for key in ConfigKey.allCases {
            #expect(example.contains("\n\(key.name) = ") || example.hasPrefix("\(key.name) = "), "README example lacks \(key.rawValue)")
        }
    }
}
