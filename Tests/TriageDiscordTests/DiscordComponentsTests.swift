import Foundation
import Testing
import TriageCore

@testable import TriageDiscord

/// Which messages carry which buttons, and that every button's custom id reads back with `CustomID`.
@Suite struct DiscordComponentsTests {
    static func customIDs(_ rows: [DiscordActionRow]?) -> [String] {
        (rows ?? []).flatMap(\.components).compactMap(\.customID)
    }

    @Test(arguments: Notice.Kind.allCases)
    func onlyPagesCarryAcknowledge(kind: Notice.Kind) {
        let pinged = Fixtures.notice(kind, pings: true)
        let quiet = Fixtures.notice(kind, pings: false)
        let expected = kind == .slaBreached || kind == .page ? ["triage:ack:TKTA1B2C3:c1"] : []
        #expect(Self.customIDs(DiscordRenderer.render(pinged, target: "oncall", oncallRoleID: Fixtures.role).components) == expected)
        // Without the on-call ping (the senior team's copy of a breach), nothing to acknowledge
        #expect(DiscordRenderer.render(quiet, target: "senior").components == nil)
    }

    @Test func digestsCarryNoButtons() {
        let reminder = Notice(kind: .reminderDigest, period: "2026-11-25", reminders: Fixtures.reminders(3), reminderTotal: 3)
        let weekly = Notice(kind: .weeklyReport, period: "2026-W47", stats: Fixtures.stats)
        for notice in [reminder, weekly] {
            let message = DiscordRenderer.render(notice, target: "admin-tickets", oncallRoleID: Fixtures.role)
            #expect(message.components == nil)
            #expect(!((try? message.jsonData()).map { String(decoding: $0, as: UTF8.self) } ?? "").contains("components"))
        }
    }

    @Test(arguments: Notice.Kind.allCases)
    func onlyTheFeedbackRequestCarriesRatingButtons(kind: Notice.Kind) {
        let rows = DiscordComponents.user(Fixtures.notice(kind))
        #expect(Self.customIDs(rows) == (kind == .closed ? (1...5).map { "triage:rate:TKTA1B2C3:c1:\($0)" } : []))
    }

    @Test func everyButtonReadsBack() {
        let id = TicketID("TKTA1B2C3")!
        let rows = DiscordComponents.rating(id, cycle: 3) + DiscordComponents.acknowledge(id, cycle: 3) + DiscordComponents.createTicket()
        let parsed = Self.customIDs(rows).map(CustomID.init)
        #expect(parsed == (1...5).map { .rate(id, cycle: 3, stars: $0) } + [.ack(id, cycle: 3), .create])
        #expect(rows.allSatisfy { $0.components.count <= 5 })
        #expect(rows.flatMap(\.components).allSatisfy { ($0.label?.count ?? 0) <= 80 && ($0.customID?.count ?? 0) <= 100 })
        // Disabled once rated (the answer that updates the message)
        #expect(DiscordComponents.rating(id, cycle: 3, disabled: true)[0].components.allSatisfy { $0.disabled == true })
        #expect(DiscordComponents.rating(id, cycle: 3)[0].components.allSatisfy { $0.disabled == nil })
    }

    @Test func thePanelUsesThePolicyInForce() {
        var policy = SLAPolicy.default
        policy.priorityHours[.critical] = 4
        let message = DiscordRenderer.panel(policy: policy)
        let text = message.embeds.flatMap { [$0.title ?? "", $0.description ?? ""] + $0.fields.map(\.value) }.joined(separator: "\n")
        #expect(text.contains("critique : **4h**") && text.contains("Facturation 24h"))
        #expect(message.allowedMentions == .none && message.content == nil)
        #expect(Self.customIDs(message.components) == ["triage:create"])
    }
}
