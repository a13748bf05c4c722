import Foundation

/// A Discord webhook URL, normalised to API v10 (design fact 29): `https://discord.com/api/webhooks/ID/TOKEN` (as
/// copied from Discord, which would default to the deprecated v6), `discordapp.com`, `ptb.`/`canary.` hosts, and a
/// local test server's `http://127.0.0.1:PORT/api/webhooks/ID/TOKEN` all become `…/api/v10/webhooks/ID/TOKEN`; a
/// URL that already names a version keeps `v10`.
///
/// The token is a bearer secret (fact 36): `description` and `redacted` show `…/webhooks/ID/***`, never the token.
public struct WebhookURL: Sendable, Equatable, CustomStringConvertible {
    /// `scheme://host[:port]` as given.
    public let origin: String
    public let id: String
    let token: String
    /// Query items other than `wait` (such as `thread_id`), kept.
    let extraQuery: [URLQueryItem]

    /// Parses a webhook URL; `nil` when it is not `http(s)://host/api[/vN]/webhooks/{id}/{token}`.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host, !host.isEmpty
        else { return nil }
        var parts = components.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.first == "api" else { return nil }
        parts.removeFirst()
        if let version = parts.first, version.hasPrefix("v"), version.dropFirst().allSatisfy(\.isNumber), version.count > 1 {
            parts.removeFirst()
        }
        guard parts.count == 2 || parts.count == 3, parts[0] == "webhooks" else { return nil }
        let id = parts[1]
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let token = parts.count == 3 ? parts[2] : ""
        guard !token.isEmpty, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        origin = "\(scheme)://\(host)\(port)"
        self.id = id
        self.token = token
        extraQuery = (components.queryItems ?? []).filter { $0.name.lowercased() != "wait" }
    }

    /// The URL to POST to: `{origin}/api/v10/webhooks/{id}/{token}?wait=true` (plus any other query items).
    public var executeURL: String {
        var query = [URLQueryItem(name: "wait", value: "true")] + extraQuery
        query = query.filter { !$0.name.isEmpty }
        let text = query.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }.joined(separator: "&")
        return "\(origin)/api/v10/webhooks/\(id)/\(token)?\(text)"
    }

    /// `{origin}/api/v10/webhooks/{id}/***`: safe for logs and error messages.
    public var redacted: String { "\(origin)/api/v10/webhooks/\(id)/***" }

    public var description: String { redacted }

    /// `text` with every webhook token replaced by `***` (`/webhooks/ID/TOKEN` → `/webhooks/ID/***`) and each of
    /// `secrets` replaced wherever it appears: applied to every reason and log line that could quote a URL or token.
    public static func redact(_ text: String, secrets: [String] = []) -> String {
        var out = text
        for secret in secrets where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        var result = ""
        var rest = Substring(out)
        while let range = rest.range(of: "/webhooks/") {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let id = rest.prefix { $0.isASCII && $0.isNumber }
            result += id
            rest = rest[id.endIndex...]
            guard !id.isEmpty, rest.first == "/" else { continue }
            let token = rest.dropFirst().prefix { !($0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace || $0 == "\"" || $0 == "'") }
            result += token.isEmpty ? "/" : "/***"
            rest = rest[token.endIndex...]
        }
        return result + rest
    }
}
