import Foundation
import Testing
import TriageCore

@testable import TriagePostgres

/// Two servers on one database (two pools, as two `triage serve` processes would hold): their writes to the same
/// ticket interleave, and none is lost: the ticket's row is its event log replayed.
@Suite(.enabled(if: PGTest.available, "set TRIAGE_TEST_PGHOST and TRIAGE_TEST_PGPORT (CI does)"))
struct PostgresConcurrencyTests {
    @Test func twoServersWritingOneTicketLoseNothing() async throws {
        let location = try await PGTest.database()
        let app = location.user(PostgresSchema.loginRole)
        let one = try await PostgresTicketStore.connect(app, baseURL: TicketURL.defaultBase)
        let two = try await PostgresTicketStore.connect(app, baseURL: TicketURL.defaultBase)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let user = UserID("111")!
        let ticket = try await one.create(
            NewTicket(requester: user, subject: "Paiement refusé", category: .billing, priority: .medium, description: "Carte refusée"),
            as: .user(user), now: t0)
        let id = ticket.id.rawValue
        // When both servers write to it at once: priorities, assignments, tags, replies from both sides
        let priorities: [Priority] = [.critical, .high, .low, .medium]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for step in 0..<24 {
                let store = step.isMultiple(of: 2) ? one : two
                let at = t0.addingTimeInterval(Double(step + 1))
                group.addTask {
                    switch step % 4 {
                    case 0: _ = try await store.setPriority(id, priorities[step / 4 % 4], as: .agent("alice"), now: at)
                    case 1: _ = try await store.assign(id, to: step % 8 == 1 ? "bob" : "carol", as: .agent("alice"), now: at)
                    case 2: _ = try await store.tag(id, add: ["t\(step)"], remove: [], as: .agent("bob"), now: at)
                    default: _ = try await store.reply(id, body: "message \(step)", internal: false, keepOpen: false, as: .user(user), now: at)
                    }
                }
            }
            try await group.waitForAll()
        }
        // Then every write is in the log, and the row is what the log says
        let detail = try await one.detail(id, as: .agent("alice"))
        let log = detail.events
        #expect(log.filter { $0.kind == .priorityChanged }.count + log.filter { $0.kind == .assigned }.count <= 12)
        #expect(detail.messages.count == 6)
        #expect(Set(detail.ticket.tags) == Set((0..<24).filter { $0 % 4 == 2 }.map { "t\($0)" }))
        let replayed = SLAClock.replay(log.compactMap(\.slaEvent), policy: .default)
        #expect(detail.ticket.sla == replayed)
        let lastPriority = log.last { $0.kind == .priorityChanged || $0.kind == .created }
        #expect(lastPriority.flatMap { $0.kind == .created ? "medium" : $0.newValue } == detail.ticket.priority.rawValue)
        #expect(log.last { $0.kind == .assigned }?.newValue == detail.ticket.assignee)
        await one.shutdown()
        await two.shutdown()
        await PGTest.drop(location)
    }

    @Test func theStoreRefusesALoginThatRowLevelSecurityWouldNotBind() async throws {
        let location = try await PGTest.database()
        do {
            _ = try await PostgresTicketStore.connect(location, baseURL: TicketURL.defaultBase)
            Issue.record("a superuser store was opened")
        } catch {
            #expect(error.description.contains("superuser"))
        }
        await PGTest.drop(location)
    }
}

/// Consoles go live through LISTEN: a ticket changed by another server arrives by id after its commit, after a
/// `.reloadAll` when the listener starts; the change counter moves with it.
@Suite(.enabled(if: PGTest.available, "set TRIAGE_TEST_PGHOST and TRIAGE_TEST_PGPORT (CI does)"))
struct PostgresChangeFeedTests {
    @Test func aChangeFromAnotherServerArrivesByIdAfterAReload() async throws {
        let location = try await PGTest.database()
        let app = location.user(PostgresSchema.loginRole)
        let console = try await PostgresTicketStore.connect(app, baseURL: TicketURL.defaultBase)
        let server = try await PostgresTicketStore.connect(app, baseURL: TicketURL.defaultBase)
        let (changes, sink) = AsyncStream.makeStream(of: TicketChange.self)
        let listening = Task { await console.listen { sink.yield($0) } }
        var iterator = changes.makeAsyncIterator()
        // The listener starts with a reload
        #expect(await iterator.next() == .reloadAll)
        let before = try await console.ticketVersion(as: .agent("alice"))
        // When another server opens and assigns a ticket
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let ticket = try await server.create(
            NewTicket(requester: UserID("111")!, subject: "Paiement refusé", category: .billing, priority: .high, description: "Carte"),
            as: .user(UserID("111")!), now: t0)
        _ = try await server.assign(ticket.id.rawValue, to: "bob", as: .agent("alice"), now: t0.addingTimeInterval(1))
        // Then the console hears of it by id, once per transaction, and the counter moved
        #expect(await iterator.next() == .ticket(ticket.id))
        #expect(await iterator.next() == .ticket(ticket.id))
        #expect(try await console.ticketVersion(as: .agent("alice")) > before)
        // And the counter is the console's: a user may not read it
        await #expect(throws: TicketError.forbidden(AccessRules.refusal(.useConsole))) {
            _ = try await console.ticketVersion(as: .user(UserID("111")!))
        }
        listening.cancel()
        sink.finish()
        await listening.value
        await console.shutdown()
        await server.shutdown()
        await PGTest.drop(location)
    }
}
