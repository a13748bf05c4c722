import AsyncHTTPClient
import Foundation
import Testing
import TriageCore
import TriageTestSupport

@testable import TriageDiscord

/// The client against the fake Discord on 127.0.0.1: every answer Discord gives is classified for the outbox.
@Suite struct DiscordClientTests {
    static let token = "s3cr3t-webhook-token"
    let client = DiscordClient()

    /// Runs `body` with a fresh fake, stopped afterwards.
    func withFake(_ body: (FakeDiscord) async throws -> Void) async throws {
        let fake = try await FakeDiscord.start()
        do {
            try await body(fake)
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    static let message = DiscordRenderer.render(Fixtures.notice(.created), target: "admin-tickets")

    @Test func deliveredWithRemoteIDOnVersion10() async throws {
        try await withFake { fake in
            // When a rendered message goes to a webhook URL copied without a version
            let outcome = await client.executeWebhook(url: fake.webhookURL(id: "1", token: Self.token), message: Self.message)
            // Then it is delivered with the created message's id
            guard case .delivered(let remoteID?, nil) = outcome else { Issue.record("\(outcome)"); return }
            #expect(UInt64(remoteID) != nil)
            // And the request went to /api/v10 with wait=true, Discord's headers and the payload as rendered
            let request = try #require(try await fake.waitForRequests(count: 1).first)
            #expect(request.path == "/api/v10/webhooks/1/\(Self.token)")
            #expect(request.query == "wait=true")
            #expect(request.headers["user-agent"] == "DiscordBot (https://github.com/triage, 1.0)")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.json?["allowed_mentions"] as? [String: [String]] == ["parse": []])
            #expect(await fake.messages().count == 1)
        }
    }

    @Test func emptyBucketAsksForAPause() async throws {
        try await withFake { fake in
            await fake.script(webhook: "1", [.okBucketEmpty(resetAfter: 1.25)])
            let outcome = await client.executeWebhook(url: fake.webhookURL(id: "1"), message: Self.message)
            guard case .delivered(_, let pause) = outcome else { Issue.record("\(outcome)"); return }
            #expect(pause == 1.25)
        }
    }

    @Test(arguments: [
        (FakeDiscord.Behaviour.rateLimited(retryAfter: 1.5, global: false), DeliveryOutcome.rateLimited(retryAfter: 1.5, global: false)),
        (.rateLimited(retryAfter: 1.5, global: false, inBody: false), .rateLimited(retryAfter: 2, global: false)),
        (.rateLimited(retryAfter: 0.25, global: true), .rateLimited(retryAfter: 0.25, global: true)),
        (.rateLimited(retryAfter: 3, global: true, inBody: false), .rateLimited(retryAfter: 3, global: true)),
    ])
    func rateLimitsWaitExactlyRetryAfter(_ behaviour: FakeDiscord.Behaviour, _ expected: DeliveryOutcome) async throws {
        try await withFake { fake in
            // Given a 429 (body retry_after, or headers only; per-webhook or global)
            await fake.script(webhook: "1", [behaviour])
            // When a message is sent
            let outcome = await client.executeWebhook(url: fake.webhookURL(id: "1"), message: Self.message)
            // Then the outcome says how long to wait and whether every target must
            #expect(outcome == expected)
        }
    }

    @Test(arguments: [
        (FakeDiscord.Behaviour.unknownWebhook, 404, "code 10015: Unknown Webhook"),
        (.unauthorized, 401, "401: Unauthorized"),
        (.respond(status: 403, json: #"{"message": "Missing Permissions", "code": 50013}"#), 403, "code 50013"),
    ])
    func goneOrRefusedWebhookIsDisabled(_ behaviour: FakeDiscord.Behaviour, _ status: Int, _ detail: String) async throws {
        try await withFake { fake in
            await fake.script(webhook: "7", [behaviour])
            let outcome = await client.executeWebhook(url: fake.webhookURL(id: "7", token: Self.token), message: Self.message)
            guard case .disabled(status, let reason) = outcome else { Issue.record("\(outcome)"); return }
            #expect(reason.contains(detail))
            #expect(!reason.contains(Self.token))
        }
    }

    @Test func serverErrorIsRetried() async throws {
        try await withFake { fake in
            await fake.script(webhook: "1", [.serverError(502), .serverError(500)])
            #expect(await client.executeWebhook(url: fake.webhookURL(id: "1"), message: Self.message) == .retry("HTTP 502"))
            #expect(await client.executeWebhook(url: fake.webhookURL(id: "1"), message: Self.message) == .retry("HTTP 500"))
            #expect(await client.executeWebhook(url: fake.webhookURL(id: "1"), message: Self.message).label == "delivered")
        }
    }

    @Test func invalidMessageIsRejectedWithDiscordsCode() async throws {
        try await withFake { fake in
            // Given a message with nothing in it (Discord's 50006)
            let outcome = await client.executeWebhook(url: fake.webhookURL(id: "1"), message: DiscordMessage())
            guard case .rejected(400, let reason) = outcome else { Issue.record("\(outcome)"); return }
            #expect(reason.contains("code 50006"))
        }
    }

    @Test func droppedConnectionAfterTheRequestIsAmbiguous() async throws {
        try await withFake { fake in
            // Given Discord reads the request, then the connection drops without an answer
            await fake.script(webhook: "1", [.drop])
            let outcome = await client.executeWebhook(url: fake.webhookURL(id: "1", token: Self.token), message: Self.message)
            // Then the message may have been posted: ambiguous, and the token is not in the reason
            guard case .ambiguous(let reason) = outcome else { Issue.record("\(outcome)"); return }
            #expect(!reason.contains(Self.token))
            // And the next attempt goes through
            #expect(await client.executeWebhook(url: fake.webhookURL(id: "1"), message: Self.message).label == "delivered")
        }
    }

    @Test func slowAnswerTimesOutAndIsRetried() async throws {
        try await withFake { fake in
            await fake.script(webhook: "1", [.slow(5)])
            // The fake answers after 5 s; the client gives up after 300 ms (an answer would have been "delivered")
            let outcome = await client.executeWebhook(url: fake.webhookURL(id: "1"), message: Self.message, timeout: .milliseconds(300))
            guard case .retry(let reason) = outcome else { Issue.record("\(outcome)"); return }
            #expect(reason.contains("no answer within"))
        }
    }

    @Test func connectionRefusedIsRetried() async throws {
        // Given a port that refuses connections: bound but not listening, and held for the test, so that no other
        // test's server can take it (a stopped fake's port could be reused by a server starting meanwhile)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        let port = UInt16(bigEndian: address.sin_port)
        // Then nothing was sent: a plain retry
        let url = "http://127.0.0.1:\(port)/api/webhooks/1/\(Self.token)"
        let outcome = await client.executeWebhook(url: url, message: Self.message, timeout: .seconds(2))
        #expect(outcome.label == "retry", "\(outcome)")
        #expect(outcome.reason?.contains("could not be sent") == true, "\(outcome)")
    }

    @Test func unusableURLIsDisabledWithoutARequest() async {
        let outcome = await client.executeWebhook(url: "https://example.org/hooks/1/\(Self.token)", message: Self.message)
        guard case .disabled(0, let reason) = outcome else { Issue.record("\(outcome)"); return }
        #expect(!reason.contains(Self.token))
        #expect(reason.contains("example.org"))
    }
}
