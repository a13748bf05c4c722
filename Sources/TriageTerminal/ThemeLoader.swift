import Foundation
import TriageConsole
import TriageCore

/// Finds a theme by name or path: a file path, then `themes/NAME.toml` under `$TRIAGE_THEMES` or the current
/// folder, then the built-in themes. A bad file is an error naming the key.
public enum ThemeLoader {
    public static func load(_ nameOrPath: String) throws(TicketError) -> Theme {
        let fm = FileManager.default
        var candidates: [String] = []
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            candidates.append(nameOrPath)
        } else {
            if let dir = ProcessInfo.processInfo.environment["TRIAGE_THEMES"], !dir.isEmpty {
                candidates.append("\(dir)/\(nameOrPath).toml")
            }
            candidates.append("themes/\(nameOrPath).toml")
        }
        for path in candidates where fm.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .invalidField(field: "theme", message: "cannot read the theme file \(path)")
            }
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            do {
                return try Theme(toml: text, fallbackName: name, base: name == "mono" ? Theme.monochrome : BuiltinThemes.dark)
            } catch {
                throw .invalidField(field: error.field, message: "\(path): \(error.description)")
            }
        }
        if let builtin = BuiltinThemes.named(nameOrPath) { return builtin }
        throw .invalidField(
            field: "theme",
            message: "no theme '\(nameOrPath)'; built in: \(BuiltinThemes.texts.keys.sorted().joined(separator: ", ")), or a .toml path")
    }

    /// The theme name to use: `--theme`, else `$TRIAGE_THEME`, else dark.
    public static func requested(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["TRIAGE_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? "dark"
    }
}

extension TicketError {
    var field: String {
        if case .invalidField(let field, _) = self { return field }
        return "theme"
    }
}
