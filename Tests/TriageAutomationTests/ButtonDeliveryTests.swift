import Foundation
import Testing
import TriageAutomation
import TriageCore
import TriageDiscord
import TriageStore
import TriageTestSupport

/// The buttons the runner's messages carry, as the fake Discord receives them: the feedback request's five ⭐, a
/// page's Acknowledge, and none elsewhere.
@Suite struct ButtonDeliveryTests {
    /// The `custom_id`s of a request's buttons, row by row.
    static func customIDs(_ request: FakeDiscord.RecordedRequest) -> [String] {
        let rows = request.json?["components"] as? [[String: Any]] ?? []
        return rows.flatMap { ($0["components"] as? [[String: Any]]) ?? [] }.compactMap { $0["custom_id"] as? String }
    }

    @Test func theFeedbackRequestCarriesFiveRatingButtonsForItsCycle() async throws {
        // Given a ticket closed by an agent, with a bot token for direct messages
        let f = try await AutomationFixture(botToken: true)
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        try f.store.close(ticket.id.rawValue, resolution: "Carte débloquée", as: AutomationFixture.agent, now: f.now)
        try await f.pass()
        // Then the feedback DM has 1–5 ⭐ with the cycle's custom ids and Discord's styles; the confirmation has none
        let dms = await f.fake.requests().filter { $0.channelID != nil }
        let feedback = try #require(dms.first { $0.bodyText.contains("Notez notre aide") })
        let id = ticket.id.rawValue
        #expect(Self.customIDs(feedback) == (1...5).map { "triage:rate:\(id):c1:\($0)" })
        let buttons = ((feedback.json?["components"] as? [[String: Any]])?.first?["components"] as? [[String: Any]]) ?? []
        #expect(buttons.map { $0["style"] as? Int } == [4, 4, 1, 3, 3])
        #expect(buttons.map { $0["label"] as? String } == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"])
        #expect(feedback.json?["nonce"] as? String != nil)
        let confirmation = try #require(dms.first { $0.bodyText.contains("Ticket créé") })
        #expect(Self.customIDs(confirmation).isEmpty && confirmation.json?["components"] == nil)
    }

    @Test func aReopenedTicketIsRatedForItsNewCycle() async throws {
        let f = try await AutomationFixture(botToken: true)
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        try f.store.close(ticket.id.rawValue, resolution: nil, as: AutomationFixture.agent, now: f.now)
        f.set(hours: 1)
        try f.store.reply(ticket.id.rawValue, body: "Toujours bloqué", as: .user(AutomationFixture.owner), now: f.now)
        f.set(hours: 2)
        try f.store.close(ticket.id.rawValue, resolution: "Réglé", as: AutomationFixture.agent, now: f.now)
        try await f.pass()
        let ids = await f.fake.requests().filter { $0.channelID != nil }.flatMap(Self.customIDs)
        #expect(ids.contains("triage:rate:\(ticket.id):c1:5") && ids.contains("triage:rate:\(ticket.id):c2:5"))
    }

    @Test func aPageCarriesAcknowledgeAndOtherPostsNone() async throws {
        // Given a critical ticket (on-call pinged at once) that then breaches
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket(.billing, .critical)
        try await f.pass()
        f.set(hours: 12)
        try await f.pass()
        // Then the breach page on #oncall carries Acknowledge for cycle 1; the creation ping cannot be acknowledged
        let oncall = await f.posts(AutomationFixture.oncall)
        #expect(oncall.count == 2)
        #expect(Self.customIDs(oncall[0]).isEmpty)
        #expect(Self.customIDs(oncall[1]) == ["triage:ack:\(ticket.id):c1"])
        // The senior team's copy and #admin-tickets have no buttons
        for post in await f.posts(AutomationFixture.senior) + f.posts(AutomationFixture.admin) {
            #expect(Self.customIDs(post).isEmpty)
        }
        // A repeated page carries it too
        f.set(hours: 16)
        try await f.pass()
        #expect(Self.customIDs(try #require(await f.posts(AutomationFixture.oncall).last)) == ["triage:ack:\(ticket.id):c1"])
    }
}
