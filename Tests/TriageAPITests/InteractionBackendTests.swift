import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TriageBackendSupport
import TriageCore

@testable import TriageAPI

/// Discord's interactions on both backends (PostgreSQL when a server is named): exactly once, and a claim without an
/// answer is "in progress", never a second ticket.
@Suite struct InteractionBackendTests {
    typealias F = InteractionFixture

    /// The endpoint alone on `fixture`'s store, as `buildRouter` registers it.
    func run(_ fixture: BackendFixture, _ test: @Sendable (InteractionClient) async throws -> Void) async throws {
        var config = TriageConfig()
        config.discord.applicationID = F.applicationID
        config.discord.publicKey = F.publicKey
        config.discord.staffRoleIDs = [F.staffRole]
        var logger = Logger(label: "triage.interactions.tests")
        logger.logLevel = .critical
        let router = Router(context: APIRequestContext.self)
        router.addMiddleware { ErrorMiddleware(routes: RouteTable()) }
        InteractionController(store: fixture.tickets, config: config, budget: .seconds(30), now: { F.now }).register(on: router)
        try await Application(router: router, logger: logger).test(.router) { client in try await test(InteractionClient(client: client)) }
    }

    @Test("a replayed interaction gets the same answer and opens one ticket", arguments: Backend.enabled)
    func replayed(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            try await run(fixture) { client in
                let body = F.command("create", ["subject": "Doublon", "category": "general", "priority": "low"], from: F.alice)
                let first = try await client.post(body)
                let second = try await client.post(body)
                #expect(first.status == .ok && second.status == .ok)
                #expect(first.text == second.text && first.content.hasPrefix("✅"))
                // Listed for its requester through the same endpoint
                let list = try await client.post(F.command("list", [:], from: F.alice))
                #expect(list.content.contains("Doublon"))
            }
            #expect(try await fixture.tickets.queue(QueueFilter(), as: .admin("t"), after: nil).tickets.count == 1)
        }
    }

    @Test("a claim without an answer is in progress, never a second ticket", arguments: Backend.enabled)
    func inProgress(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            let id = F.nextID()
            #expect(try await fixture.tickets.claimInteraction(id, now: F.now) == .new)
            try await run(fixture) { client in
                let reply = try await client.post(
                    F.command("create", ["subject": "Doublon", "category": "general", "priority": "low"], from: F.alice, id: id))
                #expect(reply.content.hasPrefix("⏳") && reply.isEphemeral)
            }
            #expect(try await fixture.tickets.queue(QueueFilter(), as: .admin("t"), after: nil).tickets.isEmpty)
            // Released, the id may be claimed again; answered, it is kept
            try await fixture.tickets.releaseInteraction(id)
            #expect(try await fixture.tickets.claimInteraction(id, now: F.now) == .new)
            try await fixture.tickets.recordInteractionResponse(id, response: "{}", now: F.now)
            try await fixture.tickets.releaseInteraction(id)
            #expect(try await fixture.tickets.claimInteraction(id, now: F.now) == .answered("{}"))
        }
    }
}
