import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// Token names are identities (the author of an agent's replies): validated, unique among live tokens, reusable once
/// revoked; revocation is by id or by name, never a match on either; dates in JSON are ISO-8601 (issue #10).
@Suite struct TokenNameTests {
    func create(_ store: TicketStore, _ name: String?, role: Role = .agent, at hours: Double = 0) throws(TicketError) -> APIToken {
        try store.createToken(
            role: role, userID: role == .user ? Fixture.owner : nil, name: name, as: Fixture.admin, now: Fixture.at(hours)
        )
        .token
    }

    func invalidField(_ body: () throws -> Void) -> (field: String, message: String)? {
        do {
            try body()
            return nil
        } catch TicketError.invalidField(let field, let message) {
            return (field, message)
        } catch {
            return ("other error", "\(error)")
        }
    }

    @Test func aLiveNameCannotBeTakenTwiceInAnyCase() throws {
        let store = try Fixture.store()
        let alice = try create(store, "alice")
        for name in ["alice", "Alice", "ALICE", " alice "] {
            let error = try #require(invalidField { _ = try create(store, name, role: .admin) }, "\(name)")
            #expect(error.field == "name")
            #expect(error.message.contains("already used"))
            #expect(error.message.contains("live token \(alice.id)"))
        }
        #expect(try store.tokens(as: Fixture.admin).count == 1)
        // Another name is fine, and so is a name that only contains the first one
        _ = try create(store, "alice2")
        _ = try create(store, "bob.martin_2-fr")
        _ = try create(store, "chloé")
    }

    @Test func aRevokedNameMayBeUsedAgainByTheSameAgent() throws {
        let store = try Fixture.store()
        let old = try store.createToken(role: .agent, userID: nil, name: "alice", as: Fixture.admin, now: Fixture.at(0))
        try store.revokeToken(.id(old.token.id), as: Fixture.admin, now: Fixture.at(1))
        // A rotated credential: the new token acts under the same name, the old one proves nothing
        let new = try store.createToken(role: .agent, userID: nil, name: "alice", as: Fixture.admin, now: Fixture.at(2))
        #expect(new.token.name == "alice")
        #expect(try store.authenticate(old.secret, now: Fixture.at(3)) == nil)
        #expect(try store.authenticate(new.secret, now: Fixture.at(3))?.name == "alice")
        // ... and it is unique again while live
        #expect(invalidField { _ = try create(store, "alice", at: 4) }?.field == "name")
    }

    @Test func namesAreValidatedNamingTheFieldAndTheRule() throws {
        let store = try Fixture.store()
        let bad = [
            "", "   ", "a b", "tab\there", "new\nline", "nul\u{0}", "esc\u{1B}[31m", "semi;colon", "slash/", "@here",
            String(repeating: "a", count: 65), "123456789012345678", "42", "...", "-_-",
        ]
        for name in bad {
            let error = try #require(invalidField { _ = try create(store, name) }, "\(name.debugDescription) was accepted")
            #expect(error.field == "name", "\(name.debugDescription)")
            #expect(error.message.contains("letters, digits, '.', '-' or '_'"), "\(name.debugDescription): \(error.message)")
        }
        for name in ["me", "ME", "none", "None", "nobody", "triage", "Triage"] {
            let error = try #require(invalidField { _ = try create(store, name) }, "\(name) was accepted")
            #expect(error.field == "name")
            #expect(error.message.contains("reserved"))
        }
        #expect(try store.tokens(as: Fixture.admin).isEmpty)
        // The longest name, and a trimmed one, are kept
        #expect(try create(store, String(repeating: "a", count: 64)).name.count == 64)
        #expect(try create(store, "  dmitri ").name == "dmitri")
    }

    @Test func unnamedTokensGetDistinctNamesEvenInTheSameSecond() throws {
        let store = try Fixture.store()
        let names = try (0..<3).map { _ in try create(store, nil, role: .service).name }
        #expect(names == ["service-1795000000", "service-1795000000-2", "service-1795000000-3"])
    }

    @Test func revokingByIdNeverTouchesATokenNamedLikeThatId() throws {
        // Given a token from before names were validated whose name is another token's id
        let path = Fixture.temporaryPath()
        let store = try TicketStore.open(path: path)
        let first = try create(store, "alice")
        try insertLegacy(path, name: String(first.id + 1))
        let digits = try #require(try store.tokens(as: Fixture.admin).last)
        // When the first is revoked by id, only it is revoked (the old "id or name" match revoked both)
        let revoked = try store.revokeToken(.id(first.id), as: Fixture.admin, now: Fixture.at(1))
        #expect(revoked.map(\.id) == [first.id])
        #expect(try store.tokens(as: Fixture.admin).map { $0.revokedAt != nil } == [true, false])
        // By name, only a name matches: no token is named like the first one's id; the one named "2" is revoked
        #expect(throws: TicketError.notFound("no live token named '\(first.id)'")) {
            try store.revokeToken(.name(String(first.id)), as: Fixture.admin, now: Fixture.at(2))
        }
        #expect(try store.revokeToken(.name(digits.name), as: Fixture.admin, now: Fixture.at(2)).map(\.id) == [digits.id])
    }

    @Test func nothingToRevokeSaysWhy() throws {
        let store = try Fixture.store()
        let alice = try create(store, "alice")
        #expect(throws: TicketError.notFound("no token with id 99 (see `triage token list`)")) {
            try store.revokeToken(.id(99), as: Fixture.admin, now: Fixture.at(1))
        }
        #expect(throws: TicketError.notFound("no live token named 'Alice' (did you mean 'alice'?)")) {
            try store.revokeToken(.name("Alice"), as: Fixture.admin, now: Fixture.at(1))
        }
        #expect(throws: TicketError.notFound("no live token named 'bob'")) {
            try store.revokeToken(.name("bob"), as: Fixture.admin, now: Fixture.at(1))
        }
        let revoked = try store.revokeToken(.name("alice"), as: Fixture.admin, now: Fixture.at(1))
        #expect(revoked.map(\.id) == [alice.id])
        #expect(revoked.first?.revokedAt == Fixture.at(1))
        #expect(throws: TicketError.conflict("token \(alice.id) ('alice') was already revoked at 2026-11-18T12:06:40Z")) {
            try store.revokeToken(.id(alice.id), as: Fixture.admin, now: Fixture.at(2))
        }
        #expect(throws: TicketError.notFound("no live token named 'alice' (only revoked ones)")) {
            try store.revokeToken(.name("alice"), as: Fixture.admin, now: Fixture.at(2))
        }
        #expect(throws: TicketError.forbidden("only admins manage tokens")) {
            try store.revokeToken(.id(alice.id), as: Fixture.agent, now: Fixture.at(2))
        }
    }

    @Test func aStoreWithDuplicateLiveNamesStillOpensAndWorks() throws {
        // Given a store written before names were unique, with two live tokens named alice
        let path = Fixture.temporaryPath()
        let store = try TicketStore.open(path: path)
        let secrets = try (0..<2).map { _ in try insertLegacy(path, name: "alice") }
        // When it is opened again, both still prove alice
        let reopened = try TicketStore.open(path: path)
        for secret in secrets { #expect(try reopened.authenticate(secret, now: Fixture.at(1))?.name == "alice") }
        // A third alice is refused; revoking the name revokes both, and then the name is free
        #expect(invalidField { _ = try create(reopened, "alice") }?.field == "name")
        #expect(try reopened.revokeToken(.name("alice"), as: Fixture.admin, now: Fixture.at(2)).count == 2)
        for secret in secrets { #expect(try store.authenticate(secret, now: Fixture.at(3)) == nil) }
        #expect(try create(reopened, "alice").name == "alice")
    }

    @Test func theStringFormRevokesByIdWhenItIsANumberElseByName() throws {
        let store = try Fixture.store()
        let alice = try create(store, "alice")
        let bob = try create(store, "bob")
        #expect(try store.revokeToken(String(bob.id), as: Fixture.admin, now: Fixture.at(1)).map(\.id) == [bob.id])
        #expect(try store.revokeToken("alice", as: Fixture.admin, now: Fixture.at(1)).map(\.id) == [alice.id])
    }

    @Test func jsonDatesAreISO8601AndUnsetOnesNull() throws {
        let store = try Fixture.store()
        let (token, secret) = try store.createToken(role: .user, userID: Fixture.owner, name: "bot", as: Fixture.admin, now: Fixture.t0)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(token).utf8)) as? [String: Any])
        #expect(json["created_at"] as? String == "2026-11-18T11:06:40Z")
        #expect(json["last_used_at"] is NSNull)
        #expect(json["revoked_at"] is NSNull)
        #expect(json["user_id"] as? String == Fixture.owner.description)
        #expect(json["name"] as? String == "bot")
        #expect(json["role"] as? String == "user")
        _ = try store.authenticate(secret, now: Fixture.at(1))
        try store.revokeToken(.id(token.id), as: Fixture.admin, now: Fixture.at(2))
        let listed = try #require(try store.tokens(as: Fixture.admin).first)
        json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(listed).utf8)) as? [String: Any])
        #expect(json["last_used_at"] as? String == "2026-11-18T12:06:40Z")
        #expect(json["revoked_at"] as? String == "2026-11-18T13:06:40Z")
    }

    /// Writes a token as an older Triage could (no check on its name) and returns its secret.
    @discardableResult
    func insertLegacy(_ path: String, name: String) throws -> String {
        let secret = "trg_legacy_\(UUID().uuidString)"
        let pool = try DatabasePool(path: path)
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, 'agent', ?, ?)",
                arguments: [name, APITokens.hash(secret), Fixture.t0.timeIntervalSince1970])
        }
        return secret
    }
}
