import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

@Suite struct TicketWriteTests {
    let agent = Fixture.agent
    let owner = Principal.user(Fixture.owner)

    @Test func createRecordsTheSLAAndNotifies() throws {
        // Given / When a critical billing ticket
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store, .billing, .critical)
        // Then: 12h set by priority, stored and read back the same
        #expect(ticket.sla.budget == SLABudget(hours: 12, rule: .priority))
        #expect(ticket.sla.dueAt == Fixture.at(12))
        let read = try store.ticket(ticket.id.rawValue, as: agent)
        #expect(read == ticket)
        // And the outbox holds the user's confirmation, the admin channel post and the on-call page
        let targets = try store.outbox(status: .pending, as: Fixture.agent).map(\.target)
        #expect(Set(targets) == [.user, .adminTickets, .oncall, .log])
    }

    @Test func invalidInputNamesTheFieldAndWritesNothing() throws {
        let store = try Fixture.store()
        #expect(throws: TicketError.self) {
            try store.create(
                NewTicket(requester: Fixture.owner, subject: " ", category: .general, priority: .low, description: "d"), as: owner,
                now: Fixture.t0)
        }
        #expect(try store.counts().isEmpty)
        #expect(try store.outbox(as: Fixture.agent).isEmpty)
    }

    @Test func agentReplyPausesUserReplyResumes() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store, .billing, .medium).id.rawValue  // 24h
        // When an agent answers at 2h and the user at 10h
        try store.reply(id, body: "Pouvez-vous envoyer une capture ?", as: agent, now: Fixture.at(2))
        let waiting = try store.ticket(id, as: agent)
        #expect(waiting.status == .waiting)
        #expect(waiting.sla.isPaused)
        #expect(waiting.firstResponseAt == Fixture.at(2))
        try store.reply(id, body: "Voilà 📎", as: owner, now: Fixture.at(10))
        // Then the clock resumed where it stopped: due 24h + 8h paused
        let open = try store.ticket(id, as: agent)
        #expect(open.status == .open)
        #expect(open.sla.dueAt == Fixture.at(32))
        #expect(open.awaitingAgentSince == Fixture.at(10))
    }

    @Test func keepOpenAndInternalNotesDoNotPause() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id.rawValue
        try store.reply(id, body: "note", internal: true, as: agent, now: Fixture.at(1))
        #expect(try store.ticket(id, as: agent).status == .open)
        #expect(try store.ticket(id, as: agent).firstResponseAt == nil, "an internal note is not a response")
        try store.reply(id, body: "On regarde", keepOpen: true, as: agent, now: Fixture.at(2))
        #expect(try store.ticket(id, as: agent).status == .open)
        #expect(try store.ticket(id, as: agent).firstResponseAt == Fixture.at(2))
    }

    @Test func priorityChangeWhileWaitingRecomputesFromTheLog() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store, .general, .low).id.rawValue  // 72h
        try store.reply(id, body: "?", as: agent, now: Fixture.at(10))  // paused at 10h
        try store.setPriority(id, .critical, as: agent, now: Fixture.at(15))  // 12h budget while paused
        try store.reply(id, body: "!", as: owner, now: Fixture.at(20))  // resumes
        let t = try store.ticket(id, as: agent)
        #expect(t.sla.budget == SLABudget(hours: 12, rule: .priority))
        #expect(t.sla.dueAt == Fixture.at(22))
    }

    @Test func closeReopenAndRate() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store, .billing, .high).id.rawValue
        let closed = try store.close(id, resolution: "Remboursé", as: agent, now: Fixture.at(5))
        #expect(closed.sla.met == true)
        #expect(throws: TicketError.conflict("\(id) is already closed")) {
            try store.close(id, resolution: nil, as: agent, now: Fixture.at(6))
        }
        try store.rate(id, rating: 4, comment: "Rapide 👍", as: owner, now: Fixture.at(7))
        #expect(try store.ticket(id, as: owner).satisfaction?.rating == 4)
        #expect(try store.outbox(status: .pending, as: Fixture.agent).contains { $0.cause == "closed:\(id):c1" && $0.target == .user })
        // A user's reply to a closed ticket reopens it with a fresh cycle
        try store.reply(id, body: "Ça recommence…", as: owner, now: Fixture.at(50))
        let reopened = try store.ticket(id, as: agent)
        #expect(reopened.status == .open)
        #expect(reopened.sla.dueAt == Fixture.at(74))
        #expect(throws: TicketError.conflict("\(id) is not closed")) { try store.reopen(id, as: agent, now: Fixture.at(51)) }
        #expect(throws: TicketError.conflict("\(id) can be rated once it is closed")) {
            try store.rate(id, rating: 5, comment: nil, as: owner, now: Fixture.at(52))
        }
        // A second close notifies again (a new cycle is a new cause)
        try store.close(id, resolution: nil, as: agent, now: Fixture.at(60))
        #expect(try store.outbox(status: .pending, as: Fixture.agent).contains { $0.cause == "closed:\(id):c2" && $0.target == .user })
    }

    @Test func assignTagStatusAndAcknowledge() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id.rawValue
        #expect(try store.assign(id, to: "bob", as: agent, now: Fixture.at(1)).assignee == "bob")
        #expect(try store.assign(id, to: nil, as: agent, now: Fixture.at(1)).assignee == nil)
        #expect(try store.tag(id, add: ["VIP", "refund"], as: agent, now: Fixture.at(1)).tags == ["refund", "vip"])
        #expect(try store.tag(id, remove: ["vip"], as: agent, now: Fixture.at(1)).tags == ["refund"])
        #expect(try store.ticket(id, as: agent).tags == ["refund"])
        #expect(try store.setStatus(id, .waiting, as: agent, now: Fixture.at(2)).sla.isPaused)
        #expect(throws: TicketError.self) { try store.setStatus(id, .closed, as: agent, now: Fixture.at(2)) }
        #expect(throws: TicketError.conflict("\(id) is not escalated")) { try store.acknowledge(id, as: agent, now: Fixture.at(2)) }
        try store.escalate(id, as: agent, now: Fixture.at(3))
        #expect(try store.ticket(id, as: agent).acknowledgedAt == nil)
        try store.acknowledge(id, as: agent, now: Fixture.at(4))
        #expect(try store.ticket(id, as: agent).acknowledgedAt == Fixture.at(4))
        let kinds = try store.detail(id, as: agent).events.map(\.kind)
        #expect(kinds == [.created, .assigned, .assigned, .tagged, .tagged, .tagged, .statusChanged, .escalated, .acknowledged])
    }

    @Test func draftsSurviveAndClear() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id.rawValue
        try store.saveDraft("Bonjour Élodie, 🙏", kind: .reply, ticket: id, as: agent, now: Fixture.at(1))
        #expect(try store.draft(kind: .reply, ticket: id, as: agent) == "Bonjour Élodie, 🙏")
        #expect(try store.draft(kind: .note, ticket: id, as: agent) == nil)
        #expect(try store.draft(kind: .reply, ticket: id, as: .agent("bob")) == nil)
        try store.saveDraft("", kind: .reply, ticket: id, as: agent, now: Fixture.at(2))
        #expect(try store.draft(kind: .reply, ticket: id, as: agent) == nil)
    }

    @Test func tokensAreHashedAndRevocable() throws {
        let store = try Fixture.store()
        let created = try store.createToken(role: .user, userID: Fixture.owner, name: "bot-test", as: Fixture.admin, now: Fixture.t0)
        #expect(created.secret.hasPrefix("trg_"))
        let auth = try store.authenticate(created.secret, now: Fixture.at(1))
        #expect(auth?.role == .user)
        #expect(auth?.userID == Fixture.owner)
        #expect(try store.tokens(as: Fixture.admin).first?.lastUsedAt == Fixture.at(1))
        #expect(try store.authenticate(created.secret + "x", now: Fixture.at(1)) == nil)
        try store.revokeToken("bot-test", as: Fixture.admin, now: Fixture.at(2))
        #expect(try store.authenticate(created.secret, now: Fixture.at(3)) == nil)
        #expect(throws: TicketError.self) { try store.createToken(role: .user, userID: nil, name: nil, as: Fixture.admin, now: Fixture.t0) }
    }

    @Test func queueOrderPagingAndFilters() throws {
        let store = try Fixture.store()
        // Given tickets of differing urgency
        let low = try Fixture.ticket(store, .general, .low, at: 0)  // due 72h
        let critical = try Fixture.ticket(store, .general, .critical, at: 1)  // due 13h
        let billing = try Fixture.ticket(store, .billing, .medium, at: 2)  // due 26h
        let waiting = try Fixture.ticket(store, .billing, .high, at: 3)
        try store.reply(waiting.id.rawValue, body: "?", as: agent, now: Fixture.at(4))
        let closed = try Fixture.ticket(store, .account, .critical, at: 4)
        try store.close(closed.id.rawValue, resolution: nil, as: agent, now: Fixture.at(5))
        // When / Then
        let all = try store.queue(QueueFilter(), as: agent).tickets.map(\.id)
        #expect(all == [critical.id, billing.id, low.id, waiting.id])
        let first = try store.queue(QueueFilter(limit: 2), as: agent)
        #expect(first.tickets.map(\.id) == [critical.id, billing.id])
        let second = try store.queue(QueueFilter(limit: 2), as: agent, after: QueueCursor(token: first.nextCursor!.token))
        #expect(second.tickets.map(\.id) == [low.id, waiting.id])
        #expect(second.nextCursor == nil)
        #expect(try store.queue(QueueFilter(status: .waiting), as: agent).tickets.map(\.id) == [waiting.id])
        #expect(try store.queue(QueueFilter(status: .closed), as: agent).tickets.map(\.id) == [closed.id])
        #expect(try store.queue(QueueFilter(category: .billing), as: agent).tickets.map(\.id) == [billing.id, waiting.id])
        #expect(try store.queue(QueueFilter(priority: .critical), as: agent).tickets.map(\.id) == [critical.id])
        #expect(throws: TicketError.self) { try QueueCursor(token: "garbage!") }
    }

    @Test func theQueueQueryUsesItsIndex() throws {
        let store = try Fixture.store()
        let plan = try store.queuePlan()
        #expect(plan.contains("USING INDEX tickets_queue"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "the queue must not sort: \(plan)")
    }

    @Test func weeklyStatsFromTheStore() throws {
        let store = try Fixture.store()
        let week = ISOWeek(containing: Fixture.t0)
        let a = try Fixture.ticket(store, .billing, .high, at: 0)
        try Fixture.ticket(store, .billing, .low, at: 1)
        try Fixture.ticket(store, .technical, .critical, at: 2)
        try store.reply(a.id.rawValue, body: "ok", as: agent, now: Fixture.at(2))
        try store.close(a.id.rawValue, resolution: "fixed", as: agent, now: Fixture.at(6))
        try store.rate(a.id.rawValue, rating: 5, comment: nil, as: owner, now: Fixture.at(7))
        let stats = try store.weeklyStats(week, as: agent, now: Fixture.at(8))
        #expect(stats.opened == 3)
        #expect(stats.resolved == 1)
        #expect(stats.meanResolutionHours == 6)
        #expect(stats.meanFirstResponseHours == 2)
        #expect(stats.slaMetPercent == 100)
        #expect(stats.satisfactionMean == 5)
        #expect(stats.backlogAtEnd == 2)
        #expect(stats.kpis.first { $0.name == "Critical open" }?.status == .fail)
        #expect(stats.categoryShares.first?.category == .billing)
        // The reminder list picks up tickets waiting for an agent 24h+
        let reminders = try store.reminders(as: agent, now: Fixture.at(30))
        #expect(reminders.count == 2)
        #expect(reminders.first?.waitingHours == 29)
    }
}
