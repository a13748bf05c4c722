import Foundation

/// A message as Discord's Execute Webhook and Create Message endpoints take it (JSON names as Discord spells them).
///
/// `allowed_mentions` is not optional: every message Triage sends says which mentions may ping, so that user text
/// can never ping anyone (design fact 30). Call `fitted()` (the client does) to bring any message within Discord's
/// limits before it is sent.
public struct DiscordMessage: Sendable, Equatable, Codable {
    /// Plain text above the embeds (≤ 2000 code points). Triage puts only its own words here, such as a role ping.
    public var content: String?
    /// At most 10 embeds, 6000 code points in all.
    public var embeds: [DiscordEmbed]
    /// Which mentions in `content` may notify; always encoded.
    public var allowedMentions: AllowedMentions
    public var flags: Flags?
    /// An idempotency key for bot Create Message (≤ 25 characters); ignored by webhooks.
    public var nonce: String?
    /// With a nonce: a repeated nonce returns the first message instead of posting again.
    public var enforceNonce: Bool?
    /// Buttons (bot messages and application-owned webhooks only).
    public var components: [DiscordActionRow]?

    enum CodingKeys: String, CodingKey {
        case content, embeds, flags, nonce, components
        case allowedMentions = "allowed_mentions"
        case enforceNonce = "enforce_nonce"
    }

    public init(
        content: String? = nil, embeds: [DiscordEmbed] = [], allowedMentions: AllowedMentions = .none, flags: Flags? = nil,
        nonce: String? = nil, enforceNonce: Bool? = nil, components: [DiscordActionRow]? = nil
    ) {
        self.content = content
        self.embeds = embeds
        self.allowedMentions = allowedMentions
        self.flags = flags
        self.nonce = nonce
        self.enforceNonce = enforceNonce
        self.components = components
    }

    /// The JSON body as sent: sorted keys and unescaped slashes, so that payloads are stable and readable in logs.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Message flags (a bit field, encoded as an integer).
    public struct Flags: OptionSet, Sendable, Equatable, Codable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// No link previews.
        public static let suppressEmbeds = Flags(rawValue: 1 << 2)
        /// Visible only to the user who invoked an interaction (interaction responses only).
        public static let ephemeral = Flags(rawValue: 1 << 6)
        /// Posted without a push or desktop notification: digests, never pages (design fact 31).
        public static let suppressNotifications = Flags(rawValue: 1 << 12)

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(Int.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }
}

/// Discord's Allowed Mentions object: which mentions in a message may notify.
///
/// `parse` is always empty in Triage (no `@everyone`, no role or user parsed from text); `roles` names the only role a
/// page may ping, Triage's configured on-call role.
public struct AllowedMentions: Sendable, Equatable, Codable {
    public var parse: [String]
    public var roles: [String]?

    public init(parse: [String] = [], roles: [String]? = nil) {
        self.parse = parse
        self.roles = roles
    }

    /// `{"parse": []}`: nothing pings.
    public static let none = AllowedMentions()

    /// `{"parse": [], "roles": [id]}`: only this role may ping.
    public static func role(_ id: String) -> AllowedMentions { AllowedMentions(roles: [id]) }
}
