import Foundation
import TOMLKit

extension TriageConfig {
    /// Parses `config.toml`. Every key is optional (the default stands). Any value may be written `"env:VAR"`: it is
    /// then read from `environment` (an array as a comma-separated list, a number as text), and a missing or empty
    /// variable is an error naming the key and the variable — or, with `requireEnvironment: false`, leaves the key
    /// unset and listed in `unresolved` (for commands that need none of the secrets). An unknown section or key, a
    /// wrong type, a bad value or a malformed file is a `TicketError.invalidField` naming the key (`discord.public_key`)
    /// and what is allowed.
    ///
    /// ```toml
    /// [discord]
    /// public_key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    /// bot_token = "env:TRIAGE_BOT_TOKEN"
    /// staff_role_ids = ["223456789012345678"]
    /// [automation]
    /// timezone = "Europe/Paris"
    /// reminder_digest_at = "09:00"
    /// ```
    public init(toml text: String, environment: [String: String] = [:], requireEnvironment: Bool = true) throws(TicketError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalidField(field: "config", message: "config file: \(error.description) at line \(error.source.begin.line)")
        } catch {
            throw .invalidField(field: "config", message: "config file: \(error)")
        }
        var config = TriageConfig()
        for section in table.keys {
            guard ConfigKey.sections.contains(section) else {
                throw Self.bad(section, "is not a config section; allowed: \(ConfigKey.sections.joined(separator: ", "))")
            }
            guard let values = table[section]?.table else { throw Self.bad(section, "must be a table ([\(section)])") }
            for (name, value) in values {
                guard let key = ConfigKey(rawValue: "\(section).\(name)") else {
                    throw Self.bad("\(section).\(name)", "is not a [\(section)] setting; allowed: \(ConfigKey.names(in: section))")
                }
                let raw: Raw
                if let text = value.string, text.hasPrefix("env:") {
                    let variable = String(text.dropFirst(4))
                    guard variable.first.map({ $0 == "_" || ($0.isASCII && $0.isLetter) }) == true,
                        variable.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
                    else { throw Self.bad(key.rawValue, "names no environment variable: '\(text)' (write \"env:NAME\")") }
                    guard let found = environment[variable], !found.isEmpty else {
                        if !requireEnvironment {
                            config.unresolved[key] = variable
                            continue
                        }
                        throw Self.bad(
                            key.rawValue,
                            "reads the environment variable \(variable), which is \(environment[variable] == nil ? "not set" : "empty")")
                    }
                    config.sources[key] = variable
                    raw = .env(found)
                } else {
                    raw = .toml(value)
                }
                try config.apply(raw, to: key)
            }
        }
        let inactivity = config.inactivity
        if inactivity.reminds, inactivity.closes, inactivity.closeAfterHours <= inactivity.remindAfterHours {
            throw Self.bad(
                ConfigKey.closeAfterHours.rawValue,
                "must be 0 (never) or more than inactivity.remind_after_hours (\(Self.number(inactivity.remindAfterHours))), so the user is reminded before the ticket closes"
            )
        }
        self = config
    }

    /// A value as written in the file, or the text of the environment variable it names.
    enum Raw {
        case toml(any TOMLValueConvertible)
        case env(String)
    }

    private mutating func apply(_ raw: Raw, to key: ConfigKey) throws(TicketError) {
        switch key {
        case .applicationID: discord.applicationID = try Self.snowflake(raw, key)
        case .guildID: discord.guildID = try Self.snowflake(raw, key)
        case .oncallRoleID: discord.oncallRoleID = try Self.snowflake(raw, key)
        case .seniorRoleID: discord.seniorRoleID = try Self.snowflake(raw, key)
        case .staffRoleIDs: discord.staffRoleIDs = try Self.snowflakes(raw, key)
        case .publicKey:
            let hex = try Self.text(raw, key).lowercased()
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { throw Self.bad(key, "must be \(key.expected)") }
            discord.publicKey = hex
        case .botToken:
            let token = try Self.text(raw, key).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty, !token.contains(where: \.isWhitespace) else { throw Self.bad(key, "must be \(key.expected)") }
            discord.botToken = token
        case .apiBase: discord.apiBase = try Self.url(raw, key)
        case .adminTicketsWebhook: webhooks.adminTickets = try Self.url(raw, key)
        case .oncallWebhook: webhooks.oncall = try Self.url(raw, key)
        case .seniorWebhook: webhooks.senior = try Self.url(raw, key)
        case .baseURL: links.baseURL = try Self.url(raw, key)
        case .timezone:
            let name = try Self.text(raw, key).trimmingCharacters(in: .whitespaces)
            guard let zone = TimeZone(identifier: name) else { throw Self.bad(key, "'\(name)' is not \(key.expected)") }
            automation.timeZone = zone
        case .reminderDigestAt: automation.reminderDigestAt = try Self.timeOfDay(raw, key)
        case .weeklyReportAt: automation.weeklyReportAt = try Self.timeOfDay(raw, key)
        case .remindAfterHours: inactivity.remindAfterHours = try Self.hours(raw, key)
        case .closeAfterHours: inactivity.closeAfterHours = try Self.hours(raw, key)
        case .logFile:
            let path = try Self.text(raw, key)
            guard !path.trimmingCharacters(in: .whitespaces).isEmpty, !path.contains("\0") else {
                throw Self.bad(key, "must be \(key.expected)")
            }
            log.file = path
        }
    }

    static func bad(_ key: ConfigKey, _ problem: String) -> TicketError { bad(key.rawValue, problem) }

    static func bad(_ key: String, _ problem: String) -> TicketError {
        .invalidField(field: key, message: "config key '\(key)' \(problem)")
    }

    private static func text(_ raw: Raw, _ key: ConfigKey) throws(TicketError) -> String {
        switch raw {
        case .env(let text): return text
        case .toml(let value):
            guard let text = value.string else { throw bad(key, "must be a string: \(key.expected)") }
            return text
        }
    }

    private static func snowflake(_ raw: Raw, _ key: ConfigKey) throws(TicketError) -> String {
        if case .toml(let value) = raw, let int = value.int, int >= 0 { return String(int) }
        let text = try Self.text(raw, key)
        guard let id = UserID(text) else { throw bad(key, "'\(text)' is not \(key.expected)") }
        return id.description
    }

    private static func snowflakes(_ raw: Raw, _ key: ConfigKey) throws(TicketError) -> [String] {
        let items: [String]
        switch raw {
        case .env(let text):
            items = text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        case .toml(let value):
            guard let array = value.array else { throw bad(key, "must be \(key.expected)") }
            items = try array.map { (item: any TOMLValueConvertible) throws(TicketError) -> String in
                if let int = item.int, int >= 0 { return String(int) }
                guard let text = item.string else { throw bad(key, "must be \(key.expected)") }
                return text
            }
        }
        return try items.map { (item: String) throws(TicketError) -> String in
            guard let id = UserID(item) else { throw bad(key, "holds '\(item)', which is not a Discord id; must be \(key.expected)") }
            return id.description
        }
    }

    private static func url(_ raw: Raw, _ key: ConfigKey) throws(TicketError) -> String {
        var text = try Self.text(raw, key).trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, !text.contains(where: \.isWhitespace)
        else { throw bad(key, "must be \(key.expected)") }
        return text
    }

    private static func timeOfDay(_ raw: Raw, _ key: ConfigKey) throws(TicketError) -> TimeOfDay {
        if case .toml(let value) = raw, let time = value.time {
            guard time.second == 0, time.nanoSecond == 0, let parsed = TimeOfDay(hour: time.hour, minute: time.minute) else {
                throw bad(key, "must be \(key.expected)")
            }
            return parsed
        }
        let text = try Self.text(raw, key)
        guard let time = TimeOfDay(text) else { throw bad(key, "'\(text)' is not \(key.expected)") }
        return time
    }

    private static func hours(_ raw: Raw, _ key: ConfigKey) throws(TicketError) -> Double {
        let hours: Double?
        switch raw {
        case .env(let text): hours = Double(text.trimmingCharacters(in: .whitespaces))
        case .toml(let value): hours = value.int.map(Double.init) ?? value.double
        }
        guard let hours else { throw bad(key, "must be a number: \(key.expected)") }
        guard hours.isFinite, (0...8760).contains(hours) else { throw bad(key, "must be \(key.expected)") }
        return hours
    }

    /// `48`, `1.5`: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
