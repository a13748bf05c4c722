import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TriageTestSupport

@testable import TriageDiscord

/// The fake itself, since the automation tests rely on it: validation like Discord's, scripts, in-flight tracking.
@Suite struct FakeDiscordTests {
    func post(_ url: String, _ json: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    @Test(arguments: [
        (#"{"content":"hi"}"#, "allowed_mentions"),
        (#"{"content":"","allowed_mentions":{"parse":[]}}"#, "50006"),
        (#"{"embeds":[{"title":"\#(String(repeating: "é", count: 257))"}],"allowed_mentions":{"parse":[]}}"#, "embeds.0.title"),
        (#"{"embeds":[{"fields":[{"name":"","value":"v"}]}],"allowed_mentions":{"parse":[]}}"#, "embeds.0.fields.0.name"),
        (#"{"content":"\#(String(repeating: "👩🏽‍💻", count: 501))","allowed_mentions":{"parse":[]}}"#, "content"),
    ])
    func refusesWhatDiscordRefuses(_ json: String, _ detail: String) async throws {
        let fake = try await FakeDiscord.start()
        let answer = try await post("\(fake.apiBase)/webhooks/1/t", json)
        #expect(answer.status == 400)
        #expect(answer.body.contains(detail))
        #expect(await fake.messages().isEmpty)
        await fake.stop()
    }

    @Test func unversionedPathIsNotServed() async throws {
        let fake = try await FakeDiscord.start()
        let answer = try await post(fake.webhookURL(id: "1"), #"{"content":"x","allowed_mentions":{"parse":[]}}"#)
        #expect(answer.status == 404)
        await fake.stop()
    }

    @Test func tracksConcurrentRequestsPerWebhook() async throws {
        // Given two slow answers on webhook 1 and one on webhook 2
        let fake = try await FakeDiscord.start()
        await fake.script(webhook: "1", [.slow(0.5), .slow(0.5)])
        let client = DiscordClient()
        let message = DiscordMessage(content: "x")
        // When two requests to webhook 1 run at once and one runs to webhook 2
        async let a = client.executeWebhook(url: fake.webhookURL(id: "1"), message: message)
        async let b = client.executeWebhook(url: fake.webhookURL(id: "1"), message: message)
        async let c = client.executeWebhook(url: fake.webhookURL(id: "2"), message: message)
        let outcomes = await [a, b, c]
        // Then the fake saw two in flight on webhook 1 and one on webhook 2
        #expect(outcomes.allSatisfy { $0.label == "delivered" })
        #expect(await fake.maxInFlight(webhook: "1") == 2)
        #expect(await fake.maxInFlight(webhook: "2") == 1)
        await fake.stop()
    }

    @Test func waitForRequestsWakesOnArrivalAndTimesOut() async throws {
        let fake = try await FakeDiscord.start()
        // A waiter is woken by the arrival, not by polling
        async let waited = fake.waitForRequests(count: 1, timeout: .seconds(10))
        while await fake.waitingCount() == 0 { await Task.yield() }
        _ = try await post("\(fake.apiBase)/webhooks/1/t", #"{"content":"x","allowed_mentions":{"parse":[]}}"#)
        #expect(try await waited.count == 1)
        // And a wait for more than arrives ends at its timeout
        await #expect(throws: FakeDiscord.Timeout.self) {
            try await fake.waitForRequests(count: 2, timeout: .milliseconds(100))
        }
        await fake.stop()
    }
}
