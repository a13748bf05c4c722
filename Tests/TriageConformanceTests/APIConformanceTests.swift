import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// What the API server needs of a store, on both backends: tokens (names, secrets, revocation, last use),
/// idempotent writes, a ticket's thread, and the change counter its page cache keys on.
@Suite struct APIConformanceTests {
    @Test(
        "tokens: created with a secret shown once, listed, authenticated, revoked at once; names unique among live ones",
        arguments: Backend.enabled)
    func tokens(backend: Backend) async throws {
        try await with(backend) { store in
            let alice = try await store.createToken(role: .agent, userID: nil, name: "alice", as: C.admin, now: C.at(0))
            #expect(
                alice.token.name == "alice" && alice.token.role == .agent && alice.token.userID == nil && alice.token.createdAt == C.at(0))
            #expect(alice.secret.hasPrefix("trg_") && alice.secret.count == 44)
            let bot = try await store.createToken(role: .user, userID: C.owner, name: nil, as: C.admin, now: C.at(0))
            #expect(bot.token.name == "user-\(Int(C.at(0).timeIntervalSince1970))" && bot.token.userID == C.owner)
            let second = try await store.createToken(role: .user, userID: C.other, name: nil, as: C.admin, now: C.at(0))
            #expect(second.token.name == "user-\(Int(C.at(0).timeIntervalSince1970))-2")

            // Who may manage them, and the rules, with the same messages on both backends
            for principal in [C.agent, C.user, C.service] {
                let refused = await C.error { _ = try await store.tokens(as: principal) }
                #expect(refused == .forbidden(AccessRules.refusal(.manageTokens)), "\(principal)")
            }
            let taken = await C.error {
                _ = try await store.createToken(role: .agent, userID: nil, name: "ALICE", as: C.admin, now: C.at(1))
            }
            #expect(
                taken?.description.contains("already used as 'alice' by live token \(alice.token.id)") == true,
                "\(String(describing: taken))")
            let unbound = await C.error { _ = try await store.createToken(role: .user, userID: nil, name: "u", as: C.admin, now: C.at(1)) }
            #expect(unbound == .invalidField(field: "user", message: "a user token needs --user ID (the Discord id it acts for)"))
            let reserved = await C.error {
                _ = try await store.createToken(role: .agent, userID: nil, name: "triage", as: C.admin, now: C.at(1))
            }
            if case .invalidField(field: "name", _) = reserved {} else { Issue.record("\(String(describing: reserved))") }

            // Authentication: the live token of the secret, nothing else; a use recorded at most once a minute
            #expect(try await store.authenticate(alice.secret, now: C.at(1), recordingUse: false)?.lastUsedAt == nil)
            #expect(try await store.authenticate(alice.secret + "x", now: C.at(1), recordingUse: true) == nil)
            #expect(try await store.authenticate("trg_unknown", now: C.at(1), recordingUse: true) == nil)
            #expect(try await store.authenticate(alice.secret, now: C.at(1), recordingUse: true)?.lastUsedAt == C.at(1))
            let soon = C.at(1).addingTimeInterval(30)
            _ = try await store.authenticate(alice.secret, now: soon, recordingUse: true)
            #expect(try await store.tokens(as: C.admin).first { $0.id == alice.token.id }?.lastUsedAt == C.at(1))

            // Revocation: by a name that differs in case says so; by name, by id; twice is a conflict
            let similar = await C.error { _ = try await store.revokeToken(.name("Alice"), as: C.admin, now: C.at(2)) }
            #expect(similar == .notFound("no live token named 'Alice' (did you mean 'alice'?)"))
            let hostile = await C.error { _ = try await store.revokeToken(.name("x' OR '1'='1"), as: C.admin, now: C.at(2)) }
            #expect(hostile == .notFound("no live token named 'x' OR '1'='1'"))
            let revoked = try await store.revokeToken(.name("alice"), as: C.admin, now: C.at(2))
            #expect(revoked.map(\.id) == [alice.token.id] && revoked[0].revokedAt == C.at(2))
            #expect(try await store.authenticate(alice.secret, now: C.at(3), recordingUse: false) == nil)
            let again = await C.error { _ = try await store.revokeToken(.id(alice.token.id), as: C.admin, now: C.at(3)) }
            #expect(again == .conflict("token \(alice.token.id) ('alice') was already revoked at \(Timestamp.string(C.at(2)))"))
            let none = await C.error { _ = try await store.revokeToken(.id(9_999), as: C.admin, now: C.at(3)) }
            #expect(none == .notFound("no token with id 9999 (see `triage token list`)"))
            let onlyRevoked = await C.error { _ = try await store.revokeToken(.name("alice"), as: C.admin, now: C.at(3)) }
            #expect(onlyRevoked == .notFound("no live token named 'alice' (only revoked ones)"))

            // A revoked name may be given to a new token: the same agent, a new credential
            let rotated = try await store.createToken(role: .agent, userID: nil, name: "alice", as: C.admin, now: C.at(4))
            #expect(try await store.authenticate(rotated.secret, now: C.at(4), recordingUse: false)?.id == rotated.token.id)
            let listed = try await store.tokens(as: C.admin)
            #expect(listed.map(\.name) == ["alice", bot.token.name, second.token.name, "alice"])
            #expect(listed.map { $0.revokedAt != nil } == [true, false, false, false])
        }
    }

    @Test("an idempotent create or reply does its work once per key; another request with the key is refused", arguments: Backend.enabled)
    func idempotency(backend: Backend) async throws {
        try await with(backend) { store in
            let new = NewTicket(
                requester: C.owner, subject: "Paiement refusé", category: .billing, priority: .high, description: "Refusée.")
            let key = IdempotencyKey(caller: 7, key: "k-1", request: "POST /api/tickets\n{\"subject\":\"Paiement refusé\"}")
            let answer: @Sendable (Ticket) -> StoredAnswer = {
                StoredAnswer(status: 201, body: Data($0.id.rawValue.utf8), location: "/api/tickets/\($0.id)")
            }
            let first = try await store.create(new, as: C.user, now: C.at(0), key: key, answer: answer)
            #expect(
                !first.replayed && first.status == 201 && first.location == "/api/tickets/\(String(decoding: first.body, as: UTF8.self))")
            let retry = try await store.create(new, as: C.user, now: C.at(1), key: key, answer: answer)
            #expect(retry == StoredAnswer(status: 201, body: first.body, location: first.location, replayed: true))
            #expect(try await store.queue(QueueFilter(), as: C.user, after: nil).tickets.count == 1)

            // The same key with another request; the same key from another caller is another key
            var other = key
            other.request += "x"
            let refused = await C.error { _ = try await store.create(new, as: C.user, now: C.at(1), key: other, answer: answer) }
            #expect(
                refused
                    == .invalidField(
                        field: "Idempotency-Key", message: "Idempotency-Key 'k-1' was used with another request in the last 24 hours"))
            var otherCaller = key
            otherCaller.caller = 8
            #expect(try await !store.create(new, as: C.user, now: C.at(1), key: otherCaller, answer: answer).replayed)
            // After the retention the key is new again
            #expect(try await !store.create(new, as: C.user, now: C.at(25), key: key, answer: answer).replayed)
            #expect(try await store.queue(QueueFilter(), as: C.user, after: nil).tickets.count == 3)

            // A reply, as staff, once per key; a failed write stores nothing under its key
            let id = String(decoding: first.body, as: UTF8.self)
            let replyKey = IdempotencyKey(caller: 9, key: "r-1", request: "POST /api/tickets/\(id)/reply\n{}")
            let body: @Sendable (Message) -> StoredAnswer = { StoredAnswer(status: 201, body: Data("\($0.id) \($0.body)".utf8)) }
            let missing = await C.error {
                _ = try await store.reply("TKTZZZZZZ", body: "x", internal: false, as: C.agent, now: C.at(2), key: replyKey, answer: body)
            }
            #expect(missing == .noTicket("TKTZZZZZZ"))
            let replied = try await store.reply(
                id, body: "Bonjour !", internal: false, as: C.agent, now: C.at(2), key: replyKey, answer: body)
            #expect(String(decoding: replied.body, as: UTF8.self).hasSuffix(" Bonjour !") && !replied.replayed)
            #expect(
                try await store.reply(id, body: "Bonjour !", internal: false, as: C.agent, now: C.at(3), key: replyKey, answer: body)
                    .replayed)
            #expect(try await store.thread(id, as: C.agent).messages.count == 1)
        }
    }

    @Test("retries of one key sent at once do the work once", arguments: Backend.enabled)
    func concurrentRetries(backend: Backend) async throws {
        try await with(backend) { store in
            let new = NewTicket(
                requester: C.owner, subject: "Double clic", category: .technical, priority: .medium, description: "Deux fois ?")
            let key = IdempotencyKey(caller: 3, key: "same", request: "POST /api/tickets\n{}")
            let answers = try await withThrowingTaskGroup(of: StoredAnswer.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await store.create(new, as: C.user, now: C.at(0), key: key) {
                            StoredAnswer(status: 201, body: Data($0.id.rawValue.utf8))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(answers.map(\.body)).count == 1)
            #expect(answers.filter { !$0.replayed }.count == 1)
            #expect(try await store.queue(QueueFilter(), as: C.user, after: nil).tickets.count == 1)
        }
    }

    @Test("a thread is the detail without the log; the change counter moves with every ticket change", arguments: Backend.enabled)
    func threadAndCounter(backend: Backend) async throws {
        try await with(backend) { store in
            let before = try await store.changeCounter()
            let ticket = try await C.open(store)
            let id = ticket.id.rawValue
            let afterCreate = try await store.changeCounter()
            #expect(afterCreate > before)
            _ = try await store.reply(id, body: "SECRET", internal: true, keepOpen: false, as: C.agent, now: C.at(1))
            _ = try await store.reply(id, body: "Bonjour", internal: false, keepOpen: false, as: C.agent, now: C.at(2))
            #expect(try await store.changeCounter() > afterCreate)
            let counted = try await store.changeCounter()
            // A token is not a ticket change
            _ = try await store.createToken(role: .agent, userID: nil, name: "bob", as: C.admin, now: C.at(3))
            #expect(try await store.changeCounter() == counted)

            for principal in [C.user, C.service, C.agent] {
                let thread = try await store.thread(id, as: principal)
                let detail = try await store.detail(id, as: principal)
                #expect(thread.ticket == detail.ticket && thread.messages == detail.messages && thread.events.isEmpty, "\(principal)")
            }
            #expect(try await store.thread(id, as: C.user).messages.map(\.body) == ["Bonjour"])
            #expect(await C.error { _ = try await store.thread(id, as: C.stranger) } == .noTicket(id))
        }
    }
}
