import Foundation

/// The fake's payload checks, as Discord does them (lengths in Unicode code points, design fact 34), plus one Discord
/// does not make: `allowed_mentions` must be present, because Triage sends it on every message.
enum FakeDiscordValidation {
    /// A refusal: Discord's error body `{"code", "message", "errors": {path: {"_errors": [{code, message}]}}}`.
    struct Failure: Error {
        var code: Int
        var message: String
        var errors: [String: String]

        var payload: [String: Any] {
            var tree: [String: Any] = [:]
            for (path, text) in errors {
                tree[path] = ["_errors": [["code": "BASE_TYPE_INVALID", "message": text]]]
            }
            return ["code": code, "message": message, "errors": tree]
        }
    }

    static func check(_ body: [UInt8]) -> Result<[String: Any], Failure> {
        guard let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            return .failure(Failure(code: 50109, message: "The request body contains invalid JSON.", errors: [:]))
        }
        var errors: [String: String] = [:]
        func limit(_ value: Any?, _ max: Int, _ path: String, required: Bool = false) -> Int {
            guard let text = value as? String else {
                if required { errors[path] = "This field is required" }
                return 0
            }
            let length = text.unicodeScalars.count
            if length > max { errors[path] = "Must be \(max) or fewer in length." }
            if required, text.allSatisfy(\.isWhitespace) { errors[path] = "This field is required" }
            return length
        }

        if (json["allowed_mentions"] as? [String: Any])?["parse"] == nil {
            errors["allowed_mentions"] = "FakeDiscord: allowed_mentions with parse is required on every Triage message"
        }
        let contentLength = limit(json["content"], 2000, "content")
        let embeds = json["embeds"] as? [[String: Any]] ?? []
        if embeds.count > 10 { errors["embeds"] = "Must be 10 or fewer in length." }
        var total = 0
        for (index, embed) in embeds.enumerated() {
            let path = "embeds.\(index)"
            total += limit(embed["title"], 256, "\(path).title")
            total += limit(embed["description"], 4096, "\(path).description")
            total += limit((embed["footer"] as? [String: Any])?["text"], 2048, "\(path).footer.text")
            total += limit((embed["author"] as? [String: Any])?["name"], 256, "\(path).author.name")
            if let url = embed["url"] as? String, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                errors["\(path).url"] = "Scheme must be one of ('http', 'https')."
            }
            let fields = embed["fields"] as? [[String: Any]] ?? []
            if fields.count > 25 { errors["\(path).fields"] = "Must be 25 or fewer in length." }
            for (number, field) in fields.enumerated() {
                total += limit(field["name"], 256, "\(path).fields.\(number).name", required: true)
                total += limit(field["value"], 1024, "\(path).fields.\(number).value", required: true)
            }
        }
        if total > 6000 { errors["embeds"] = "Embed size exceeds maximum size of 6000" }
        if let nonce = json["nonce"] as? String, nonce.count > 25 { errors["nonce"] = "Must be 25 or fewer in length." }
        if !errors.isEmpty { return .failure(Failure(code: 50035, message: "Invalid Form Body", errors: errors)) }

        let hasContent = contentLength > 0 && !((json["content"] as? String) ?? "").allSatisfy(\.isWhitespace)
        let hasComponents = !((json["components"] as? [Any]) ?? []).isEmpty
        if !hasContent && embeds.isEmpty && !hasComponents {
            return .failure(Failure(code: 50006, message: "Cannot send an empty message", errors: [:]))
        }
        return .success(json)
    }
}
