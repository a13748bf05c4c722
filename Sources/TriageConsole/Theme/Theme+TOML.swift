import TOMLKit
import TriageCore

extension Theme {
    /// The colour names a theme file may use (or a number 0–255, or `#rrggbb`).
    public static let colorNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11, "bright-blue": 12,
        "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses a theme file: a table per role, each with optional `fg`, `bg`, `bold`, `dim`, `underline`, `reverse`.
    /// Roles not named inherit from the built-in dark theme. An unknown role or key, or a bad colour, is a
    /// `TicketError.invalidField` naming the key.
    ///
    /// ```toml
    /// name = "solarized"
    /// [breached]
    /// fg = "#dc322f"
    /// bold = true
    /// ```
    public init(toml text: String, fallbackName: String, base: Theme = BuiltinThemes.dark) throws(TicketError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalidField(field: "theme", message: "theme file: \(error.description) at line \(error.source.begin.line)")
        } catch {
            throw .invalidField(field: "theme", message: "theme file: \(error)")
        }
        var theme = base
        theme.name = fallbackName
        for key in table.keys {
            if key == "name" {
                guard let name = table[key]?.string else { throw Self.bad("name", "must be a string") }
                theme.name = name
                continue
            }
            if key == "description" { continue }
            guard let role = StyleRole(rawValue: key) else {
                throw Self.bad(key, "is not a role; roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let section = table[key]?.table else { throw Self.bad(key, "must be a table ([\(key)])") }
            var style = CellStyle.plain
            for (name, value) in section {
                let path = "\(key).\(name)"
                switch name {
                case "fg": style.foreground = try Self.color(value, key: path)
                case "bg": style.background = try Self.color(value, key: path)
                case "bold", "dim", "underline", "reverse":
                    guard let flag = value.bool else { throw Self.bad(path, "must be true or false") }
                    switch name {
                    case "bold": style.bold = flag
                    case "dim": style.dim = flag
                    case "underline": style.underline = flag
                    default: style.reverse = flag
                    }
                default:
                    throw Self.bad(path, "is not a style key; allowed: fg, bg, bold, dim, underline, reverse")
                }
            }
            theme.styles[role] = style
        }
        self = theme
    }

    static func bad(_ key: String, _ problem: String) -> TicketError {
        .invalidField(field: key, message: "theme key '\(key)' \(problem)")
    }

    static func color(_ value: any TOMLValueConvertible, key: String) throws(TicketError) -> TerminalColor {
        if let number = value.int {
            guard (0...255).contains(number) else { throw bad(key, "must be a colour number from 0 to 255") }
            return .indexed(UInt8(number))
        }
        guard let text = value.string?.lowercased() else { throw bad(key, "must be a colour name, 0-255 or #rrggbb") }
        if text == "default" || text == "none" { return .default }
        if let index = colorNames[text] { return .indexed(index) }
        if text.hasPrefix("#"), text.count == 7, let rgb = Int(text.dropFirst(), radix: 16) {
            return .indexed(Palette.nearest((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF))
        }
        throw bad(
            key, "'\(text)' is not a colour; use default, a name (\(colorNames.keys.sorted().joined(separator: ", "))), 0-255 or #rrggbb")
    }
}
