import Foundation

/// What became of one delivery attempt to Discord, classified for the outbox (design §5.4). Reasons never contain a
/// webhook or bot token.
///
/// | outcome | when | the outbox |
/// |---|---|---|
/// | `delivered` | 2xx | done; pause the target for `pauseFor` if the bucket is empty |
/// | `rateLimited` | 429 | wait exactly `retryAfter`, not a failure; `global` pauses every Discord target |
/// | `retry` | 5xx, timeout, no connection, connection lost before the request was fully sent | back off and retry |
/// | `ambiguous` | connection lost after the request was fully sent, before any answer | retry, counted as a duplicate risk |
/// | `rejected` | 400 and other 4xx (a DM's 403/404 too) | dead: a rendering bug, or a user Discord won't reach |
/// | `disabled` | webhook 401/403/404, bot 401, an unusable webhook URL | dead, and stop using the target |
///
/// Timeouts are `retry` even after the request was sent (the request may then have been posted, like `ambiguous`;
/// the reason says so). With a bot message's `nonce` + `enforce_nonce`, a resend cannot post twice, so a lost
/// answer there is `retry` too.
public enum DeliveryOutcome: Sendable, Equatable {
    /// Discord accepted it: the created message's id (from `wait=true`), and how long to leave the target alone when
    /// the answer said its bucket is empty (`X-RateLimit-Remaining: 0` + `X-RateLimit-Reset-After`).
    case delivered(remoteID: String?, pauseFor: Double?)
    /// 429: wait `retryAfter` seconds (body `retry_after`, else the `Retry-After` header); `global` when the limit is
    /// the bot's or IP's global one (body `global`, `X-RateLimit-Global: true` or `X-RateLimit-Scope: global`).
    case rateLimited(retryAfter: Double, global: Bool)
    /// A transient failure: try again later.
    case retry(String)
    /// The request went out and the connection dropped before an answer: it may have been posted.
    case ambiguous(String)
    /// Discord refused this message (status, Discord's code and message): it will never be accepted as it is.
    case rejected(status: Int, reason: String)
    /// The target itself is unusable (status, or 0 when nothing was sent): stop using it until an admin fixes it.
    case disabled(status: Int, reason: String)

    /// A short label for metrics and logs: `delivered`, `rate_limited`, `retry`, `ambiguous`, `rejected`, `disabled`.
    public var label: String {
        switch self {
        case .delivered: "delivered"
        case .rateLimited: "rate_limited"
        case .retry: "retry"
        case .ambiguous: "ambiguous"
        case .rejected: "rejected"
        case .disabled: "disabled"
        }
    }

    /// The reason text of a failure (`nil` for delivered and rate-limited).
    public var reason: String? {
        switch self {
        case .delivered, .rateLimited: nil
        case .retry(let reason), .ambiguous(let reason): reason
        case .rejected(_, let reason), .disabled(_, let reason): reason
        }
    }
}

/// Which Discord endpoint answered: the classification of 403/404 differs between a webhook (the target is gone)
/// and a bot message (this one message or user is unreachable).
enum DiscordEndpoint: Sendable {
    case webhook
    case bot
}

extension DeliveryOutcome {
    /// Classifies an HTTP answer from Discord.
    static func classify(status: Int, headers: [(name: String, value: String)], body: [UInt8], endpoint: DiscordEndpoint) -> DeliveryOutcome
    {
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value.trimmingCharacters(in: .whitespaces)
        }
        let answer = DiscordAnswer(body)
        switch status {
        case 200..<300:
            var pause: Double?
            if header("X-RateLimit-Remaining") == "0" { pause = header("X-RateLimit-Reset-After").flatMap(Double.init) }
            return .delivered(remoteID: answer.id, pauseFor: pause)
        case 429:
            let retryAfter = answer.retryAfter ?? header("Retry-After").flatMap(Double.init) ?? 1
            let global =
                answer.global == true || header("X-RateLimit-Global")?.lowercased() == "true"
                || header("X-RateLimit-Scope")?.lowercased() == "global"
            return .rateLimited(retryAfter: max(0, retryAfter), global: global)
        case 500..<600:
            return .retry("HTTP \(status)\(answer.errorText)")
        case 401:
            return .disabled(status: status, reason: "HTTP 401\(answer.errorText): the token was refused")
        case 403 where endpoint == .webhook, 404 where endpoint == .webhook:
            return .disabled(status: status, reason: "HTTP \(status)\(answer.errorText): the webhook is gone or not allowed")
        case 400..<500:
            return .rejected(status: status, reason: "HTTP \(status)\(answer.errorText)")
        default:
            return .retry("unexpected HTTP \(status)")
        }
    }
}

/// The parts of a Discord JSON answer the classification reads: a message's `id`, an error's `code`, `message` and
/// `errors` tree, a 429's `retry_after` and `global`.
struct DiscordAnswer {
    var id: String?
    var code: Int?
    var message: String?
    var retryAfter: Double?
    var global: Bool?
    var errors: String?

    /// Each field decoded on its own, so that one of an unexpected type does not hide the others.
    private struct Wire: Decodable {
        var id: String?
        var code: Int?
        var message: String?
        var retry_after: Double?
        var global: Bool?

        enum CodingKeys: String, CodingKey { case id, code, message, retry_after, global }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = (try? container.decodeIfPresent(String.self, forKey: .id)) ?? nil
            code = (try? container.decodeIfPresent(Int.self, forKey: .code)) ?? nil
            message = (try? container.decodeIfPresent(String.self, forKey: .message)) ?? nil
            retry_after = (try? container.decodeIfPresent(Double.self, forKey: .retry_after)) ?? nil
            global = (try? container.decodeIfPresent(Bool.self, forKey: .global)) ?? nil
        }
    }

    init(_ body: [UInt8]) {
        let data = Data(body)
        if let wire = try? JSONDecoder().decode(Wire.self, from: data) {
            (id, code, message, retryAfter, global) = (wire.id, wire.code, wire.message, wire.retry_after, wire.global)
        }
        if let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let tree = object["errors"],
            JSONSerialization.isValidJSONObject(tree),
            let detail = try? JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys])
        {
            errors = String(decoding: detail.prefix(600), as: UTF8.self)
        }
    }

    /// ` code 50035: Invalid Form Body {"embeds":…}`, or nothing.
    var errorText: String {
        var text = ""
        if let code { text += " code \(code)" }
        if let message { text += ": \(message)" }
        if let errors { text += " \(errors)" }
        return text
    }
}
