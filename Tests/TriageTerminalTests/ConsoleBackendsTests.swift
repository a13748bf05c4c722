import Foundation
import Logging
import Testing
import TriageBackendSupport
import TriageConsole
import TriageCore
import TriagePostgres
import TriageStore

@testable import TriageTerminal

/// The console on both backends (`ConsoleStoring`): the live queue woken by another writer's commit (SQLite: the
/// file's write hint; PostgreSQL: LISTEN), drafts, seen marks, presence, on-call, stats and the ticket changes an
/// agent makes, the same on each.
@Suite struct ConsoleBackendsTests {
    /// A store of `backend` the console can watch: SQLite on a real file (its feed watches the file), PostgreSQL a
    /// fresh database.
    static func store(_ backend: Backend) async throws -> (store: any ConsoleStoring, close: @Sendable () async -> Void) {
        switch backend {
        case .sqlite:
            let file = try TerminalFixture.store("backends")
            return (SQLiteTicketStore(file), {})
        case .postgres:
            let made = try await backend.make()
            return (made.console, made.close)
        }
    }

    /// `body` on a fresh store of `backend`, closed after.
    static func with(_ backend: Backend, _ body: (any ConsoleStoring) async throws -> Void) async throws {
        let (store, close) = try await Self.store(backend)
        do {
            try await body(store)
        } catch {
            await close()
            throw error
        }
        await close()
    }

    /// Runs `body` on a thread of its own: the console's loop and worker wait for the store, which must not hold a
    /// thread of Swift's small shared pool while they do.
    static func onThread(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            Thread { done.resume(with: Result { try body() }) }.start()
        }
    }

    static let requester = UserID(42)

    static func new(_ subject: String, _ priority: Priority) -> NewTicket {
        NewTicket(requester: requester, subject: subject, category: .technical, priority: priority, description: "Details of \(subject)")
    }

    @Test("the console's queue goes live on another writer's commit, long before its poll", arguments: Backend.enabled)
    func liveQueue(backend: Backend) async throws {
        try await Self.with(backend) { store in try await Self.liveQueue(store) }
    }

    static func liveQueue(_ store: any ConsoleStoring) async throws {
        let t0 = Date()
        for (subject, priority) in [("Lent au démarrage", Priority.low), ("Paiement refusé", .critical), ("Avatar flou", .medium)] {
            _ = try await store.create(Self.new(subject, priority), as: .user(Self.requester), now: t0)
        }
        let feed = try await store.ticketFeed(as: .agent("alice"))
        defer { feed.stop() }
        try await Self.onThread {
            let calls = StoreCalls()
            let terminal = PipeTerminal()
            let runtime = ConsoleRuntime(
                terminal: terminal, backend: try StoreBackend(store: store, feed: feed, agent: "alice", calls: calls), agent: "alice",
                theme: BuiltinThemes.dark, pollMilliseconds: 600_000)
            runtime.run(maxIterations: 2)
            runtime.settle()
            // The queue in SLA order: the critical ticket first
            #expect(runtime.currentState.tickets.map(\.subject).first == "Paiement refusé")
            #expect(runtime.currentState.summary.open == 3 && runtime.currentState.summary.critical == 1)

            // When a colleague's process closes one and a user opens another
            let gone = try #require(runtime.currentState.tickets.first)
            let created = try calls.run {
                try await store.create(Self.new("Réveil immédiat ⏰", .high), as: .user(Self.requester), now: Date())
            }
            _ = try calls.run {
                try await store.close(gone.id.rawValue, resolution: "refund", notifyUser: false, as: .agent("bruno"), now: Date())
            }
            // Then the console shows it without waiting for its ten-minute poll (each turn waits at most a quarter
            // of a second)
            for _ in 0..<240
            where !(terminal.last?.text.contains("Réveil immédiat") ?? false)
                || runtime.currentState.tickets.contains(where: { $0.id == gone.id })
            {
                runtime.run(maxIterations: 1)
                runtime.settle()
            }
            #expect(terminal.last?.text.contains("Réveil immédiat") == true)
            #expect(runtime.currentState.tickets.contains { $0.id == created.id })
            #expect(!runtime.currentState.tickets.contains { $0.id == gone.id })
            #expect(runtime.currentState.summary.open == 3 && runtime.currentState.summary.critical == 0)
        }
    }

    @Test("drafts, seen marks, presence, changes, on-call and stats through the console's backend", arguments: Backend.enabled)
    func agentWork(backend: Backend) async throws {
        try await Self.with(backend) { store in
            let t0 = Date()
            let ticket = try await store.create(Self.new("Achat non reçu", .high), as: .user(Self.requester), now: t0)
            let other = try await store.create(Self.new("Mot de passe", .low), as: .user(Self.requester), now: t0)
            let aliceFeed = try await store.ticketFeed(as: .agent("alice"))
            let brunoFeed = try await store.ticketFeed(as: .agent("bruno"))
            defer {
                aliceFeed.stop()
                brunoFeed.stop()
            }
            try await Self.onThread {
                let alice = try StoreBackend(store: store, feed: aliceFeed, agent: "alice")
                let bruno = try StoreBackend(store: store, feed: brunoFeed, agent: "bruno")
                func draft(_ who: StoreBackend, _ id: TicketID) -> String? {
                    guard case .draftLoaded(_, _, let body) = who.perform(.loadDraft(.reply, id), now: t0).first else { return "?" }
                    return body
                }
                func drafts(_ who: StoreBackend) -> [TicketID: Set<DraftKind>]? {
                    guard case .draftsLoaded(let kinds) = who.perform(.loadDrafts, now: t0).first else { return nil }
                    return kinds
                }
                func presence(_ who: StoreBackend, at seconds: TimeInterval) -> [TicketID: [Presence]]? {
                    guard case .presenceLoaded(let p) = who.perform(.loadAutomation, now: t0.addingTimeInterval(seconds)).last else {
                        return nil
                    }
                    return p
                }
                func seen(at seconds: TimeInterval) -> [TicketID: LastSeen]? {
                    for case .seenLoaded(let marks, _) in alice.perform(.loadQueue, now: t0.addingTimeInterval(seconds)) { return marks }
                    return nil
                }
                func message(_ actions: [ConsoleAction]) -> String {
                    switch actions.first {
                    case .succeeded(let text)?: text
                    case .failed(let text)?: "failed: \(text)"
                    default: "\(actions)"
                    }
                }

                // A draft saved as alice types comes back, and marks its ticket; bruno sees none of it
                _ = alice.perform(.saveDraft(.reply, ticket.id, "Bonjour, nous regardons"), now: t0.addingTimeInterval(1))
                #expect(draft(alice, ticket.id) == "Bonjour, nous regardons")
                #expect(drafts(alice) == [ticket.id: [.reply]])
                #expect(draft(bruno, ticket.id) == nil && drafts(bruno) == [:])

                // Presence: bruno sees alice replying (her draft is fresh), alice sees bruno viewing, nobody themselves
                _ = bruno.perform(.heartbeat(ticket.id, typing: nil), now: t0.addingTimeInterval(2))
                #expect(presence(bruno, at: 3) == [ticket.id: [Presence(agent: "alice", activity: .replying)]])
                #expect(presence(alice, at: 3) == [ticket.id: [Presence(agent: "bruno", activity: .viewing)]])
                #expect(presence(alice, at: 90) == [:])

                // Seen marks: alice saw the ticket; bruno's note makes it unread for her
                let updated = ticket.updatedAt ?? ticket.createdAt
                _ = alice.perform(.markSeen(ticket.id, at: updated), now: t0.addingTimeInterval(4))
                alice.flushSeen()
                let mark = seen(at: 5)
                #expect(mark?.keys.sorted() == [ticket.id] && mark?[ticket.id]?.unread == false)
                #expect(abs((mark?[ticket.id]?.at ?? .distantPast).timeIntervalSince(updated)) < 0.001)
                #expect(
                    message(bruno.perform(.change(ticket.id, .note("Client VIP")), now: t0.addingTimeInterval(6)))
                        == "Internal note added to \(ticket.id)")
                #expect(seen(at: 7)?[ticket.id]?.unread == true)

                // Changes alice makes say what they did; her reply clears her draft
                #expect(
                    message(alice.perform(.change(ticket.id, .assign("alice")), now: t0.addingTimeInterval(8)))
                        == "\(ticket.id) assigned to alice")
                #expect(
                    message(alice.perform(.change(ticket.id, .reply("Remboursé")), now: t0.addingTimeInterval(9)))
                        == "Reply sent on \(ticket.id): waiting for the user")
                #expect(drafts(alice) == [:])
                guard case .detailLoaded(let detail) = alice.perform(.loadDetail(ticket.id), now: t0).first else {
                    Issue.record("no detail")
                    return
                }
                #expect(detail.ticket.assignee == "alice" && detail.ticket.status == .waiting)
                #expect(detail.messages.map(\.body) == ["Client VIP", "Remboursé"])
                #expect(detail.events.count <= ConsoleState.detailEvents && detail.events.first?.kind == .created)
                guard case .rosterLoaded(let roster) = alice.perform(.loadRoster, now: t0).first else {
                    Issue.record("no roster")
                    return
                }
                #expect(roster == ["alice", "bruno"])
                #expect(
                    message(alice.perform(.change(other.id, .priority(.critical)), now: t0.addingTimeInterval(10))).hasPrefix(
                        "\(other.id) priority critical: SLA"))

                // The queue's changes since a version: a ticket bruno closes is removed
                guard case .queueLoaded(_, _, let version?) = alice.perform(.loadQueue, now: t0.addingTimeInterval(11)).first else {
                    Issue.record("no version")
                    return
                }
                _ = try StoreCalls().run {
                    try await store.close(
                        other.id.rawValue, resolution: nil, notifyUser: false, as: .agent("bruno"), now: t0.addingTimeInterval(12))
                }
                _ = aliceFeed.takeNotified()
                let changes = alice.perform(.loadQueueChanges(since: version, detail: nil, countDue: true), now: t0.addingTimeInterval(13))
                guard case .queueChanged(let changed) = changes.first else {
                    Issue.record("\(changes)")
                    return
                }
                #expect(changed.changed == [] && changed.removed == [other.id])
                #expect(changed.version > version && changed.summary.open == 0 && changed.summary.waiting == 1)

                // Stats for this week: the trend's last week counts both openings and the close
                let week = ISOWeek(containing: t0)
                guard case .statsLoaded(_, let model) = alice.perform(.loadStats(week), now: t0.addingTimeInterval(14)).first else {
                    Issue.record("no stats")
                    return
                }
                #expect(model.trend.count == 12 && model.trend.last?.opened == 2 && model.trend.last?.resolved == 1)
            }
        }
    }

    @Test("PostgreSQL: a ticket the feed heard of is read even when the change counter does not list it")
    func notifiedTicketsAreRead() async throws {
        guard Backend.enabled.contains(.postgres) else { return }
        try await Self.with(.postgres) { store in
            let ticket = try await store.create(Self.new("Commit tardif", .medium), as: .user(Self.requester), now: Date())
            let agent = Principal.agent("alice")
            let version = try await store.queueSnapshot(as: agent, now: Date(), limit: 10).version
            let listed = try await store.queueChanges(
                since: version, notified: [], as: agent, now: Date(), limit: 10, detail: nil, countDue: true, detailEvents: nil)
            #expect(listed.changed == [])
            let heard = try await store.queueChanges(
                since: version, notified: [ticket.id], as: agent, now: Date(), limit: 10, detail: ticket.id, countDue: true, detailEvents: 1
            )
            #expect(heard.changed?.map(\.id) == [ticket.id] && heard.detail?.ticket.id == ticket.id && heard.detail?.events.count == 1)
            let lost = try await store.queueChanges(
                since: version, notified: nil, as: agent, now: Date(), limit: 10, detail: nil, countDue: true, detailEvents: nil)
            #expect(lost.changed == nil && lost.summary.open == 1)
        }
    }

    @Test("PostgreSQL: a feed whose LISTEN connection is lost listens again and asks for a whole reload")
    func lostListenConnection() async throws {
        guard Backend.enabled.contains(.postgres) else { return }
        try await Self.with(.postgres) { store in
            let postgres = try #require(store as? PostgresTicketStore)
            let feed = try await store.ticketFeed(as: .agent("alice"))
            defer { feed.stop() }
            // Listening: the first notice is a reload; then a change is heard by id
            try await Self.until { feed.takeNotified() == nil }
            let first = try await store.create(Self.new("Avant la coupure", .low), as: .user(Self.requester), now: Date())
            var heard: Set<TicketID> = []
            try await Self.until {
                heard.formUnion(feed.takeNotified() ?? [])
                return heard.contains(first.id)
            }
            // When the server ends the listener's connection (a restart, a failover, an idle timeout)
            let logger = Logger(label: "triage.tests.console")
            try await PostgresAdmin.withConnection(PGServer.superuser(postgres.location.database), logger: logger) { connection in
                try await connection.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
                    logger: logger)
            }
            // Then it listens again, says anything may have changed meanwhile, and hears the next change
            try await Self.until { feed.takeNotified() == nil }
            let second = try await store.create(Self.new("Après la coupure", .low), as: .user(Self.requester), now: Date())
            heard = []
            try await Self.until {
                heard.formUnion(feed.takeNotified() ?? [])
                return heard.contains(second.id)
            }
        }
    }

    /// Waits until `condition` holds (`eventually`), recording an issue when it never does.
    static func until(_ condition: () async throws -> Bool) async throws {
        if try await !eventually(condition) { Issue.record("the condition never held") }
    }

    @Test("a requester gets no console feed", arguments: Backend.enabled)
    func requesterRefused(backend: Backend) async throws {
        try await Self.with(backend) { store in
            await #expect(throws: TicketError.forbidden(AccessRules.refusal(.useConsole))) {
                _ = try await store.ticketFeed(as: .user(Self.requester))
            }
        }
    }
}
