import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TriageCore
import TriageDiscord
import TriageStore
import TriageTestSupport

@testable import TriageAPI

/// `POST /discord/interactions` through `app.test(.router)` with signed requests: the door (signature, PING,
/// application id, configuration), every `/ticket` subcommand, the create button and form, ⭐ and Acknowledge,
/// autocomplete, isolation, replays and the deferred answer.
@Suite struct DiscordInteractionTests {
    typealias F = InteractionFixture

    // MARK: The door

    @Test func aPingIsPongedAsJSON() async throws {
        let fixture = try F()
        try await fixture.run { client in
            let reply = try await client.post(#"{"type":1,"id":"1","application_id":"123456789012345678","token":"t","version":1}"#)
            #expect(reply.status == .ok)
            #expect(reply.text == #"{"type":1}"#)
            #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test func badSignaturesAre401AndDoNothing() async throws {
        let fixture = try F()
        try await fixture.run { client in
            let body = F.command("create", ["subject": "x", "category": "billing", "priority": "high"], from: F.alice)
            let now = Int(F.now.timeIntervalSince1970)
            let other = try Curve25519Key.other()
            var answers = [
                try await client.post(body, key: other),
                try await client.post(body, timestamp: String(now - 301)),
                try await client.post(body, timestamp: String(now + 301)),
                try await client.post(body, headers: [.contentType: "application/json"]),
                try await client.post(body, headers: [HTTPField.Name("X-Signature-Timestamp")!: String(now)]),
            ]
            answers.append(
                try await client.post(
                    body, headers: [HTTPField.Name("X-Signature-Ed25519")!: "abc", HTTPField.Name("X-Signature-Timestamp")!: String(now)]))
            for answer in answers {
                #expect(answer.status == .unauthorized, "\(answer)")
                #expect(answer.headers[.wwwAuthenticate] == nil)
            }
        }
        #expect(try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets.isEmpty)
    }

    @Test func anotherApplicationIs401() async throws {
        let fixture = try F()
        try await fixture.run { client in
            let reply = try await client.post(F.body(type: 3, from: F.alice, data: ["custom_id": "triage:create"], application: "42"))
            #expect(reply.status == .unauthorized)
        }
    }

    @Test func withoutConfigurationTheEndpointIs404() async throws {
        let fixture = try F(configured: false)
        try await fixture.run { client in
            let reply = try await client.post(#"{"type":1}"#)
            #expect(reply.status == .notFound)
            #expect(reply.errorCode == "discord_not_configured")
            #expect(
                reply.error["message"] as? String ?? ""
                    == "the Discord interactions endpoint is off: set [discord] application_id and public_key in config.toml")
        }
    }

    @Test func anyBodyIsA4xxOrAnEphemeralRefusalNeverA5xx() async throws {
        let fixture = try F()
        try await fixture.run { client in
            for body in [
                "", "not json", "[]", #"{"type":"x"}"#, #"{"type":99,"id":"1","application_id":"123456789012345678","token":"t"}"#,
            ] {
                let reply = try await client.post(body)
                #expect(reply.status == .badRequest, "\(body) → \(reply)")
            }
            let refused = [
                F.body(type: 2, from: F.alice, data: nil),
                F.body(type: 2, from: F.alice, data: ["name": "other", "options": []]),
                F.command("explode", from: F.alice),
                F.button("triage:nope", from: F.alice),
                F.button("something-else", from: F.alice),
                F.body(type: 5, from: F.alice, data: ["custom_id": "triage:rate:TKTA1B2C3:c1:9", "components": []]),
                F.command("view", ["id": "<@&1> nope"], from: F.alice),
                F.command("reply", ["id": "TKTAAAAAA"], from: F.alice),
                F.command("create", ["subject": "x", "category": "food", "priority": "high"], from: F.alice),
            ]
            for body in refused {
                let reply = try await client.post(body)
                #expect(reply.status == .ok)
                #expect(reply.type == 4)
                #expect(reply.isEphemeral && reply.parsesNoMention)
                #expect(reply.content.hasPrefix("❌"), "\(reply)")
                #expect(!reply.content.contains("<@&1>"))
            }
            // A value outside the choices is refused as the text commands refuse it: in the member's language, the
            // bad word and the allowed values (French synonyms accepted as there)
            let food = try await client.post(F.command("create", ["subject": "x", "category": "food", "priority": "high"], from: F.alice))
            #expect(food.content.contains("Catégorie inconnue « food »") && food.content.contains("billing"), "\(food.content)")
            let french = try await client.post(F.command("create", ["subject": "x", "category": "facturation", "priority": "haute"], from: F.alice))
            #expect(french.content.hasPrefix("✅"), "\(french.content)")
        }
    }

    // MARK: /ticket

    @Test func createListViewReplyAndClose() async throws {
        let fixture = try F()
        try await fixture.run { client in
            // create
            let created = try await client.post(
                F.command(
                    "create", ["subject": "Paiement refusé 💳", "category": "billing", "priority": "high", "description": "Ma carte…"],
                    from: F.alice))
            #expect(created.type == 4 && created.isEphemeral && created.parsesNoMention)
            let tickets = try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets
            try #require(tickets.count == 1)
            let ticket = tickets[0]
            #expect(ticket.userID == F.alice.user)
            #expect(ticket.requesterName == "Alice A.")
            #expect(ticket.description == "Ma carte…")
            #expect(created.content.contains(ticket.id.rawValue))
            #expect(created.content.contains("24h"))
            // list
            let list = try await client.post(F.command("list", from: F.alice))
            #expect(list.content.contains(ticket.id.rawValue) && list.isEphemeral)
            // view
            let view = try await client.post(F.command("view", ["id": ticket.id.rawValue.lowercased()], from: F.alice))
            #expect(view.content.contains("Paiement refusé") && view.isEphemeral)
            // reply
            let replied = try await client.post(
                F.command("reply", ["id": ticket.id.rawValue, "message": "Toujours bloqué"], from: F.alice))
            #expect(!replied.content.hasPrefix("❌"), "\(replied)")
            let thread = try fixture.store.thread(ticket.id.rawValue, as: .admin("t"))
            #expect(thread.messages.last?.body == "Toujours bloqué")
            #expect(thread.messages.last?.author == F.alice.id)
            // close
            let closed = try await client.post(F.command("close", ["id": ticket.id.rawValue, "resolution": "Réglé"], from: F.alice))
            #expect(!closed.content.hasPrefix("❌"), "\(closed)")
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).status == .closed)
        }
    }

    @Test func aSlashCreateWithoutDescriptionUsesTheSubject() async throws {
        let fixture = try F()
        try await fixture.run { client in
            _ = try await client.post(F.command("create", ["subject": "Connexion", "category": "account", "priority": "low"], from: F.bob))
        }
        let ticket = try #require(try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets.first)
        #expect(ticket.description == "Connexion")
        #expect(ticket.requesterName == "bob")
    }

    @Test func descriptionsLongerThanTheFormsCapStillWork() async throws {
        // The form caps its description at Discord's 4000 (see theCreateButtonOpensTheForm); the slash option (6000)
        // and the API (10,000) take longer ones.
        let fixture = try F()
        let long = String(repeating: "é", count: 5_500)
        try await fixture.run { client in
            let reply = try await client.post(
                F.command("create", ["subject": "Long", "category": "technical", "priority": "medium", "description": long], from: F.alice))
            #expect(reply.content.hasPrefix("✅"), "\(reply)")
        }
        #expect(try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets.first?.description == long)
    }

    @Test func inADirectMessageTheUserIsTheInvokerAndNeverStaff() async throws {
        let fixture = try F()
        let ticket = try fixture.ticket(for: F.carol)
        try fixture.store.reply(ticket.id.rawValue, body: "NOTE-INTERNE", internal: true, as: .agent("bruno"), now: APIFixture.t0)
        try await fixture.run { client in
            let view =
                #"{"type":2,"id":"\#(F.nextID())","application_id":"\#(F.applicationID)","token":"t","locale":"en-GB","user":{"id":"\#(F.carol.id)","username":"carol","global_name":"Carol\u0007"},"data":{"name":"ticket","type":1,"options":[{"type":1,"name":"view","options":[{"type":3,"name":"id","value":"\#(ticket.id)"}]}]}}"#
            let reply = try await client.post(view)
            #expect(reply.content.contains(ticket.id.rawValue) && !reply.content.contains("NOTE-INTERNE"), "\(reply)")
            let create =
                #"{"type":2,"id":"\#(F.nextID())","application_id":"\#(F.applicationID)","token":"t","user":{"id":"\#(F.carol.id)","username":"carol","global_name":"Carol\u0007"},"data":{"name":"ticket","type":1,"options":[{"type":1,"name":"create","options":[{"type":3,"name":"subject","value":"DM"}]}]}}"#
            #expect(try await client.post(create).content.hasPrefix("✅"))
        }
        let created = try #require(try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets.first { $0.subject == "DM" })
        #expect(created.userID == F.carol.user)
        #expect(created.requesterName == nil)  // a display name with a control character is dropped, not the ticket
    }

    @Test func statsAndAckAreForStaff() async throws {
        let fixture = try F()
        let ticket = try fixture.ticket()
        try fixture.store.escalate(ticket.id.rawValue, as: .admin("t"), now: APIFixture.t0)
        try await fixture.run { client in
            let memberStats = try await client.post(F.command("stats", from: F.alice, locale: "en-US"))
            #expect(memberStats.content.hasPrefix("⛔"), "\(memberStats)")
            let staffStats = try await client.post(F.command("stats", from: F.carol))
            #expect(!staffStats.content.hasPrefix("⛔") && staffStats.isEphemeral, "\(staffStats)")
            let memberAck = try await client.post(F.command("ack", ["id": ticket.id.rawValue], from: F.alice))
            #expect(memberAck.content.hasPrefix("⛔") || memberAck.content.hasPrefix("❌"), "\(memberAck)")
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).acknowledgedAt == nil)
            let staffAck = try await client.post(F.command("ack", ["id": ticket.id.rawValue], from: F.carol))
            #expect(staffAck.content.contains("carol"), "\(staffAck)")
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).acknowledgedAt == F.now)
        }
    }

    // MARK: Isolation

    @Test func anotherMembersTicketReadsExactlyLikeAMissingOne() async throws {
        let fixture = try F()
        let alices = try fixture.ticket(for: F.alice)
        try fixture.store.reply(alices.id.rawValue, body: "NOTE-INTERNE secrète", internal: true, as: .agent("bruno"), now: APIFixture.t0)
        try fixture.store.reply(alices.id.rawValue, body: "Réponse publique", as: .agent("bruno"), now: APIFixture.t0)
        let missing = "TKTZZZZZ9"
        try await fixture.run { client in
            for sub in ["view", "close", "reply"] {
                var options = ["id": alices.id.rawValue, "message": "hop", "resolution": "x"]
                let foreign = try await client.post(F.command(sub, options, from: F.bob))
                options["id"] = missing
                let absent = try await client.post(F.command(sub, options, from: F.bob))
                #expect(foreign.content.replacingOccurrences(of: alices.id.rawValue, with: missing) == absent.content, "\(sub)")
                #expect(!foreign.content.contains("Paiement"))
                // The hint names the slash command the member is using, not the text command
                #expect(absent.content.contains("/ticket list") && !absent.content.contains("!ticket_"), "\(absent.content)")
            }
            let own = try await client.post(F.command("view", ["id": alices.id.rawValue], from: F.alice))
            #expect(own.content.contains("Réponse publique"))
            #expect(!own.content.contains("NOTE-INTERNE"))
            let bobsList = try await client.post(F.command("list", from: F.bob))
            #expect(!bobsList.content.contains(alices.id.rawValue))
            let staff = try await client.post(F.command("view", ["id": alices.id.rawValue], from: F.carol))
            #expect(staff.content.contains("NOTE-INTERNE") && staff.isEphemeral, "\(staff)")
            let button = try await client.post(F.button("triage:view:\(alices.id)", from: F.bob))
            #expect(!button.content.contains("Paiement") && button.content.hasPrefix("❌"))
        }
        #expect(try fixture.store.ticket(alices.id.rawValue, as: .admin("t")).status != .closed)
    }

    // MARK: Exactly once

    @Test func aReplayedInteractionGetsTheSameAnswerAndOneTicket() async throws {
        let fixture = try F()
        try await fixture.run { client in
            let body = F.command("create", ["subject": "Doublon", "category": "general", "priority": "low"], from: F.alice)
            let first = try await client.post(body)
            let second = try await client.post(body)
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.text == second.text)
        }
        #expect(try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets.count == 1)
    }

    @Test func aClaimWithoutAnAnswerIsInProgressNeverASecondTicket() async throws {
        let fixture = try F()
        let id = F.nextID()
        // A first delivery claimed the id and crashed before recording its answer.
        #expect(try fixture.store.claimInteraction(id, now: F.now) == .new)
        try await fixture.run { client in
            let reply = try await client.post(
                F.command("create", ["subject": "Doublon", "category": "general", "priority": "low"], from: F.alice, id: id))
            #expect(reply.content.hasPrefix("⏳") && reply.isEphemeral)
        }
        #expect(try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets.isEmpty)
    }

    // MARK: The panel's button and form

    @Test func theCreateButtonOpensTheForm() async throws {
        let fixture = try F()
        try await fixture.run { client in
            let reply = try await client.post(F.button("triage:create", from: F.alice))
            #expect(reply.type == 9)
            #expect(reply.data["custom_id"] as? String == "triage:create_form")
            #expect((reply.data["title"] as? String ?? "").count <= 45)
            let labels = reply.data["components"] as? [[String: Any]] ?? []
            #expect(labels.map { $0["type"] as? Int } == [18, 18, 18, 18])
            let inner = labels.compactMap { $0["component"] as? [String: Any] }
            #expect(inner.map { $0["custom_id"] as? String } == ["subject", "category", "priority", "description"])
            #expect(inner.map { $0["type"] as? Int } == [4, 3, 3, 4])
            #expect(inner[0]["max_length"] as? Int == 200 && inner[0]["style"] as? Int == 1)
            #expect(inner[3]["max_length"] as? Int == 4000 && inner[3]["style"] as? Int == 2)
            #expect((inner[1]["options"] as? [Any])?.count == 6)
            #expect((inner[2]["options"] as? [Any])?.count == 4)
        }
    }

    @Test func theFormCreatesLikeTheCommandAndNeverPings() async throws {
        let fixture = try F()
        try await fixture.run { client in
            let reply = try await client.post(
                F.form(
                    [
                        "subject": "Connexion impossible @everyone <@&123>", "category": "account", "priority": "critical",
                        "description": "Je ne peux pas me connecter… 😢",
                    ], from: F.alice))
            #expect(reply.type == 4 && reply.isEphemeral && reply.parsesNoMention, "\(reply)")
            #expect(!reply.content.contains("@everyone"))
            #expect(!reply.content.contains("<@&123>"))
            let ticket = try #require(try fixture.store.queue(QueueFilter(), as: .admin("t")).tickets.first)
            #expect(reply.content.contains(ticket.id.rawValue))
            #expect(ticket.subject == "Connexion impossible @everyone <@&123>")
            #expect(ticket.category == .account && ticket.priority == .critical)
            #expect(ticket.requesterName == "Alice A.")
        }
    }

    // MARK: ⭐ and Acknowledge

    @Test func onlyTheRequesterRatesAndTheMessageIsUpdated() async throws {
        let fixture = try F()
        let ticket = try fixture.ticket()
        try fixture.store.close(ticket.id.rawValue, resolution: "ok", as: .agent("bruno"), now: APIFixture.t0)
        try await fixture.run { client in
            let other = try await client.post(F.button("triage:rate:\(ticket.id):c1:1", from: F.bob, components: [F.ratingRow(ticket.id)]))
            #expect(other.type == 4 && other.isEphemeral && other.content.hasPrefix("⛔"))
            let staff = try await client.post(
                F.button("triage:rate:\(ticket.id):c1:1", from: F.carol, components: [F.ratingRow(ticket.id)]))
            #expect(staff.content.hasPrefix("⛔"))
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).satisfaction == nil)

            let rated = try await client.post(
                F.button("triage:rate:\(ticket.id):c1:4", from: F.alice, components: [F.ratingRow(ticket.id)]))
            #expect(rated.type == 7 && rated.parsesNoMention)
            #expect(rated.content == "Merci ! 4/5")
            let buttons = ((rated.data["components"] as? [[String: Any]])?.first?["components"] as? [[String: Any]]) ?? []
            #expect(buttons.count == 5 && buttons.allSatisfy { $0["disabled"] as? Bool == true })
            #expect(buttons.first?["label"] as? String == "1 ⭐")
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).satisfaction?.rating == 4)

            let again = try await client.post(
                F.button("triage:rate:\(ticket.id):c1:5", from: F.alice, components: [F.ratingRow(ticket.id)], locale: "en-US"))
            #expect(again.content == "Thank you! 5/5")
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).satisfaction?.rating == 5)
        }
    }

    @Test func onlyStaffAcknowledgeAndThePageSaysWho() async throws {
        let fixture = try F()
        let ticket = try fixture.ticket()
        try fixture.store.escalate(ticket.id.rawValue, as: .admin("t"), now: APIFixture.t0)
        try await fixture.run { client in
            let member = try await client.post(F.button("triage:ack:\(ticket.id):c1", from: F.alice, components: [F.ackRow(ticket.id)]))
            #expect(member.type == 4 && member.isEphemeral && member.content.hasPrefix("⛔"))
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).acknowledgedAt == nil)

            let staff = try await client.post(F.button("triage:ack:\(ticket.id):c1", from: F.carol, components: [F.ackRow(ticket.id)]))
            #expect(staff.type == 7 && staff.parsesNoMention, "\(staff)")
            #expect(staff.content.contains("carol"))
            #expect(staff.data["embeds"] == nil)  // the page's embed is kept
            let buttons = ((staff.data["components"] as? [[String: Any]])?.first?["components"] as? [[String: Any]]) ?? []
            #expect(buttons.first?["disabled"] as? Bool == true)
            #expect(buttons.last?["disabled"] == nil && buttons.last?["url"] != nil)
            #expect(try fixture.store.ticket(ticket.id.rawValue, as: .admin("t")).acknowledgedAt == F.now)
        }
    }

    // MARK: Autocomplete

    @Test func autocompleteOffersTheCallersOwnTicketsAndStaffTheQueue() async throws {
        let fixture = try F()
        let first = try fixture.ticket(for: F.alice, subject: "Paiement refusé 💳")
        let second = try fixture.ticket(for: F.alice, subject: String(repeating: "Très long sujet ", count: 12))
        let bobs = try fixture.ticket(for: F.bob, subject: "Paiement de Bob")
        try await fixture.run { client in
            func choices(_ typed: String, _ member: F.Member) async throws -> [[String: Any]] {
                let reply = try await client.post(F.autocomplete("view", typed: typed, from: member))
                #expect(reply.type == 8)
                return reply.data["choices"] as? [[String: Any]] ?? []
            }
            let all = try await choices("", F.alice)
            #expect(Set(all.compactMap { $0["value"] as? String }) == [first.id.rawValue, second.id.rawValue])
            #expect(all.allSatisfy { ($0["name"] as? String ?? "").unicodeScalars.count <= 100 })
            #expect(all.contains { $0["name"] as? String == "\(first.id) — Paiement refusé 💳" })
            #expect(try await choices("paiement", F.alice).compactMap { $0["value"] as? String } == [first.id.rawValue])
            #expect(
                try await choices(String(second.id.rawValue.prefix(6)).lowercased(), F.alice).contains {
                    $0["value"] as? String == second.id.rawValue
                })
            #expect(try await choices("", F.bob).compactMap { $0["value"] as? String } == [bobs.id.rawValue])
            #expect(try await choices("", F.carol).count == 3)
        }
    }

    // MARK: The 3-second deadline

    @Test func aSlowAnswerIsDeferredThenEditedThroughTheFollowUp() async throws {
        let discord = try await FakeDiscord.start()
        let fixture = try F(apiBase: discord.apiBase)
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let slow: InteractionController.RunCommand = { command, _, _, _ in
            for await _ in gate { break }
            return CommandReply(text: "✅ fini pour \(command.name) @everyone")
        }
        try await fixture.run(runCommand: slow, budget: .milliseconds(1)) { client in
            let body = F.command("list", from: F.alice)
            let reply = try await client.post(body)
            #expect(reply.type == 5 && reply.isEphemeral, "\(reply)")
            open.yield()
            let requests = try await discord.waitForRequests(count: 1)
            #expect(requests[0].method == "PATCH")
            let token = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])["token"] as! String
            #expect(requests[0].path == "/api/v10/webhooks/\(F.applicationID)/\(token)/messages/@original")
            #expect(requests[0].json?["content"] as? String == "✅ fini pour list @everyone")
            #expect((requests[0].json?["allowed_mentions"] as? [String: Any])?["parse"] as? [Any] != nil)
        }
        await discord.stop()
    }
}

/// A key that is not the application's.
enum Curve25519Key {
    static func other() throws -> Curve25519.Signing.PrivateKey { Curve25519.Signing.PrivateKey() }
}

/// The endpoint as `triage serve` mounts it: in `buildRouter`, outside bearer auth.
@Suite struct DiscordInteractionRouteTests {
    @Test func theServersRouterAnswersWithoutABearerToken() async throws {
        let fixture = try InteractionFixture()
        let app = Application(router: buildRouter(store: fixture.store, config: fixture.config, now: { InteractionFixture.now }))
        try await app.test(.router) { client in
            let pong = try await InteractionClient(client: client).post(#"{"type":1,"id":"1","application_id":"1","token":"t"}"#)
            #expect(pong.status == .ok && pong.text == #"{"type":1}"#)
            let unsigned = try await InteractionClient(client: client).post("{}", headers: [.contentType: "application/json"])
            #expect(unsigned.status == .unauthorized)
        }
    }
}

/// A store that cannot do the work: the answer is deferred, and the follow-up says so instead of leaving the user
/// on "thinking…".
@Suite struct DiscordInteractionBusyTests {
    @Test func aStoreThatFailsGivesADeferralThenAnErrorTextThroughTheFollowUp() async throws {
        let discord = try await FakeDiscord.start()
        let fixture = try InteractionFixture(apiBase: discord.apiBase)
        try await fixture.database.write { db in try db.execute(sql: "DROP TABLE discord_interactions") }
        try await fixture.run { client in
            let reply = try await client.post(InteractionFixture.command("list", from: InteractionFixture.alice, locale: "en"))
            #expect(reply.type == 5 && reply.isEphemeral, "\(reply)")
            let requests = try await discord.waitForRequests(count: 1)
            #expect(requests[0].method == "PATCH")
            #expect(requests[0].json?["content"] as? String == "⏳ The help desk is busy right now: please try again in a moment.")
        }
        await discord.stop()
    }
}
