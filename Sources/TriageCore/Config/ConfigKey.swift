import Foundation

/// Every key of `config.toml`, in the order `triage config show` prints them: the one list the parser checks names
/// against and the printer walks.
public enum ConfigKey: String, CaseIterable, Sendable {
    case applicationID = "discord.application_id"
    case publicKey = "discord.public_key"
    case botToken = "discord.bot_token"
    case apiBase = "discord.api_base"
    case guildID = "discord.guild_id"
    case staffRoleIDs = "discord.staff_role_ids"
    case oncallRoleID = "discord.oncall_role_id"
    case seniorRoleID = "discord.senior_role_id"
    case adminTicketsWebhook = "webhooks.admin_tickets"
    case oncallWebhook = "webhooks.oncall"
    case seniorWebhook = "webhooks.senior"
    case baseURL = "links.base_url"
    case timezone = "automation.timezone"
    case reminderDigestAt = "automation.reminder_digest_at"
    case weeklyReportAt = "automation.weekly_report_at"
    case remindAfterHours = "inactivity.remind_after_hours"
    case closeAfterHours = "inactivity.close_after_hours"
    case logFile = "log.file"

    /// `discord` in `discord.bot_token`.
    public var section: String { String(rawValue.prefix { $0 != "." }) }
    /// `bot_token` in `discord.bot_token`.
    public var name: String { String(rawValue.drop { $0 != "." }.dropFirst()) }

    /// Secrets are masked when printed: the bot token and the webhook URLs (whose last segment is a token).
    public var isSecret: Bool {
        switch self {
        case .botToken, .adminTicketsWebhook, .oncallWebhook, .seniorWebhook: true
        default: false
        }
    }

    /// The sections, in order.
    public static let sections: [String] = allCases.reduce(into: []) { sections, key in
        if sections.last != key.section { sections.append(key.section) }
    }

    /// The key names of a section, comma-separated, for error messages.
    static func names(in section: String) -> String {
        allCases.filter { $0.section == section }.map(\.name).joined(separator: ", ")
    }

    /// What a value must look like, for error messages and the printed file's comments.
    var expected: String {
        switch self {
        case .applicationID, .guildID, .oncallRoleID, .seniorRoleID: "a Discord id (a snowflake: digits, as a string)"
        case .staffRoleIDs: "an array of Discord role ids ([\"123456789012345678\"])"
        case .publicKey: "the application's Ed25519 public key: 64 hexadecimal characters"
        case .botToken: "the bot token (a string without spaces)"
        case .apiBase, .baseURL: "an http:// or https:// URL"
        case .adminTicketsWebhook, .oncallWebhook, .seniorWebhook: "a webhook URL (http:// or https://)"
        case .timezone: "an IANA time zone name (UTC, Europe/Paris, America/New_York)"
        case .reminderDigestAt: "a local time \"HH:MM\" (00:00 to 23:59)"
        case .weeklyReportAt: "a local time \"HH:MM\" on Mondays (00:00 to 23:59)"
        case .remindAfterHours, .closeAfterHours: "a number of hours from 0 (never) to 8760"
        case .logFile: "a file path"
        }
    }
}
