import Foundation
import Testing

@testable import TriageDiscord

/// Webhook URLs: normalised to API v10 with `wait=true`, and their tokens never shown.
@Suite struct WebhookURLTests {
    @Test(arguments: [
        ("https://discord.com/api/webhooks/123/tok-EN_1", "https://discord.com/api/v10/webhooks/123/tok-EN_1?wait=true"),
        ("https://discordapp.com/api/webhooks/123/tok", "https://discordapp.com/api/v10/webhooks/123/tok?wait=true"),
        ("https://ptb.discord.com/api/v9/webhooks/123/tok/", "https://ptb.discord.com/api/v10/webhooks/123/tok?wait=true"),
        ("https://discord.com/api/v10/webhooks/123/tok", "https://discord.com/api/v10/webhooks/123/tok?wait=true"),
        (
            "https://discord.com/api/webhooks/123/tok?wait=false&thread_id=9",
            "https://discord.com/api/v10/webhooks/123/tok?wait=true&thread_id=9"
        ),
        ("http://127.0.0.1:8080/api/webhooks/1/abc", "http://127.0.0.1:8080/api/v10/webhooks/1/abc?wait=true"),
        ("  https://discord.com/api/webhooks/123/tok\n", "https://discord.com/api/v10/webhooks/123/tok?wait=true"),
    ])
    func normalisesToVersion10(_ input: String, _ expected: String) throws {
        let url = try #require(WebhookURL(input))
        #expect(url.executeURL == expected)
        #expect(url.redacted.hasSuffix("/api/v10/webhooks/\(url.id)/***"))
        #expect(!url.description.contains("tok"))
    }

    @Test(arguments: [
        "", "not a url", "ftp://discord.com/api/webhooks/1/t", "https://discord.com/webhooks/1/t",
        "https://discord.com/api/webhooks/abc/t", "https://discord.com/api/webhooks/1", "https://discord.com/api/channels/1/t",
        "https://discord.com/api/webhooks/1/t/extra/part",
    ])
    func refusesWhatIsNotAWebhook(_ input: String) {
        #expect(WebhookURL(input) == nil)
    }

    @Test func redactHidesTokensInAnyText() {
        let text = "POST https://discord.com/api/v10/webhooks/123/s3cr3t-T0ken?wait=true failed; again /webhooks/456/other"
        let redacted = WebhookURL.redact(text)
        #expect(redacted == "POST https://discord.com/api/v10/webhooks/123/***?wait=true failed; again /webhooks/456/***")
        #expect(WebhookURL.redact("Bot abc.def-ghi refused", secrets: ["abc.def-ghi"]) == "Bot *** refused")
    }
}
