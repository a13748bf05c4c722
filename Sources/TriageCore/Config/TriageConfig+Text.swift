import Foundation

extension TriageConfig {
    /// The configuration in force as a `config.toml` (what `triage config show` prints), key by key in `ConfigKey`
    /// order; unset keys are comments. With `maskingSecrets` (the default) the bot token reads `"***"` and each webhook
    /// URL keeps everything but its token (`https://discord.com/api/webhooks/123/***`); a value read from the
    /// environment says so (`# from env:TRIAGE_BOT_TOKEN`). Unmasked, the text reads back to the same configuration.
    public func tomlText(maskingSecrets: Bool = true) -> String {
        var lines: [String] = []
        for section in ConfigKey.sections {
            if !lines.isEmpty { lines.append("") }
            lines.append("[\(section)]")
            for key in ConfigKey.allCases where key.section == section {
                guard let value = literal(key, masked: maskingSecrets) else {
                    let why = unresolved[key].map { " (env:\($0) is not set)" } ?? ""
                    lines.append("# \(key.name): not set\(why)")
                    continue
                }
                let source = sources[key].map { "  # from env:\($0)" } ?? ""
                lines.append("\(key.name) = \(value)\(source)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A secret URL with its token hidden: the scheme, host and every path segment but the last, then `***`
    /// (Discord webhooks are `…/webhooks/<id>/<token>`); user info, query and fragment are dropped.
    public static func masked(url text: String) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme, let host = components.host else {
            return "***"
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let segments = components.path.split(separator: "/").dropLast()
        return "\(scheme)://\(host)\(port)" + segments.map { "/\($0)" }.joined() + "/***"
    }

    /// The TOML literal of a key's value in force, or nil when it is unset.
    private func literal(_ key: ConfigKey, masked: Bool) -> String? {
        func string(_ value: String?) -> String? { value.map(Self.quoted) }
        func secretURL(_ value: String?) -> String? { value.map { Self.quoted(masked ? Self.masked(url: $0) : $0) } }
        switch key {
        case .applicationID: return string(discord.applicationID)
        case .publicKey: return string(discord.publicKey)
        case .botToken: return discord.botToken.map { Self.quoted(masked ? "***" : $0) }
        case .apiBase: return string(discord.apiBase)
        case .guildID: return string(discord.guildID)
        case .staffRoleIDs: return "[" + discord.staffRoleIDs.map(Self.quoted).joined(separator: ", ") + "]"
        case .oncallRoleID: return string(discord.oncallRoleID)
        case .seniorRoleID: return string(discord.seniorRoleID)
        case .adminTicketsWebhook: return secretURL(webhooks.adminTickets)
        case .oncallWebhook: return secretURL(webhooks.oncall)
        case .seniorWebhook: return secretURL(webhooks.senior)
        case .baseURL: return string(links.baseURL)
        case .timezone:
            // Foundation names UTC "GMT" on Linux: print the name the file would use.
            let zone = automation.timeZone
            return string(zone == TimeZone(identifier: "UTC") ? "UTC" : zone.identifier)
        case .reminderDigestAt: return string(automation.reminderDigestAt.description)
        case .weeklyReportAt: return string(automation.weeklyReportAt.description)
        case .remindAfterHours: return Self.number(inactivity.remindAfterHours)
        case .closeAfterHours: return Self.number(inactivity.closeAfterHours)
        case .logFile: return string(log.file)
        }
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
