import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// What each write does to a ticket, its SLA clock and its event log, and when it is refused.
@Suite struct WriteConformanceTests {
    @Test("an agent's public reply: waiting, first response, clock paused; the user's reply: open again", arguments: Backend.enabled)
    func replyPausesAndResumes(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store, .billing, .medium).id.rawValue  // 24h (category)
            // When an agent answers at 2h
            let message = try await store.reply(
                id, body: " Pouvez-vous envoyer une capture ? ", internal: false, keepOpen: false, as: C.agent, now: C.at(2))
            #expect(message.body == "Pouvez-vous envoyer une capture ?")
            #expect(message.authorKind == .agent && message.author == "alice" && !message.isInternal && message.createdAt == C.at(2))
            let waiting = try await store.ticket(id, as: C.agent)
            #expect(waiting.status == .waiting)
            #expect(waiting.firstResponseAt == C.at(2))
            #expect(waiting.awaitingAgentSince == nil)
            #expect(waiting.sla.isPaused && waiting.sla.pausedAt == C.at(2) && waiting.sla.pausedSeconds == 0)
            #expect(waiting.updatedAt == C.at(2))
            // And the user at 10h
            _ = try await store.reply(id, body: "Voilà 📎", internal: false, keepOpen: false, as: C.user, now: C.at(10))
            let open = try await store.ticket(id, as: C.agent)
            #expect(open.status == .open)
            #expect(!open.sla.isPaused && open.sla.pausedAt == nil)
            #expect(open.sla.pausedSeconds == 8 * 3600)
            #expect(open.sla.dueAt == C.at(32))
            #expect(open.awaitingAgentSince == C.at(10))
            // A second agent reply keeps the first response time
            _ = try await store.reply(id, body: "Merci", internal: false, keepOpen: false, as: .agent("bob"), now: C.at(12))
            let again = try await store.ticket(id, as: C.agent)
            #expect(again.firstResponseAt == C.at(2) && again.status == .waiting && again.sla.pausedAt == C.at(12))
        }
    }

    @Test("keepOpen keeps the ticket open; an internal note is no response and changes nothing else", arguments: Backend.enabled)
    func keepOpenAndNotes(backend: Backend) async throws {
        try await with(backend) { store in
            let created = try await C.open(store)
            let id = created.id.rawValue
            let note = try await store.reply(id, body: "note", internal: true, keepOpen: false, as: C.agent, now: C.at(1))
            #expect(note.isInternal && note.authorKind == .agent)
            let afterNote = try await store.ticket(id, as: C.agent)
            var expected = created
            expected.updatedAt = C.at(1)
            #expect(afterNote == expected, "a note moves only updated_at")
            _ = try await store.reply(id, body: "On regarde", internal: false, keepOpen: true, as: C.agent, now: C.at(2))
            let kept = try await store.ticket(id, as: C.agent)
            #expect(kept.status == .open && !kept.sla.isPaused)
            #expect(kept.firstResponseAt == C.at(2) && kept.awaitingAgentSince == nil)
            // The user writes on an open ticket: still open, waiting on an agent again
            _ = try await store.reply(id, body: "Merci", internal: false, keepOpen: false, as: C.service, now: C.at(3))
            let mine = try await store.ticket(id, as: C.agent)
            #expect(mine.status == .open && mine.awaitingAgentSince == C.at(3) && mine.sla.dueAt == C.at(24))
            #expect(try await store.detail(id, as: C.agent).events.map(\.kind) == [.created, .noteAdded, .replied, .replied])
        }
    }

    @Test("close, then the requester rates (again replaces); closing again is a conflict", arguments: Backend.enabled)
    func closeAndRate(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store, .billing, .high).id.rawValue  // 24h
            let closed = try await store.close(id, resolution: "  Remboursé ", notifyUser: true, as: C.agent, now: C.at(5))
            #expect(closed.status == .closed && closed.closedAt == C.at(5) && closed.resolution == "Remboursé")
            #expect(closed.sla.closedAt == C.at(5) && closed.sla.met == true && closed.awaitingAgentSince == nil)
            #expect(closed.updatedAt == C.at(5))
            #expect(try await store.ticket(id, as: C.agent) == closed)
            let again = await C.error { _ = try await store.close(id, resolution: nil, notifyUser: true, as: C.agent, now: C.at(6)) }
            #expect(again == .conflict("\(id) is already closed"))
            let byOwner = await C.error { _ = try await store.close(id, resolution: nil, notifyUser: true, as: C.user, now: C.at(6)) }
            #expect(byOwner == .conflict("\(id) is already closed"))
            // The requester rates; rating again (through the service) replaces it
            let rated = try await store.rate(id, rating: 4, comment: "Rapide 👍", as: C.user, now: C.at(7))
            #expect(rated.satisfaction == Satisfaction(rating: 4, comment: "Rapide 👍", ratedAt: C.at(7)))
            #expect(rated.status == .closed && rated.sla == closed.sla)
            _ = try await store.rate(id, rating: 2, comment: "  ", as: C.service, now: C.at(8))
            let rerated = try await store.ticket(id, as: C.user)
            #expect(rerated.satisfaction == Satisfaction(rating: 2, comment: nil, ratedAt: C.at(8)))
            #expect(try await store.ticket(id, as: C.agent).satisfaction == Satisfaction(rating: 2, comment: nil, ratedAt: C.at(8)))
            // Only the requester rates, 1 to 5
            let byAgent = await C.error { _ = try await store.rate(id, rating: 5, comment: nil, as: C.agent, now: C.at(9)) }
            #expect(byAgent == .forbidden("only the requester can rate \(id)"))
            let outOfRange = await C.error { _ = try await store.rate(id, rating: 6, comment: nil, as: C.user, now: C.at(9)) }
            #expect(outOfRange == .invalidField(field: "rating", message: "rating must be a whole number from 1 to 5 (got 6)"))
            let events = try await store.detail(id, as: C.agent).events
            #expect(events.map(\.kind) == [.created, .closed, .rated, .rated])
            #expect(events[1].newValue == "Remboursé" && events.suffix(2).map(\.newValue) == ["4", "2"])
        }
    }

    @Test(
        "a requester closes and reopens: a new cycle with a fresh budget; a reply to a closed ticket reopens too",
        arguments: Backend.enabled)
    func reopenStartsANewCycle(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store, .billing, .high).id.rawValue  // 24h
            _ = try await store.escalate(id, as: C.agent, now: C.at(1))
            _ = try await store.acknowledge(id, as: C.agent, now: C.at(2))
            _ = try await store.close(id, resolution: "ok", notifyUser: false, as: C.user, now: C.at(5))
            _ = try await store.rate(id, rating: 5, comment: nil, as: C.user, now: C.at(6))
            // When the requester reopens at 50h
            let reopened = try await store.reopen(id, as: C.user, now: C.at(50))
            // Then: cycle 2 from 50h, the last cycle's close, resolution and escalation gone
            #expect(reopened.status == .open && reopened.closedAt == nil && reopened.resolution == nil)
            #expect(reopened.sla.cycle == 2 && reopened.sla.cycleStart == C.at(50) && reopened.sla.dueAt == C.at(74))
            #expect(reopened.sla.closedAt == nil && reopened.sla.pausedSeconds == 0 && reopened.sla.met == nil)
            #expect(!reopened.escalated && reopened.acknowledgedAt == nil)
            #expect(reopened.awaitingAgentSince == C.at(50) && reopened.updatedAt == C.at(50))
            // The rating stays with the ticket (one per ticket) until rated again
            #expect(reopened.satisfaction == Satisfaction(rating: 5, comment: nil, ratedAt: C.at(6)))
            #expect(try await store.ticket(id, as: C.agent) == reopened)
            let notClosed = await C.error { _ = try await store.reopen(id, as: C.agent, now: C.at(51)) }
            #expect(notClosed == .conflict("\(id) is not closed"))
            let rateOpen = await C.error { _ = try await store.rate(id, rating: 5, comment: nil, as: C.user, now: C.at(52)) }
            #expect(rateOpen == .conflict("\(id) can be rated once it is closed"))
            // A public reply to a closed ticket reopens it (cycle 3); an internal note does not
            _ = try await store.close(id, resolution: nil, notifyUser: false, as: C.agent, now: C.at(60))
            _ = try await store.reply(id, body: "note", internal: true, keepOpen: false, as: C.agent, now: C.at(61))
            #expect(try await store.ticket(id, as: C.agent).status == .closed)
            _ = try await store.reply(id, body: "Ça recommence…", internal: false, keepOpen: false, as: C.user, now: C.at(70))
            let third = try await store.ticket(id, as: C.agent)
            #expect(third.status == .open && third.sla.cycle == 3 && third.sla.dueAt == C.at(94))
            let kinds = try await store.detail(id, as: C.agent).events.map(\.kind)
            #expect(kinds == [.created, .escalated, .acknowledged, .closed, .rated, .reopened, .closed, .noteAdded, .reopened, .replied])
        }
    }

    @Test("a priority or category change recomputes the due time, keeping paused time", arguments: Backend.enabled)
    func priorityAndCategory(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store, .general, .low).id.rawValue  // 72h
            _ = try await store.reply(id, body: "?", internal: false, keepOpen: false, as: C.agent, now: C.at(10))  // paused at 10h
            let critical = try await store.setPriority(id, .critical, as: C.agent, now: C.at(15))  // 12h while paused
            #expect(critical.priority == .critical && critical.sla.priority == .critical)
            #expect(critical.sla.budget == SLABudget(hours: 12, rule: .priority) && critical.sla.pausedAt == C.at(10))
            #expect(critical.sla.dueAt == C.at(12))
            _ = try await store.reply(id, body: "!", internal: false, keepOpen: false, as: C.user, now: C.at(20))  // resumes: 10h paused
            let resumed = try await store.ticket(id, as: C.agent)
            #expect(resumed.sla.dueAt == C.at(22) && resumed.sla.pausedSeconds == 10 * 3600)
            // A category change: billing (24h) against critical (12h): the priority still wins; then low: billing wins
            let billing = try await store.setCategory(id, .billing, as: C.agent, now: C.at(21))
            #expect(billing.category == .billing && billing.sla.budget == SLABudget(hours: 12, rule: .priority))
            let low = try await store.setPriority(id, .low, as: C.admin, now: C.at(22))
            #expect(low.sla.budget == SLABudget(hours: 24, rule: .category) && low.sla.dueAt == C.at(34))
            #expect(try await store.ticket(id, as: C.agent) == low)
            // The same value again changes nothing, not even updated_at
            let same = try await store.setPriority(id, .low, as: C.agent, now: C.at(23))
            #expect(same == low)
            #expect(try await store.setCategory(id, .billing, as: C.agent, now: C.at(23)) == low)
            #expect(try await store.ticket(id, as: C.agent).updatedAt == C.at(22))
            let events = try await store.detail(id, as: C.agent).events.filter {
                $0.kind == .priorityChanged || $0.kind == .categoryChanged
            }
            #expect(events.map { [$0.oldValue, $0.newValue] } == [["low", "critical"], ["general", "billing"], ["critical", "low"]])
        }
    }

    @Test("assign and unassign; the same assignee again is no change", arguments: Backend.enabled)
    func assignment(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store).id.rawValue
            let assigned = try await store.assign(id, to: " bob ", as: C.agent, now: C.at(1))
            #expect(assigned.assignee == "bob" && assigned.updatedAt == C.at(1))
            #expect(try await store.assign(id, to: "bob", as: C.admin, now: C.at(2)) == assigned)
            let unassigned = try await store.assign(id, to: nil, as: C.agent, now: C.at(3))
            #expect(unassigned.assignee == nil && unassigned.updatedAt == C.at(3))
            #expect(try await store.ticket(id, as: C.agent) == unassigned)
            let bad = await C.error { _ = try await store.assign(id, to: "bob smith", as: C.agent, now: C.at(4)) }
            #expect(
                bad == .invalidField(field: "assignee", message: "assignee 'bob smith' must be 1 to 64 letters, digits, '.', '-' or '_'"))
            let events = try await store.detail(id, as: C.agent).events.filter { $0.kind == .assigned }
            #expect(events.map(\.oldValue) == [nil, "bob"] && events.map(\.newValue) == ["bob", nil])
            #expect(events.map(\.actor) == ["alice", "alice"])
        }
    }

    @Test("tags are added and removed normalised to lower case, kept sorted", arguments: Backend.enabled)
    func tags(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store).id.rawValue
            let added = try await store.tag(id, add: ["VIP", " Refund ", "vip"], remove: [], as: C.agent, now: C.at(1))
            #expect(added.tags == ["refund", "vip"])
            let removed = try await store.tag(id, add: ["b:2"], remove: ["VIP", "absent"], as: C.agent, now: C.at(2))
            #expect(removed.tags == ["b:2", "refund"])
            #expect(try await store.ticket(id, as: C.agent).tags == ["b:2", "refund"])
            #expect(try await store.queue(QueueFilter(), as: C.agent, after: nil).tickets.first?.tags == ["b:2", "refund"])
            // Nothing to do is no change
            #expect(try await store.tag(id, add: ["REFUND"], remove: ["vip"], as: C.agent, now: C.at(3)) == removed)
            let bad = await C.error { _ = try await store.tag(id, add: ["bad tag!"], remove: [], as: C.agent, now: C.at(4)) }
            #expect(bad == .invalidField(field: "tag", message: "tag 'bad tag!' must be 1 to 32 letters, digits, '-', '_' or ':'"))
            let events = try await store.detail(id, as: C.agent).events.filter { $0.kind == .tagged }
            #expect(events.map(\.newValue) == ["refund", "vip", "b:2", nil])
            #expect(events.map(\.oldValue) == [nil, nil, nil, "vip"])
        }
    }

    @Test("escalate then acknowledge; again is harmless; a ticket not escalated is a conflict", arguments: Backend.enabled)
    func escalation(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store).id.rawValue
            let early = await C.error { _ = try await store.acknowledge(id, as: C.agent, now: C.at(1)) }
            #expect(early == .conflict("\(id) is not escalated"))
            let escalated = try await store.escalate(id, as: C.agent, now: C.at(2))
            #expect(escalated.escalated && escalated.acknowledgedAt == nil && escalated.updatedAt == C.at(2))
            #expect(try await store.escalate(id, as: C.admin, now: C.at(3)) == escalated, "escalating again is no change")
            let acknowledged = try await store.acknowledge(id, as: C.agent, now: C.at(4))
            #expect(acknowledged.escalated && acknowledged.acknowledgedAt == C.at(4))
            #expect(try await store.acknowledge(id, as: .agent("bob"), now: C.at(5)) == acknowledged)
            #expect(try await store.ticket(id, as: C.agent) == acknowledged)
            let events = try await store.detail(id, as: C.agent).events
            #expect(events.map(\.kind) == [.created, .escalated, .acknowledged])
            #expect(events.dropFirst().map(\.newValue) == ["c1", "c1"])
        }
    }

    @Test("status: waiting pauses, open resumes; closed is not a status to set; a closed ticket is a conflict", arguments: Backend.enabled)
    func status(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store, .technical, .medium).id.rawValue  // 48h
            _ = try await store.reply(id, body: "ok", internal: false, keepOpen: true, as: C.agent, now: C.at(1))
            let waiting = try await store.setStatus(id, .waiting, as: C.agent, now: C.at(2))
            #expect(waiting.status == .waiting && waiting.sla.pausedAt == C.at(2) && waiting.awaitingAgentSince == nil)
            #expect(try await store.setStatus(id, .waiting, as: C.agent, now: C.at(3)) == waiting)
            let open = try await store.setStatus(id, .open, as: C.agent, now: C.at(6))
            #expect(open.status == .open && open.sla.pausedSeconds == 4 * 3600 && open.sla.dueAt == C.at(52))
            #expect(open.awaitingAgentSince == C.at(6))
            let closing = await C.error { _ = try await store.setStatus(id, .closed, as: C.agent, now: C.at(7)) }
            #expect(closing == .invalidField(field: "status", message: "use close to close a ticket; status can be set to: open, waiting"))
            _ = try await store.close(id, resolution: nil, notifyUser: false, as: C.agent, now: C.at(8))
            let onClosed = await C.error { _ = try await store.setStatus(id, .open, as: C.agent, now: C.at(9)) }
            #expect(onClosed == .conflict("\(id) is closed; reopen it first"))
        }
    }

    @Test("refused input on a write names its field and writes nothing", arguments: Backend.enabled)
    func invalidWrites(backend: Backend) async throws {
        try await with(backend) { store in
            let ticket = try await C.open(store)
            let id = ticket.id.rawValue
            let blank = await C.error {
                _ = try await store.reply(id, body: " \n", internal: false, keepOpen: false, as: C.agent, now: C.at(1))
            }
            #expect(blank == .invalidField(field: "message", message: "message must be 1 to 10000 characters (got 0)"))
            // Input is checked before the ticket is looked up
            let blankMissing = await C.error {
                _ = try await store.reply("TKTZZZZZZ", body: "", internal: false, keepOpen: false, as: C.agent, now: C.at(1))
            }
            #expect(blankMissing == .invalidField(field: "message", message: "message must be 1 to 10000 characters (got 0)"))
            let resolution = await C.error {
                _ = try await store.close(id, resolution: String(repeating: "x", count: 2001), notifyUser: true, as: C.agent, now: C.at(1))
            }
            #expect(resolution == .invalidField(field: "resolution", message: "resolution must be 0 to 2000 characters (got 2001)"))
            #expect(try await store.ticket(id, as: C.agent) == ticket)
            #expect(try await store.detail(id, as: C.agent).messages.isEmpty)
            #expect(try await store.detail(id, as: C.agent).events.map(\.kind) == [.created])
        }
    }
}
