import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import TriageBackendSupport
import TriageCore

@testable import TriageAPI

/// Two API servers on one store (two routers, each with its own pool or write thread, as two `triage serve`
/// processes on one database) under a mixed load of users and agents: no update is lost (every acknowledged write
/// is in the ticket's log, and its row is that log replayed), no answer leaks another user's ticket or an internal
/// note, and nothing is a 5xx.
@Suite struct TwoServersTests {
    static let secret = "SECRET-NOTE"

    @Test("mixed load on two servers: 0 lost updates, 0 leaks, no 5xx", arguments: Backend.enabled)
    func mixedLoad(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            // Six users, two agents
            var tokens = fixture.tokens
            let users = (1...6).map { UserID(UInt64(900_000_000_000_000_000 + $0)) }
            for (n, user) in users.enumerated() {
                tokens["u\(n)"] = try await fixture.tickets.createToken(
                    role: .user, userID: user, name: "u\(n)", as: APIFixture.admin, now: APIFixture.t0
                ).secret
            }
            tokens["bob"] = try await fixture.tickets.createToken(
                role: .agent, userID: nil, name: "bob", as: APIFixture.admin, now: APIFixture.t0
            ).secret
            var logger = Logger(label: "triage.api.tests")
            logger.logLevel = .warning
            let known = tokens
            let one = Application(router: fixture.router(), logger: logger)
            let two = Application(router: fixture.router(), logger: logger)
            try await one.test(.router) { c1 in
                try await two.test(.router) { c2 in
                    let servers = [APIClient(client: c1, tokens: known), APIClient(client: c2, tokens: known)]
                    try await Self.load(servers, users: users.count, fixture: fixture)
                }
            }
        }
    }

    /// What the load did: per ticket, the replies each server acknowledged (201).
    final class Tally: Sendable {
        let replies = Mutex<[String: Int]>([:])
        let problems = Mutex<[String]>([])
        func replied(_ id: String) { replies.withLock { $0[id, default: 0] += 1 } }
        func problem(_ text: String) { problems.withLock { $0.append(text) } }
    }

    static func load(_ servers: [APIClient], users: Int, fixture: BackendFixture) async throws {
        // Each user opens two tickets, through either server
        var owned: [Int: [String]] = [:]
        for u in 0..<users {
            for n in 0..<2 {
                let reply = try await servers[(u + n) % 2].post(
                    "/api/tickets", as: "u\(u)",
                    #"{"category": "billing", "priority": "high", "subject": "Ticket \#(n)", "description": "Aide"}"#)
                #expect(reply.status == .created, "\(reply)")
                owned[u, default: []].append(try #require(reply.json["ticket_id"] as? String))
            }
        }
        let ownedBy = owned
        let all = owned.values.flatMap { $0 }
        let owner = Dictionary(uniqueKeysWithValues: owned.flatMap { u, ids in ids.map { ($0, u) } })
        let tally = Tally()
        func check(_ reply: Reply, _ allowed: Set<Int>, _ what: String) {
            if !allowed.contains(reply.status.code) { tally.problem("\(what): \(reply)") }
        }
        // Then, all at once: agents answer and note on both servers, close some; users reply, rate, list and probe
        // the others' tickets
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<4 {
                for (index, id) in all.enumerated() {
                    let u = owner[id]!
                    let server = servers[(index + round) % 2]
                    let other = servers[(index + round + 1) % 2]
                    let agent = round % 2 == 0 ? "agent" : "bob"
                    group.addTask {
                        let reply = try await server.post("/api/tickets/\(id)/reply", as: agent, #"{"message": "Réponse \#(round)"}"#)
                        check(reply, [201], "agent reply")
                        if reply.status == .created { tally.replied(id) }
                    }
                    group.addTask {
                        let note = try await other.post(
                            "/api/tickets/\(id)/reply", as: agent, #"{"message": "\#(Self.secret) \#(round)", "internal_note": true}"#)
                        check(note, [201], "note")
                        if note.status == .created { tally.replied(id) }
                    }
                    group.addTask {
                        let reply = try await other.post("/api/tickets/\(id)/reply", as: "u\(u)", #"{"message": "Merci \#(round)"}"#)
                        check(reply, [201], "user reply")
                        if reply.status == .created { tally.replied(id) }
                        if reply.text.contains(Self.secret) { tally.problem("a user's reply answer holds a note: \(reply)") }
                    }
                    if round == 1 {
                        group.addTask {
                            // A close races the user's replies (a reply reopens): 200, or 409 when already closed
                            check(
                                try await server.post("/api/tickets/\(id)/close", as: agent, #"{"resolution": "Réglé"}"#), [200, 409],
                                "close")
                        }
                    }
                    if round == 3 {
                        group.addTask {
                            // A rating needs a closed ticket: 201, or 409 when a reply reopened it
                            check(
                                try await other.post("/api/tickets/\(id)/feedback", as: "u\(u)", #"{"rating": 4}"#), [201, 409], "rating")
                        }
                    }
                    group.addTask {
                        // Another user probes this ticket: it does not exist for them
                        let stranger = (u + 1) % users
                        let view = try await server.get("/api/tickets/\(id)", as: "u\(stranger)")
                        check(view, [404], "a stranger's view")
                        let write = try await other.post("/api/tickets/\(id)/reply", as: "u\(stranger)", #"{"message": "Je regarde"}"#)
                        check(write, [404], "a stranger's reply")
                    }
                }
                for u in 0..<users {
                    group.addTask {
                        for (n, server) in servers.enumerated() {
                            let list = try await server.get("/api/tickets?limit=100", as: "u\(u)")
                            check(list, [200], "list")
                            if !list.ticketIDs.isSubset(of: Set(ownedBy[u]!)) {
                                tally.problem("u\(u)'s list on server \(n) holds \(list.ticketIDs)")
                            }
                            for id in ownedBy[u]! {
                                let view = try await server.get("/api/tickets/\(id)", as: "u\(u)")
                                check(view, [200], "own view")
                                if view.text.contains(Self.secret) || view.text.contains(#""internal_note":true"#) {
                                    tally.problem("u\(u) saw a note: \(view)")
                                }
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(tally.problems.withLock { $0 } == [])

        // Nothing lost: every acknowledged reply and note is in its ticket, and each row is its log replayed
        let policy = try await fixture.tickets.policy(as: APIFixture.admin)
        for id in all {
            let detail = try await fixture.tickets.detail(id, as: APIFixture.admin)
            let log = detail.events
            #expect(detail.messages.count == tally.replies.withLock { $0[id] ?? 0 }, "\(id)")
            #expect(log.filter { $0.kind == .replied || $0.kind == .noteAdded }.count == detail.messages.count, "\(id)")
            #expect(detail.ticket.sla == SLAClock.replay(log.compactMap(\.slaEvent), policy: policy), "\(id)")
            let status: TicketStatus? = log.compactMap { event -> TicketStatus? in
                switch event.kind {
                case .created, .reopened: .open
                case .closed: .closed
                case .statusChanged: event.newValue.flatMap(TicketStatus.init(rawValue:))
                default: nil
                }
            }.last
            #expect(status == detail.ticket.status, "\(id)")
            #expect((log.last { $0.kind == .rated } != nil) == (detail.ticket.satisfaction != nil), "\(id)")
        }
    }
}
