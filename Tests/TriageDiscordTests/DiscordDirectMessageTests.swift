import Foundation
import Testing
import TriageCore
import TriageTestSupport

@testable import TriageDiscord

/// Direct messages through the bot: DM channel, then Create Message with a nonce, so that a resend posts once.
@Suite struct DiscordDirectMessageTests {
    static let botToken = "bot.T0KEN-secret"
    let client = DiscordClient()

    @Test func sameNonceTwiceMakesOneMessage() async throws {
        let fake = try await FakeDiscord.start(botToken: Self.botToken)
        // Given a DM with a nonce
        let message = DiscordRenderer.directMessage(text: "Votre ticket TKTA1B2C3 est ouvert.", nonce: "tn42")
        // When it is sent twice (a retry after a lost answer)
        let first = await client.sendDirectMessage(apiBase: fake.apiBase, botToken: Self.botToken, userID: UserID(42), message: message)
        let second = await client.sendDirectMessage(apiBase: fake.apiBase, botToken: Self.botToken, userID: UserID(42), message: message)
        // Then both are delivered as the same message, and only one was posted
        guard case .delivered(let id?, _) = first else { Issue.record("\(first)"); await fake.stop(); return }
        #expect(second == .delivered(remoteID: id, pauseFor: nil))
        let posted = await fake.messages()
        #expect(posted.count == 1)
        #expect(posted.first?.channelID == (await fake.dmChannel(for: "42")))
        // And the requests were DM channel then message, with the bot token, the nonce and enforce_nonce
        let requests = try await fake.waitForRequests(count: 4)
        #expect(
            requests.map(\.path) == [
                "/api/v10/users/@me/channels", "/api/v10/channels/\(await fake.dmChannel(for: "42"))/messages",
                "/api/v10/users/@me/channels", "/api/v10/channels/\(await fake.dmChannel(for: "42"))/messages",
            ])
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bot \(Self.botToken)" })
        #expect(requests[0].json?["recipient_id"] as? String == "42")
        #expect(requests[1].json?["nonce"] as? String == "tn42")
        #expect(requests[1].json?["enforce_nonce"] as? Bool == true)
        await fake.stop()
    }

    @Test func differentNoncesMakeTwoMessages() async throws {
        let fake = try await FakeDiscord.start(botToken: Self.botToken)
        for nonce in ["tn1", "tn2"] {
            let message = DiscordRenderer.directMessage(text: "Bonjour", nonce: nonce)
            let outcome = await client.sendDirectMessage(
                apiBase: fake.apiBase, botToken: Self.botToken, userID: UserID(42), message: message)
            #expect(outcome.label == "delivered")
        }
        #expect(await fake.messages().count == 2)
        await fake.stop()
    }

    @Test func wrongBotTokenIsDisabledAndNeverShown() async throws {
        let fake = try await FakeDiscord.start(botToken: Self.botToken)
        let wrong = "wrong.bot-token-value"
        let outcome = await client.sendDirectMessage(
            apiBase: fake.apiBase, botToken: wrong, userID: UserID(42), message: DiscordRenderer.directMessage(text: "x", nonce: "tn1"))
        guard case .disabled(401, let reason) = outcome else { Issue.record("\(outcome)"); await fake.stop(); return }
        #expect(!reason.contains(wrong))
        #expect(await fake.messages().isEmpty)
        await fake.stop()
    }

    @Test func lostAnswerWithANonceIsAPlainRetry() async throws {
        // Given the message request is read and the connection dropped
        let fake = try await FakeDiscord.start(botToken: Self.botToken)
        await fake.script(channel: await fake.dmChannel(for: "42"), [.drop])
        let message = DiscordRenderer.directMessage(text: "Bonjour", nonce: "tn7")
        // Then the nonce makes a resend safe: retry, not ambiguous
        let outcome = await client.sendDirectMessage(apiBase: fake.apiBase, botToken: Self.botToken, userID: UserID(42), message: message)
        #expect(outcome.label == "retry")
        await fake.stop()
    }

    @Test func userWhoRefusesDMsIsRejectedNotDisabled() async throws {
        // Given the user does not accept DMs (Discord's 403 50007)
        let fake = try await FakeDiscord.start(botToken: Self.botToken)
        let refusal = #"{"message": "Cannot send messages to this user", "code": 50007}"#
        await fake.script(channel: await fake.dmChannel(for: "42"), [.respond(status: 403, json: refusal)])
        let message = DiscordRenderer.directMessage(text: "Bonjour", nonce: "tn9")
        // Then that message is dead, but the bot stays usable for everyone else
        let outcome = await client.sendDirectMessage(apiBase: fake.apiBase, botToken: Self.botToken, userID: UserID(42), message: message)
        guard case .rejected(403, let reason) = outcome else { Issue.record("\(outcome)"); await fake.stop(); return }
        #expect(reason.contains("code 50007"))
        await fake.stop()
    }

    @Test func rateLimitedDM() async throws {
        let fake = try await FakeDiscord.start(botToken: Self.botToken)
        await fake.script(channel: await fake.dmChannel(for: "42"), [.rateLimited(retryAfter: 0.5, global: true)])
        let message = DiscordRenderer.directMessage(text: "Bonjour", nonce: "tn8")
        let outcome = await client.sendDirectMessage(apiBase: fake.apiBase, botToken: Self.botToken, userID: UserID(42), message: message)
        #expect(outcome == .rateLimited(retryAfter: 0.5, global: true))
        await fake.stop()
    }
}
