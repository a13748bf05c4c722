import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import TriageCore
import TriageDiscord
import TriageStore

@testable import TriageAPI

/// The polish items of issue 10: a closed ticket's SLA, rounded stats hours, `assignee=NONE`, a requester closing
/// their own ticket, and the WAL given back while another process writes.
@Suite struct PolishTests {
    /// Runs `test` against the router with the clock at `now`.
    static func run(_ fixture: APIFixture, now: Date, _ test: @Sendable (APIClient) async throws -> Void) async throws {
        var logger = Logger(label: "triage.api.tests")
        logger.logLevel = .warning
        let app = Application(router: buildRouter(store: fixture.store, now: { now }), logger: logger)
        try await app.test(.router) { client in try await test(APIClient(client: client, tokens: fixture.tokens)) }
    }

    // MARK: 1. A closed ticket shows its outcome, never a running countdown

    @Test func aClosedTicketsSLAStandsStillWhileTheClockRuns() async throws {
        // Given a ticket closed an hour after it was opened (24h budget: met, closed 23h before due)
        let fixture = try APIFixture()
        let ticket = try fixture.ticket()
        try fixture.store.close(ticket.id.rawValue, resolution: "Fixed", as: .agent("alice"), now: APIFixture.t0.addingTimeInterval(3600))
        let seen = Mutex<[String]>([])
        for hours in [2.0, 30, 200] {
            try await Self.run(fixture, now: APIFixture.t0.addingTimeInterval(hours * 3600)) { api in
                // When it is read at 2h, 30h (past its due time) and 200h
                let view = try await api.get("/api/tickets/\(ticket.id)", as: "agent").json
                let list = try await api.get("/api/tickets?status=closed", as: "owner").tickets.first ?? [:]
                let text =
                    try await api.post(
                        "/api/commands", as: "service", CommandEndpointTests.body("!ticket_view \(ticket.id)", locale: "en-US")
                    ).json["reply"] as? String
                for json in [view, list] {
                    // Then the answer is its outcome and a fixed margin, the same at every hour
                    #expect(json["sla_state"] as? String == "met")
                    #expect(json["sla_remaining_seconds"] as? Int == 23 * 3600)
                }
                let line = text?.split(separator: "\n").first { $0.contains("SLA") }.map(String.init) ?? ""
                #expect(line.hasSuffix("⏱️ SLA met"), "\(line)")
                seen.withLock { $0.append(line) }
            }
        }
        #expect(Set(seen.withLock { $0 }).count == 1)
    }

    @Test func aClosedCycleHasNoCountdownButItsOutcome() throws {
        let policy = SLAPolicy.default
        let start = APIFixture.t0
        let events = [
            SLATimedEvent(at: start, event: .created(.billing, .high)),
            SLATimedEvent(at: start.addingTimeInterval(30 * 3600), event: .closed),
        ]
        let sla = try #require(SLAClock.replay(events, policy: policy))
        // Closed 6h after its 24h due time: missed by 6h, whatever the time now
        for hours in [31.0, 100, 1000] {
            #expect(sla.countdown(now: start.addingTimeInterval(hours * 3600)) == nil)
            #expect(sla.state(now: start.addingTimeInterval(hours * 3600), policy: policy) == .missed)
        }
        #expect(abs((sla.closedMargin ?? 0) + 6 * 3600) < 0.001)
        // A running cycle counts down
        let open = try #require(SLAClock.replay(Array(events.prefix(1)), policy: policy))
        #expect(abs((open.countdown(now: start.addingTimeInterval(3600)) ?? 0) - 23 * 3600) < 0.001)
        #expect(open.closedMargin == nil)
    }

    // MARK: 2. Stats hours are rounded

    @Test func statsHoursAreRoundedInJSONAndText() async throws {
        // Given a ticket waiting for an agent for 36h 16m 40s (a reminder), and one answered after 1h 20m and
        // closed after 12h 20m
        let fixture = try APIFixture()
        let waiting = try fixture.ticket(subject: "Toujours bloqué")
        _ = waiting
        let answered = try fixture.ticket(subject: "Réglé")
        try fixture.store.reply(answered.id.rawValue, body: "On regarde", as: .agent("alice"), now: APIFixture.t0.addingTimeInterval(4800))
        try fixture.store.close(answered.id.rawValue, resolution: "OK", as: .agent("alice"), now: APIFixture.t0.addingTimeInterval(44_400))
        let now = APIFixture.t0.addingTimeInterval(36 * 3600 + 1000)
        try await Self.run(fixture, now: now) { api in
            let stats = try await api.get("/api/tickets/stats", as: "agent")
            #expect(stats.status == .ok, "\(stats)")
            // Then every figure of hours has at most one decimal
            let reminders = stats.json["reminders"] as? [[String: Any]] ?? []
            #expect(reminders.map { $0["waiting_hours"] as? Double } == [36.3], "\(stats)")
            #expect(stats.json["median_first_response_hours"] as? Double == 1.3)
            #expect(stats.json["median_resolution_hours"] as? Double == 12.3)
            #expect(!stats.text.contains("33333"), "\(stats)")
        }
        // And the command text shows whole hours rounded to the nearest from 10h (12.96h is 13h, not 12h)
        var json = StatsJSON(
            try fixture.store.weeklyStats(ISOWeek(containing: now), as: .admin("root"), now: now), reminders: [])
        json.medianFirstResponseHours = 12.96
        json.meanFirstResponseHours = 9.96
        let text = CommandText.stats(json, language: .en) { $0 }
        #expect(text.contains("First response: median 13h · mean 10h"), "\(text)")
    }

    // MARK: 3. assignee=NONE

    @Test(arguments: ["none", "NONE", "None"])
    func assigneeNoneInAnyCaseListsUnassignedTickets(word: String) async throws {
        let fixture = try APIFixture()
        let free = try fixture.ticket(subject: "Personne")
        let taken = try fixture.ticket(subject: "Pris")
        try fixture.store.assign(taken.id.rawValue, to: "alice", as: .agent("alice"), now: APIFixture.t0)
        try await fixture.run { api in
            let reply = try await api.get("/api/tickets?assignee=\(word)", as: "agent")
            #expect(reply.status == .ok, "\(reply)")
            #expect(reply.ticketIDs == [free.id.rawValue])
            let mine = try await api.get("/api/tickets?assignee=\(word == "none" ? "me" : "ME")", as: "agent")
            #expect(mine.ticketIDs == [taken.id.rawValue])
        }
    }

    @Test func theOpenAPIDocumentSaysNoneIsAnyCase() {
        #expect(OpenAPIDocument.yaml.contains("me, or none for unassigned (me and none in any case"))
    }

    // MARK: 4. A requester closing their own ticket

    @Test(arguments: ["api-user", "api-service", "command"])
    func aRequesterClosingTheirOwnTicketIsShownAsTheRequester(surface: String) async throws {
        let fixture = try APIFixture()
        let ticket = try fixture.store.create(
            NewTicket(
                requester: APIFixture.owner, subject: "Plus besoin", category: .general, priority: .low, description: "Résolu seul",
                requesterName: "Amélie"),
            as: .user(APIFixture.owner), now: APIFixture.t0)
        try await fixture.run { api in
            let owner = APIFixture.owner.description
            let reply: Reply =
                switch surface {
                case "api-user": try await api.post("/api/tickets/\(ticket.id)/close", as: "owner", #"{"resolution": "Résolu"}"#)
                case "api-service":
                    try await api.post(
                        "/api/tickets/\(ticket.id)/close", as: "service", #"{"user_id": "\#(owner)", "resolution": "Résolu"}"#)
                default: try await api.post("/api/commands", as: "service", CommandEndpointTests.body("!ticket_close \(ticket.id) Résolu"))
                }
            #expect(reply.status == .ok, "\(reply)")
        }
        // Then the event log records the requester, and staff see the requester by name
        let detail = try fixture.store.detail(ticket.id.rawValue, as: .agent("alice"))
        #expect(detail.events.last?.kind == .closed)
        #expect(detail.events.last?.actor == APIFixture.owner.description)
        #expect(detail.closedBy == "Amélie (requester)")
        // And the close summary for #admin-tickets names the requester
        let summary = try #require(try fixture.store.outbox(as: APIFixture.admin).first { $0.target == .adminTickets && $0.notice?.kind == .closed })
        #expect(summary.notice?.actor == APIFixture.owner.description)
        let notice = try #require(summary.notice)
        let embed = try #require(DiscordRenderer.render(notice, target: "admin_tickets").embeds.first)
        #expect(embed.fields.first { $0.name == "Fermé par" }?.value == "le demandeur")
        // An agent's close is the agent's
        let other = try fixture.ticket()
        try fixture.store.close(other.id.rawValue, resolution: nil, as: .agent("alice"), now: APIFixture.t0)
        #expect(try fixture.store.detail(other.id.rawValue, as: .agent("alice")).closedBy == "alice")
        #expect(try fixture.store.detail(other.id.rawValue, as: .user(APIFixture.owner)).closedBy == nil)
    }

    // MARK: 5. The WAL is given back while another process writes

    @Test func theWALShrinksWhileAnotherConnectionKeepsWriting() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-wal-\(UUID().uuidString)/store.sqlite").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let wal = path + "-wal"
        let walSize: @Sendable () -> Int = { ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int) ?? 0 }
        // Given the server's store, whose checkpoints are deferred to the checkpoint service
        let server = try TicketStore.open(path: path)
        let checkpointer = try #require(try server.deferCheckpoints())
        // And another process's store on the same file that has grown the WAL with one big transaction
        let other = try TicketStore.open(path: path)
        let owner = UserID(42)
        let creation: @Sendable (Int) -> TicketCreation = { n in
            TicketCreation(
                NewTicket(
                    requester: owner, subject: "Ticket \(n)", category: .general, priority: .low,
                    description: String(repeating: "Une longue description. ", count: 400)),
                as: .user(owner), now: Date())
        }
        #expect(other.createAll((0..<400).map(creation)).allSatisfy { (try? $0.get()) != nil })
        let grown = walSize()
        #expect(grown > 4_000_000, "the WAL is \(grown) bytes")
        // When the server's checkpointer runs as its checkpoint service runs it (again and again, here on a thread
        // of its own so that a busy test run cannot starve it) while the other process keeps writing on another
        // (one checkpoint after each of the other's writes, on its own thread, concurrent with the next write)
        let stop = Mutex(false)
        let wrote = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while !stop.withLock({ $0 }) {
                guard wrote.wait(timeout: .now() + 1) == .success else { continue }
                _ = try? checkpointer.checkpoint()
            }
        }
        defer { stop.withLock { $0 = true } }
        // Then, between two of its writes, the WAL is back to a small size (polled, with a generous deadline)
        let (smallest, written) = await withCheckedContinuation { (done: CheckedContinuation<(Int, Int), Never>) in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(120)
                var smallest = grown
                var written = 400
                while Date() < deadline, smallest >= 512 * 1024 {
                    guard (try? other.create(creation(written).ticket, as: .user(owner), now: Date())) != nil else { break }
                    written += 1
                    wrote.signal()
                    smallest = min(smallest, walSize())
                }
                done.resume(returning: (smallest, written))
            }
        }
        #expect(smallest < 512 * 1024, "the WAL stayed at \(smallest) bytes or more (it had grown to \(grown))")
        // And nothing was lost
        #expect(try server.counts()[.open] == written)
    }
}
