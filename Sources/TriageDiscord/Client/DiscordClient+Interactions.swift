import Foundation
import TriageCore

extension DiscordClient {
    /// Edits the first answer to an interaction (`PATCH {apiBase}/webhooks/{application_id}/{token}/messages/@original`,
    /// design fact 12): how a deferred ("thinking…") answer gets its text. No bot token is needed; the interaction
    /// token (valid 15 minutes) is the secret and never appears in outcomes or logs.
    public func editOriginalResponse(
        apiBase: String = defaultAPIBase, applicationID: String, interactionToken: String, message: DiscordMessage,
        timeout: Duration = .seconds(10)
    ) async -> DeliveryOutcome {
        let base = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
        let token = interactionToken.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? interactionToken
        let body: Data
        do {
            body = try message.fitted().jsonData()
        } catch {
            return .rejected(status: 0, reason: "the message could not be encoded: \(error)")
        }
        let outcome = await send(
            "\(base)/webhooks/\(applicationID)/\(token)/messages/@original", method: .PATCH, body: body, authorization: nil,
            timeout: timeout, endpoint: .bot, idempotent: true, secrets: [interactionToken, token]
        ).outcome
        logger.debug("discord interaction follow-up", metadata: ["outcome": "\(outcome.label)", "reason": "\(outcome.reason ?? "")"])
        return outcome
    }
}
