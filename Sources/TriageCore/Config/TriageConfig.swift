import Foundation

/// Triage's settings (`config.toml`, SPEC §8): Discord, the webhooks, the tracking links, the automation schedule,
/// the inactivity rules and the notification log. Every key is optional; the defaults below stand for what is unset.
///
/// Pure: `init(toml:environment:)` (in `TriageConfig+TOML.swift`) parses text and an environment passed in; reading
/// the file is the CLI's job. `tomlText(maskingSecrets:)` prints what is in force by the same list of keys.
public struct TriageConfig: Sendable, Equatable {
    public var discord = Discord()
    public var webhooks = Webhooks()
    public var links = Links()
    public var automation = Automation()
    public var inactivity = Inactivity()
    public var log = Log()
    /// The keys whose value came from the environment (`"env:VAR"`), with the variable's name.
    public var sources: [ConfigKey: String] = [:]
    /// Keys left unset because their variable was missing or empty, when parsed with `requireEnvironment: false`.
    public var unresolved: [ConfigKey: String] = [:]

    public init() {}

    /// Everything unset: no Discord, no webhooks, UTC, digests at 09:00, reminders after 48h, never closed.
    public static let `default` = TriageConfig()

    /// `[discord]`: the application (interactions, slash commands, direct messages) and the guild's roles.
    public struct Discord: Sendable, Equatable {
        public static let defaultAPIBase = "https://discord.com/api/v10"

        /// Snowflakes, as decimal strings (Discord's JSON form).
        public var applicationID: String?
        /// The application's Ed25519 public key: 64 lowercase hex characters.
        public var publicKey: String?
        /// A secret: the bot token for direct messages and command registration.
        public var botToken: String?
        /// No trailing slash.
        public var apiBase = Discord.defaultAPIBase
        public var guildID: String?
        /// Members with any of these roles are staff.
        public var staffRoleIDs: [String] = []
        /// The role mentioned by pages (critical tickets, breaches).
        public var oncallRoleID: String?
        public var seniorRoleID: String?

        public init() {}
    }

    /// `[webhooks]`: one Discord webhook URL per channel. URLs are secrets (their last segment is a token).
    public struct Webhooks: Sendable, Equatable {
        public var adminTickets: String?
        public var oncall: String?
        public var senior: String?

        public init() {}

        /// The webhook for a channel target; nil for other targets (the user, the log) and for unset ones.
        public subscript(target: NotificationTarget) -> String? {
            switch target {
            case .adminTickets: adminTickets
            case .oncall: oncall
            case .senior: senior
            default: nil
            }
        }
    }

    /// `[links]`: tracking links are `base_url/TKT…` (`TicketURL.make`).
    public struct Links: Sendable, Equatable {
        /// No trailing slash.
        public var baseURL = TicketURL.defaultBase

        public init() {}
    }

    /// `[automation]`: the desk's time zone and the local times of the scheduled posts.
    public struct Automation: Sendable, Equatable {
        public var timeZone = TimeZone(identifier: "UTC")!
        /// The daily reminder digest.
        public var reminderDigestAt = TimeOfDay.nine
        /// The weekly report, on Mondays.
        public var weeklyReportAt = TimeOfDay.nine

        public init() {}

        /// When the digests fire, in this time zone.
        public var schedule: DigestSchedule {
            DigestSchedule(timeZone: timeZone, reminderAt: reminderDigestAt, weeklyAt: weeklyReportAt)
        }
    }

    /// `[inactivity]`: tickets waiting on the user. 0 hours means never.
    public struct Inactivity: Sendable, Equatable {
        public var remindAfterHours: Double = 48
        public var closeAfterHours: Double = 0

        public init(remindAfterHours: Double = 48, closeAfterHours: Double = 0) {
            self.remindAfterHours = remindAfterHours
            self.closeAfterHours = closeAfterHours
        }

        public var reminds: Bool { remindAfterHours > 0 }
        public var closes: Bool { closeAfterHours > 0 }
    }

    /// `[log]`: the JSON-lines notification log (none when unset).
    public struct Log: Sendable, Equatable {
        public var file: String?

        public init() {}
    }
}
