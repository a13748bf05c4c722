import Foundation

/// An interaction as Discord posts it to the interactions endpoint (design facts 8, 15, 19, 21): only the fields
/// Triage reads. Unknown fields are ignored; `data` and the message's components stay as JSON trees.
public struct Interaction: Sendable, Decodable {
    /// Interaction types (`receiving-and-responding.mdx`, "Interaction Type").
    public enum Kind: Int, Sendable {
        case ping = 1
        case command = 2
        case component = 3
        case autocomplete = 4
        case modalSubmit = 5
    }

    public var id: String
    public var applicationID: String
    public var type: Int
    /// Valid for 15 minutes: the follow-up routes take it.
    public var token: String
    /// The invoking user's client language (`fr`, `en-US`); `guild_locale` when absent.
    public var locale: String?
    public var guildLocale: String?
    /// In a guild: the member, with their roles.
    public var member: Member?
    /// In a DM: the user.
    public var user: User?
    public var data: JSONValue?
    /// The message a component was on.
    public var message: Message?

    enum CodingKeys: String, CodingKey {
        case id, type, token, locale, member, user, data, message
        case applicationID = "application_id"
        case guildLocale = "guild_locale"
    }

    public var kind: Kind? { Kind(rawValue: type) }

    /// Who invoked it: `member.user` in a guild, `user` in a DM.
    public var invoker: User? { member?.user ?? user }

    public struct Member: Sendable, Decodable {
        public var user: User?
        public var roles: [String]?
    }

    public struct User: Sendable, Decodable {
        public var id: String
        public var username: String?
        public var globalName: String?

        enum CodingKeys: String, CodingKey {
            case id, username
            case globalName = "global_name"
        }

        /// The name people see: the display name, else the username.
        public var displayName: String? { globalName ?? username }
    }

    public struct Message: Sendable, Decodable {
        public var id: String?
        public var content: String?
        public var components: [JSONValue]?
    }

    /// Whether a member holds one of `roles` (never true in a DM).
    public func hasRole(in roles: [String]) -> Bool {
        guard let held = member?.roles, !roles.isEmpty else { return false }
        return !Set(held).isDisjoint(with: roles)
    }

    // MARK: Data

    /// The `custom_id` of a component or modal submit.
    public var customID: String? { data?["custom_id"]?.string }

    /// The command's name (`ticket`).
    public var commandName: String? { data?["name"]?.string }

    /// The subcommand (`create`) and its options by name, as strings; the focused option's name for autocomplete.
    public var subcommand: (name: String, options: [String: String], focused: String?)? {
        guard let first = data?["options"]?.array?.first, first["type"]?.int == 1, let name = first["name"]?.string else { return nil }
        var options: [String: String] = [:]
        var focused: String?
        for option in first["options"]?.array ?? [] {
            guard let key = option["name"]?.string else { continue }
            switch option["value"] {
            case .string(let value)?: options[key] = value
            case .int(let value)?: options[key] = String(value)
            case .double(let value)?: options[key] = String(value)
            case .bool(let value)?: options[key] = String(value)
            default: break
            }
            if case .bool(true)? = option["focused"] { focused = key }
        }
        return (name, options, focused)
    }

    /// A modal submit's values by `custom_id`: a Text Input's `value`, a select's first of `values` (Label-wrapped
    /// components as Discord sends them now, and legacy Action Rows).
    public var modalValues: [String: String] {
        var values: [String: String] = [:]
        for node in data?["components"].map(\.descendants) ?? [] {
            guard let id = node["custom_id"]?.string else { continue }
            if let value = node["value"]?.string {
                values[id] = value
            } else if let first = node["values"]?.array?.first?.string {
                values[id] = first
            }
        }
        return values
    }
}
