import Foundation
import TriageCore

/// Finds the canned replies: every `*.md` or `*.txt` file under `$TRIAGE_REPLIES` and under `replies/` in the current
/// folder (the search of `ThemeLoader`, which looks in `$TRIAGE_THEMES` then `themes/`), one reply per file, named by
/// its path there (`fr/refund-delay`); a name found in `$TRIAGE_REPLIES` wins. A file without a title and a text is
/// skipped and named in `problems`.
public enum ReplyLoader {
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> (
        templates: [ReplyTemplate], problems: [String]
    ) {
        var folders: [String] = []
        if let dir = environment["TRIAGE_REPLIES"], !dir.isEmpty { folders.append(dir) }
        folders.append("replies")
        var found: [String: ReplyTemplate] = [:]
        var problems: [String] = []
        for folder in folders {
            for (id, path) in files(in: folder) where found[id] == nil {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8), let template = ReplyTemplate(id: id, text: text) else {
                    problems.append(path)
                    continue
                }
                found[id] = template
            }
        }
        return (found.values.sorted { $0.id < $1.id }, problems)
    }

    /// The reply files under a folder, by id (their path there without the extension), in name order.
    static func files(in folder: String) -> [(String, String)] {
        let fm = FileManager.default
        guard let relative = fm.enumerator(atPath: folder) else { return [] }
        var files: [(String, String)] = []
        for case let path as String in relative {
            let ext = (path as NSString).pathExtension
            guard ["md", "txt"].contains(ext), !(path as NSString).lastPathComponent.hasPrefix(".") else { continue }
            let full = (folder as NSString).appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files.append(((path as NSString).deletingPathExtension, full))
        }
        return files.sorted { $0.0 < $1.0 }
    }
}
