import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TriageCore

/// Sends Triage's messages to Discord: channel posts through webhooks, and a user's direct messages through the bot.
///
/// Each call makes one attempt and classifies the answer as a `DeliveryOutcome`; retrying, pausing and disabling
/// targets is the outbox's business. Every message is `fitted()` to Discord's limits before it is sent. Tokens never
/// appear in logs or outcomes.
public struct DiscordClient: Sendable {
    /// Discord asks for `DiscordBot ($url, $versionNumber)` (design fact 29).
    public static let userAgent = "DiscordBot (https://github.com/triage, 1.0)"
    public static let defaultAPIBase = "https://discord.com/api/v10"

    let http: HTTPClient
    let logger: Logger

    /// The client Triage sends with: a connection that cannot be opened fails within 3 s (a retry later is the
    /// outbox's business), instead of AsyncHTTPClient retrying the connect for the whole request timeout.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(3)
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(httpClient: HTTPClient = DiscordClient.sharedHTTPClient, logger: Logger = Logger(label: "triage.discord")) {
        http = httpClient
        self.logger = logger
    }

    /// Executes a webhook (`POST …/api/v10/webhooks/{id}/{token}?wait=true`): the message id comes back in
    /// `.delivered`. An unusable URL is `.disabled(status: 0, …)` without any request.
    public func executeWebhook(url: String, message: DiscordMessage, timeout: Duration = .seconds(10)) async -> DeliveryOutcome {
        guard let webhook = WebhookURL(url) else {
            let host = URLComponents(string: url.trimmingCharacters(in: .whitespacesAndNewlines))?.host ?? "?"
            return .disabled(status: 0, reason: "not a Discord webhook URL (…/api/webhooks/ID/TOKEN) on host \(host)")
        }
        let outcome = await post(
            webhook.executeURL, json: message.fitted(), authorization: nil, timeout: timeout, endpoint: .webhook,
            idempotent: false, secrets: [webhook.token])
        log(outcome, target: webhook.redacted)
        return outcome
    }

    /// Sends a direct message through the bot: opens (or finds) the DM channel with `POST {apiBase}/users/@me/channels`,
    /// then `POST {apiBase}/channels/{id}/messages`. Give the message a `nonce` (≤ 25 characters; `enforce_nonce` is
    /// then set): a resend within Discord's window returns the first message instead of posting again. A `userID`
    /// that is not a snowflake is `.rejected(status: 0, …)` without any request.
    public func sendDirectMessage(
        apiBase: String = defaultAPIBase, botToken: String, userID: UserID, message: DiscordMessage,
        timeout: Duration = .seconds(10)
    ) async -> DeliveryOutcome {
        await sendDirectMessage(apiBase: apiBase, botToken: botToken, userID: userID.description, message: message, timeout: timeout)
    }

    /// `sendDirectMessage` with the user id as text (decimal digits).
    public func sendDirectMessage(
        apiBase: String = defaultAPIBase, botToken: String, userID: String, message: DiscordMessage,
        timeout: Duration = .seconds(10)
    ) async -> DeliveryOutcome {
        guard let user = UserID(userID) else { return .rejected(status: 0, reason: "not a Discord user id") }
        let userID = user.description
        let base = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
        let authorization = "Bot \(botToken)"
        let secrets = [botToken]
        // Opening a DM channel is idempotent: a lost answer there is a plain retry.
        let channel = await send(
            "\(base)/users/@me/channels", body: Data(#"{"recipient_id":"\#(userID)"}"#.utf8), authorization: authorization,
            timeout: timeout, endpoint: .bot, idempotent: true, secrets: secrets)
        guard case .delivered(let channelID?, _) = channel.outcome else {
            let outcome: DeliveryOutcome =
                if case .delivered = channel.outcome { .retry("the DM channel answer had no id") } else { channel.outcome }
            log(outcome, target: "DM channel for user \(userID)")
            return outcome
        }
        var message = message
        if message.nonce != nil { message.enforceNonce = true }
        let outcome = await post(
            "\(base)/channels/\(channelID)/messages", json: message.fitted(), authorization: authorization, timeout: timeout,
            endpoint: .bot, idempotent: message.nonce != nil, secrets: secrets)
        log(outcome, target: "DM to user \(userID)")
        return outcome
    }

    // MARK: Transport

    func post(
        _ url: String, json message: DiscordMessage, authorization: String?, timeout: Duration, endpoint: DiscordEndpoint,
        idempotent: Bool, secrets: [String]
    ) async -> DeliveryOutcome {
        let body: Data
        do {
            body = try message.jsonData()
        } catch {
            return .rejected(status: 0, reason: "the message could not be encoded: \(error)")
        }
        return await send(
            url, body: body, authorization: authorization, timeout: timeout, endpoint: endpoint, idempotent: idempotent, secrets: secrets
        )
        .outcome
    }

    /// One request (a POST unless told), classified. `idempotent`: resending cannot post twice (a nonce, or a DM channel lookup), so a lost
    /// answer is a plain `retry` instead of `ambiguous`.
    func send(
        _ url: String, method: HTTPMethod = .POST, body: Data?, authorization: String?, timeout: Duration, endpoint: DiscordEndpoint,
        idempotent: Bool, secrets: [String]
    ) async -> (outcome: DeliveryOutcome, answer: HTTPAnswer?) {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: Self.userAgent)
        headers.add(name: "Content-Type", value: "application/json")
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url, method: method, headers: headers, body: body.map { .bytes($0) })
        } catch {
            return (.disabled(status: 0, reason: WebhookURL.redact("bad URL \(url): \(error)", secrets: secrets)), nil)
        }
        let collector = ResponseCollector()
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let task = http.execute(request: request, delegate: collector, deadline: .now() + .nanoseconds(nanoseconds), logger: logger)
        do {
            let answer = try await withTaskCancellationHandler {
                try await task.get()
            } onCancel: {
                task.cancel()
            }
            let outcome = DeliveryOutcome.classify(status: answer.status, headers: answer.headers, body: answer.body, endpoint: endpoint)
            return (Self.redacted(outcome, secrets: secrets), answer)
        } catch {
            let outcome = Self.failure(error, collector: collector, timeout: timeout, idempotent: idempotent)
            return (Self.redacted(outcome, secrets: secrets), nil)
        }
    }

    /// A request that got no complete answer (see `DeliveryOutcome` for the rules).
    static func failure(_ error: any Error, collector: ResponseCollector, timeout: Duration, idempotent: Bool) -> DeliveryOutcome {
        let sent = collector.requestWasSent
        if let status = collector.receivedStatus, (200..<300).contains(status) {
            return .delivered(remoteID: nil, pauseFor: nil)  // accepted; only the body was lost
        }
        if let status = collector.receivedStatus {
            return .retry("HTTP \(status), then the answer broke off: \(describe(error))")
        }
        let timedOut = [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout]
            .contains { error as? HTTPClientError == $0 }
        if timedOut {
            let note = sent && !idempotent ? " (the request was sent: it may have been posted)" : ""
            return .retry("no answer within \(timeout)\(note)")
        }
        if error is CancellationError || error as? HTTPClientError == .cancelled {
            return .retry("cancelled\(sent && !idempotent ? " after the request was sent (it may have been posted)" : "")")
        }
        if sent && !idempotent {
            return .ambiguous("the connection closed after the request was sent, before an answer: \(describe(error))")
        }
        if sent {
            return .retry("the connection closed before an answer (safe to resend): \(describe(error))")
        }
        return .retry("the request could not be sent: \(describe(error))")
    }

    private static func describe(_ error: any Error) -> String {
        String(describing: error).prefix(300).description
    }

    private static func redacted(_ outcome: DeliveryOutcome, secrets: [String]) -> DeliveryOutcome {
        switch outcome {
        case .retry(let reason): .retry(WebhookURL.redact(reason, secrets: secrets))
        case .ambiguous(let reason): .ambiguous(WebhookURL.redact(reason, secrets: secrets))
        case .rejected(let status, let reason): .rejected(status: status, reason: WebhookURL.redact(reason, secrets: secrets))
        case .disabled(let status, let reason): .disabled(status: status, reason: WebhookURL.redact(reason, secrets: secrets))
        case .delivered, .rateLimited: outcome
        }
    }

    private func log(_ outcome: DeliveryOutcome, target: String) {
        switch outcome {
        case .delivered, .rateLimited:
            logger.debug("discord delivery", metadata: ["target": "\(target)", "outcome": "\(outcome.label)"])
        default:
            logger.info(
                "discord delivery", metadata: ["target": "\(target)", "outcome": "\(outcome.label)", "reason": "\(outcome.reason ?? "")"])
        }
    }
}
