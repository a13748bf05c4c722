import Foundation

/// An application command as Discord's API takes and returns it (`POST`/`PUT …/commands`, design fact 14): a
/// CHAT_INPUT command with its options, subcommands and choices, and their localizations.
///
/// Decoding ignores what Discord adds (`id`, `version`, `application_id`, `dm_permission` …); `normalized` removes the
/// differences of form that are not differences of meaning, so that what Triage defines can be compared with what
/// Discord has.
public struct ApplicationCommand: Sendable, Equatable, Codable {
    /// `1` CHAT_INPUT (a slash command).
    public var type: Int?
    public var name: String
    /// 1–100 characters.
    public var description: String
    public var nameLocalizations: [String: String]?
    public var descriptionLocalizations: [String: String]?
    public var options: [ApplicationCommandOption]?

    enum CodingKeys: String, CodingKey {
        case type, name, description, options
        case nameLocalizations = "name_localizations"
        case descriptionLocalizations = "description_localizations"
    }

    public init(
        name: String, description: String, descriptionLocalizations: [String: String]? = nil, options: [ApplicationCommandOption]? = nil
    ) {
        type = 1
        self.name = name
        self.description = description
        self.descriptionLocalizations = descriptionLocalizations
        self.options = options
    }

    /// The same command with defaults made explicit and empty values removed (`type` 1, no empty dictionary, no
    /// `required: false`): equal for two forms Discord treats the same.
    public var normalized: ApplicationCommand {
        var command = self
        command.type = type ?? 1
        command.nameLocalizations = Self.nonEmpty(nameLocalizations)
        command.descriptionLocalizations = Self.nonEmpty(descriptionLocalizations)
        command.options = options.flatMap { $0.isEmpty ? nil : $0.map(\.normalized) }
        return command
    }

    /// The characters Discord counts toward its 8000 limit per command: every name, description and choice value,
    /// of the command, its options and choices, each counted at its longest localization.
    public var limitedLength: Int {
        Self.longest(name, nameLocalizations) + Self.longest(description, descriptionLocalizations)
            + (options ?? []).map(\.limitedLength).reduce(0, +)
    }

    static func nonEmpty(_ map: [String: String]?) -> [String: String]? {
        guard let map, !map.isEmpty else { return nil }
        return map
    }

    static func longest(_ text: String, _ localizations: [String: String]?) -> Int {
        ([text] + (localizations ?? [:]).values).map(\.unicodeScalars.count).max() ?? 0
    }
}

/// An option of an application command: a subcommand (type 1) with options of its own, or a value (type 3 STRING).
public struct ApplicationCommandOption: Sendable, Equatable, Codable {
    /// Option types Triage uses (design fact 14).
    public static let subcommand = 1
    public static let string = 3

    public var type: Int
    public var name: String
    /// 1–100 characters.
    public var description: String
    public var nameLocalizations: [String: String]?
    public var descriptionLocalizations: [String: String]?
    public var required: Bool?
    /// With choices, they are the only valid values (≤ 25).
    public var choices: [Choice]?
    /// A subcommand's options.
    public var options: [ApplicationCommandOption]?
    public var minLength: Int?
    /// STRING: up to 6000.
    public var maxLength: Int?
    /// The endpoint suggests values as the user types (incompatible with `choices`).
    public var autocomplete: Bool?

    enum CodingKeys: String, CodingKey {
        case type, name, description, required, choices, options, autocomplete
        case nameLocalizations = "name_localizations"
        case descriptionLocalizations = "description_localizations"
        case minLength = "min_length"
        case maxLength = "max_length"
    }

    public init(
        type: Int, name: String, description: String, descriptionLocalizations: [String: String]? = nil, required: Bool? = nil,
        choices: [Choice]? = nil, options: [ApplicationCommandOption]? = nil, maxLength: Int? = nil, autocomplete: Bool? = nil
    ) {
        self.type = type
        self.name = name
        self.description = description
        self.descriptionLocalizations = descriptionLocalizations
        self.required = required
        self.choices = choices
        self.options = options
        self.maxLength = maxLength
        self.autocomplete = autocomplete
    }

    var normalized: ApplicationCommandOption {
        var option = self
        option.nameLocalizations = ApplicationCommand.nonEmpty(nameLocalizations)
        option.descriptionLocalizations = ApplicationCommand.nonEmpty(descriptionLocalizations)
        option.required = required == true ? true : nil
        option.autocomplete = autocomplete == true ? true : nil
        option.choices = choices.flatMap { $0.isEmpty ? nil : $0.map(\.normalized) }
        option.options = options.flatMap { $0.isEmpty ? nil : $0.map(\.normalized) }
        return option
    }

    var limitedLength: Int {
        ApplicationCommand.longest(name, nameLocalizations) + ApplicationCommand.longest(description, descriptionLocalizations)
            + (choices ?? []).map(\.limitedLength).reduce(0, +) + (options ?? []).map(\.limitedLength).reduce(0, +)
    }

    /// A predefined value: `name` is what the user sees (localized), `value` what the interaction carries.
    public struct Choice: Sendable, Equatable, Codable {
        public var name: String
        public var nameLocalizations: [String: String]?
        public var value: String

        enum CodingKeys: String, CodingKey {
            case name, value
            case nameLocalizations = "name_localizations"
        }

        public init(name: String, nameLocalizations: [String: String]? = nil, value: String) {
            self.name = name
            self.nameLocalizations = nameLocalizations
            self.value = value
        }

        var normalized: Choice {
            var choice = self
            choice.nameLocalizations = ApplicationCommand.nonEmpty(nameLocalizations)
            return choice
        }

        var limitedLength: Int { ApplicationCommand.longest(name, nameLocalizations) + value.unicodeScalars.count }
    }
}
