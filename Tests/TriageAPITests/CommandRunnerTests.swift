import Foundation
import GRDB
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// The runner behind `POST /api/commands`, the interactions endpoint and `triage command`: scope, escaping, staff
/// commands and the store's refusals as friendly texts.
@Suite struct CommandRunnerTests {
    static let alice = UserID(111_111_111_111_111_111)
    static let bob = UserID(222_222_222_222_222_222)
    static let t0 = APIFixture.t0

    let store: TicketStore
    let runner: CommandRunner

    init() throws {
        store = try TicketStore(DatabaseQueue())
        runner = CommandRunner(store: store, config: .default, now: { Self.t0 })
    }

    func run(_ text: String, as principal: Principal, _ language: Language = .fr) async -> CommandReply {
        await runner.run(text: text, as: principal, requesterName: "Alice", language: language)
    }

    func created(by user: UserID) async throws -> TicketID {
        let reply = await run(#"!ticket_create "Paiement refusé" billing high Ma carte est refusée."#, as: .service(onBehalfOf: user))
        return try #require(reply.ticket)
    }

    @Test func anotherUsersTicketReadsExactlyLikeAMissingOne() async throws {
        // Given Bob's ticket, and an id that exists nowhere
        let bobs = try await created(by: Self.bob)
        let missing = TicketID(bobs.rawValue == "TKTZZZZZZ" ? "TKTYYYYYY" : "TKTZZZZZZ")!
        for (verb, rest) in [("view", ""), ("reply", " coucou"), ("close", " fini")] {
            // When Alice uses it, and the missing one
            let foreign = await run("!ticket_\(verb) \(bobs)\(rest)", as: .service(onBehalfOf: Self.alice))
            let absent = await run("!ticket_\(verb) \(missing)\(rest)", as: .service(onBehalfOf: Self.alice))
            // Then both answers are the same text but for the id
            #expect(foreign.failed && absent.failed)
            #expect(foreign.text == absent.text.replacingOccurrences(of: missing.rawValue, with: bobs.rawValue))
            #expect(foreign.text.hasPrefix("❌ Ticket \(bobs) introuvable."))
        }
        // And nothing was written to Bob's ticket
        let detail = try store.detail(bobs.rawValue, as: .admin("root"))
        #expect(detail.messages.isEmpty && detail.ticket.status == .open)
        let list = await run("!ticket_list", as: .user(Self.alice))
        #expect(list.text.hasPrefix("📭"))
    }

    @Test func userTextIsNeutralised() async throws {
        // Given a subject that tries to ping and format
        let reply = await run(#"!ticket_create "@everyone <@&123> **x**" general low help"#, as: .user(Self.alice))
        // When the confirmation is read / Then it can neither mention nor format
        #expect(reply.text.contains("📋 Sujet: @\u{200B}everyone <\u{200B}@&123\\> \\*\\*x\\*\\*"))
        #expect(!reply.text.contains("@everyone") && !reply.text.contains("**x**"))
    }

    @Test func staffCommandsAreRefusedToUsers() async throws {
        let id = try await created(by: Self.alice)
        let stats = await run("!ticket_stats", as: .service(onBehalfOf: Self.alice), .en)
        let ack = await run("!ticket_ack \(id)", as: .user(Self.alice))
        #expect(stats == CommandReply(text: "⛔ !ticket_stats is for the support team only.", failed: true))
        #expect(ack.failed && ack.text == "⛔ !ticket_ack est réservé à l'équipe support.")
        // While staff get the stats with the week's figures
        let staff = await run("!ticket_stats", as: .agent("bob"))
        #expect(!staff.failed && staff.text.hasPrefix("📈 Stats Tickets — Semaine "))
    }

    @Test func ackWorksLikeTheAPIs() async throws {
        // Given a ticket that is not escalated, then one that is
        let id = try await created(by: Self.alice)
        let early = await run("!ticket_ack \(id)", as: .agent("bob"))
        #expect(early.failed && early.text == "ℹ️ Le ticket \(id) n'est pas en escalade : rien à acquitter.")
        try store.escalate(id.rawValue, as: .agent("bob"), now: Self.t0)
        // When on-call acknowledges it
        let reply = await run("!ticket_ack \(id)", as: .agent("carol"), .en)
        // Then it is acknowledged as through POST /api/tickets/{id}/ack
        #expect(!reply.failed && reply.text.hasPrefix("✅ Escalation of \(id) acknowledged by carol"))
        #expect(try store.ticket(id.rawValue, as: .agent("bob")).acknowledgedAt == Self.t0)
        // And a colleague pressing it a minute later hears who had, not that they did
        let later = CommandRunner(store: store, config: .default, now: { Self.t0.addingTimeInterval(60) })
        let again = await later.run(text: "!ticket_ack \(id)", as: .agent("dave"), requesterName: nil, language: .fr)
        #expect(
            !again.failed && again.text == "ℹ️ Escalade de \(id) déjà acquittée par carol : plus de pages pour ce cycle.", "\(again.text)")
        #expect(try store.ticket(id.rawValue, as: .agent("bob")).acknowledgedAt == Self.t0)
    }

    @Test func replyCloseAndReopenConversation() async throws {
        let id = try await created(by: Self.alice)
        let user = Principal.service(onBehalfOf: Self.alice)
        #expect(await run("!ticket_reply \(id) Des nouvelles ?", as: user).text == "💬 Réponse ajoutée au ticket \(id).")
        #expect(await run("!ticket_close \(id) Réglé", as: user).text == "🔒 Ticket \(id) fermé.\n✅ Résolution: Réglé")
        #expect(await run("!ticket_close \(id)", as: user).text == "ℹ️ Le ticket \(id) est déjà fermé.")
        #expect(await run("!ticket_reply \(id) Encore moi", as: user).text.hasSuffix("🔓 Le ticket était fermé : il est rouvert."))
    }

    @Test func grammarErrorsAndStaffCreatesAreAnswers() async {
        let bad = await run(#"!ticket_create "x" billling high y"#, as: .user(Self.alice))
        #expect(bad.failed && bad.text.hasPrefix("❌ Catégorie inconnue « billling »."))
        let staff = await run(#"!ticket_create "x" billing high y"#, as: .agent("bob"), .en)
        #expect(staff.failed && staff.text.hasPrefix("❌ A ticket is opened for a member"))
    }

    @Test func aNameTheStoreWouldRefuseDoesNotFailTheTicket() async throws {
        let reply = await runner.run(
            text: #"!ticket_create "x" billing high y"#, as: .user(Self.alice), requesterName: "bad\u{202E}name", language: .fr)
        #expect(!reply.failed && reply.ticket != nil)
    }
}
