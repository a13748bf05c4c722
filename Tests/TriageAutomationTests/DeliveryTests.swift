import Foundation
import Testing
import TriageAutomation
import TriageCore
import TriageDiscord
import TriageStore
import TriageTestSupport

/// Delivery of the outbox against the fake Discord: rate limits, disabled targets, crashes, the log file, DMs.
@Suite struct DeliveryTests {
    @Test func a429WaitsExactlyRetryAfterAndIsNotAFailure() async throws {
        // Given #admin-tickets answering 429 (retry after 2 s) once
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        await f.fake.script(webhook: AutomationFixture.admin, [.rateLimited(retryAfter: 2, global: false)])
        try f.ticket()
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 1)
        // When passes run before retry_after, nothing is sent; at retry_after it is
        f.advance(seconds: 1.9)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 1)
        f.advance(seconds: 0.1)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 2)
        let row = try #require(try f.outbox(kind: .created, target: .adminTickets).first)
        #expect(row.status == .delivered && row.attempts == 0)
    }

    @Test func aGlobal429PausesEveryDiscordTarget() async throws {
        // Given a critical ticket whose page gets a global 429 (1.5 s)
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        await f.fake.script(webhook: AutomationFixture.oncall, [.rateLimited(retryAfter: 1.5, global: true)])
        try f.ticket(.billing, .critical)
        try await f.pass()
        let before = await f.posts(AutomationFixture.admin).count
        // When another ticket arrives during the pause, #admin-tickets waits too
        try f.ticket()
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == before)
        f.advance(seconds: 1.5)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 2)
        #expect(await f.posts(AutomationFixture.oncall).count == 2)
    }

    @Test func a404DisablesTheTargetUntilAnAdminRetries() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        await f.fake.script(webhook: AutomationFixture.admin, [.unknownWebhook])
        try f.ticket()
        try await f.pass()
        // The row is dead, the target disabled with the reason, and nothing more is sent to it
        #expect(try f.outbox(kind: .created, target: .adminTickets).first?.status == .dead)
        let disabled = try f.store.targetStates().first { $0.target == "admin-tickets" }
        #expect(disabled?.disabledReason?.contains("10015") == true || disabled?.disabledReason?.contains("404") == true)
        #expect(disabled?.disabledReason?.contains("secret-token") == false)
        try f.ticket()
        f.advance(seconds: 60)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 1)
        // When the admin fixes it and retries, both go out
        #expect(try f.store.retryDeadOutbox(as: .admin("root"), now: f.now) == 1)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 3)
        #expect(try f.store.targetStates().isEmpty)
    }

    @Test func aRunnerKilledBetweenClaimAndSendLosesNothing() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        try f.ticket()
        // Given a runner that claimed the #admin-tickets row and died before sending
        let claimed = try #require(try f.store.claimNext(for: .adminTickets, owner: "killed", now: f.now))
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).isEmpty)
        // When its lease runs out, another runner sends it once, not flagged
        f.advance(seconds: TicketStore.deliveryLease)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 1)
        let row = try #require(try f.store.outboxEntry(claimed.id, as: .admin("ops")))
        #expect(row.status == .delivered && !row.possiblyDoubled)
    }

    @Test func aRunnerKilledBetweenSendAndRecordSendsAgainAndSaysSo() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        try f.ticket()
        // Given a runner that claimed the row, sent it, and died before recording the answer
        let claimed = try #require(try f.store.claimNext(for: .adminTickets, owner: "killed", now: f.now))
        try f.store.markSending(claimed.id, now: f.now)
        let sent = await DiscordClient().executeWebhook(
            url: f.config.webhooks.adminTickets!, message: DiscordRenderer.render(claimed.notice!, target: "admin-tickets"))
        guard case .delivered = sent else { Issue.record("the first send failed: \(sent)"); return }
        // When the next runner takes it back, it is sent again (at least once) and flagged possibly doubled
        f.advance(seconds: TicketStore.deliveryLease)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.admin).count == 2)
        let row = try #require(try f.store.outboxEntry(claimed.id, as: .admin("ops")))
        #expect(row.status == .delivered && row.possiblyDoubled)
    }

    @Test func internalNotesNeverReachAnyPayloadTheLogOrTheBot() async throws {
        let f = try await AutomationFixture(botToken: true)
        defer { Task { await f.stop() } }
        let id = try f.ticket().id.rawValue
        try f.store.reply(id, body: "SECRET-NOTE refund abuse?", internal: true, as: AutomationFixture.agent, now: f.now)
        try f.store.reply(id, body: "Bonjour, c'est réglé.", as: AutomationFixture.agent, now: f.now)
        try f.store.close(id, resolution: "Carte réactivée", as: AutomationFixture.agent, now: f.now)
        f.set(hours: 30)
        try await f.pass()
        for entry in try f.store.outbox(limit: 1000, as: AutomationFixture.agent) {
            guard let notice = entry.notice else { continue }
            let rendered = String(decoding: try DiscordRenderer.render(notice, target: entry.target.rawValue).jsonData(), as: UTF8.self)
            #expect(!rendered.contains("SECRET"))
            #expect(!(NoticeText.forUser(notice) ?? "").contains("SECRET"))
        }
        for request in await f.fake.requests() { #expect(!request.bodyText.contains("SECRET")) }
        let log = try String(contentsOfFile: f.logPath, encoding: .utf8)
        #expect(!log.isEmpty && !log.contains("SECRET"))
    }

    @Test func userNotificationsGoByDirectMessageWithANonce() async throws {
        let f = try await AutomationFixture(botToken: true)
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        try f.store.reply(ticket.id.rawValue, body: "Pouvez-vous réessayer ?", as: AutomationFixture.agent, now: f.now)
        try await f.pass()
        let dms = await f.fake.requests().filter { $0.channelID != nil }
        #expect(dms.count == 2)  // the confirmation and the reply
        #expect(dms.allSatisfy { ($0.json?["nonce"] as? String)?.hasPrefix("tn") == true && $0.json?["enforce_nonce"] as? Bool == true })
        #expect(dms.first?.bodyText.contains("Ticket créé") == true)
        #expect(try f.outbox(kind: .replied, target: .user).first?.status == .delivered)
    }

    @Test func theLogFileHasOneLinePerNotificationWithItsDedupeKey() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket(.billing, .critical)
        try await f.pass()
        try await f.pass()
        let lines = try String(contentsOfFile: f.logPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(line["dedupe_key"] as? String == "created:\(ticket.id)|log")
    }

    @Test func aPostThatCouldNotGoOutForADayEndsDeadNotLate() async throws {
        // Given a ticket opened while no runner ran for more than a day
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        try f.ticket(.billing, .low)
        f.set(hours: 24.5)
        try await f.pass()
        // Then its #admin-tickets post is dead with the reason, never posted a day late; the log still has it
        let row = try #require(try f.outbox(kind: .created, target: .adminTickets).first)
        #expect(row.status == .dead && row.lastError?.contains("expired") == true)
        #expect(await f.posts(AutomationFixture.admin).filter { $0.bodyText.contains("Nouveau ticket") }.isEmpty)
        #expect(try f.outbox(kind: .created, target: .log).first?.status == .delivered)
    }

    @Test func aUserMessageNoBotPulledIn30DaysEndsDead() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        try f.ticket()
        f.set(hours: 24 * 29)
        try await f.pass()
        #expect(try f.outbox(kind: .created, target: .user).first?.status == .pending)
        f.set(hours: 24 * 30 + 1)
        try await f.pass()
        let row = try #require(try f.outbox(kind: .created, target: .user).first)
        #expect(row.status == .dead && row.lastError?.contains("expired") == true)
    }

    @Test func hostileSubjectsNeverPingOrLinkOnTheWayOut() async throws {
        // Given a critical ticket whose subject tries every trick, paged to on-call
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        try f.ticket(.billing, .critical, subject: "@everyone @here <@&42> <@7> `<@&1>` [clique](https://evil.example) \u{202E}gpj.exe")
        try await f.pass()
        let posts = await f.posts()
        #expect(posts.count == 2)
        for post in posts {
            // No mention survives as Discord would parse it, no masked link, no bidi override (compared scalar by
            // scalar: String.contains would look through the zero-width space that breaks a mention)
            let scalars = Array(post.bodyText.unicodeScalars)
            for needle in ["@everyone", "@here", "<@&42>", "<@7>", "<@&1>", "](https://", "\u{202E}"] {
                #expect(!Self.contains(scalars, Array(needle.unicodeScalars)), "\(needle) in \(post.bodyText)")
            }
            let json = try #require(post.json)
            let mentions = try #require(json["allowed_mentions"] as? [String: Any])
            #expect(mentions["parse"] as? [String] == [])
            // Only Triage's own role may be pinged, and only on the page
            let roles = mentions["roles"] as? [String] ?? []
            #expect(roles == (post.webhookID == AutomationFixture.oncall ? ["555000000000000001"] : []))
            #expect(!((json["content"] as? String) ?? "").contains("clique"))
        }
    }

    static func contains(_ scalars: [Unicode.Scalar], _ pattern: [Unicode.Scalar]) -> Bool {
        guard pattern.count <= scalars.count else { return false }
        for start in 0...(scalars.count - pattern.count) where Array(scalars[start..<(start + pattern.count)]) == pattern {
            return true
        }
        return false
    }
}
