import Foundation
import Synchronization

/// Keeps a demo desk alive, on either backend (through `TicketStoring`): every few seconds a user opens a ticket or
/// answers, or another agent assigns, replies, notes, re-prioritises or closes one — so a newcomer sees a live desk.
public final class DemoSimulator: Sendable {
    let store: any TicketStoring
    let rng: Mutex<SeededGenerator>
    let task = Mutex<Task<Void, Never>?>(nil)
    /// Agents the simulator plays (not the one at the console).
    let agents: [String]

    public init(store: any TicketStoring, seed: UInt64, excluding agent: String) {
        self.store = store
        rng = Mutex(SeededGenerator(seed: seed))
        let others = DemoContent.agents.filter { $0 != agent }
        agents = others.isEmpty ? ["sim"] : others
    }

    /// Starts acting every `interval` seconds on average, in a task of its own, until `stop()`.
    public func start(interval: TimeInterval = 4) {
        task.withLock { task in
            guard task == nil else { return }
            task = Task.detached { [self] in
                while !Task.isCancelled {
                    let pause = rng.withLock { interval * (0.5 + $0.unit()) }
                    try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
                    guard !Task.isCancelled else { return }
                    _ = try? await step(now: Date())
                }
            }
        }
    }

    public func stop() { task.withLock { $0?.cancel() } }

    /// One piece of activity; returns what it did (for logs and tests).
    @discardableResult
    public func step(now: Date) async throws(TicketError) -> String {
        var generator = SeededGenerator(seed: rng.withLock { $0.next() })
        let roll = generator.unit()
        let agent = Principal.agent(agents.randomElement(using: &generator)!)
        if roll < 0.4 {
            let category = DemoContent.category(using: &generator)
            let text = DemoContent.ticket(category: category, using: &generator)
            let user = DemoHistory.requester(Int.random(in: 0..<5_000, using: &generator))
            let ticket = try await store.create(
                NewTicket(
                    requester: user, subject: text.subject, category: category, priority: DemoContent.priority(using: &generator),
                    description: text.description, requesterName: DemoContent.requesterName(for: user)),
                as: .service(onBehalfOf: user), now: now)
            return "created \(ticket.id)"
        }
        let waiting = try await store.queue(QueueFilter(status: .waiting, limit: 40), as: agent, after: nil).tickets
        let open = try await store.queue(QueueFilter(status: .open, limit: 60), as: agent, after: nil).tickets
        if roll < 0.6, let t = waiting.randomElement(using: &generator) {
            _ = try await store.reply(
                t.id.rawValue, body: DemoContent.userReply(using: &generator), internal: false, keepOpen: false,
                as: .service(onBehalfOf: t.userID), now: now)
            return "user answered \(t.id)"
        }
        guard let t = open.randomElement(using: &generator) else { return "nothing to do" }
        let id = t.id.rawValue
        switch generator.unit() {
        case ..<0.3:
            _ = try await store.assign(id, to: agent.actorName, as: agent, now: now)
            return "\(agent.actorName) took \(t.id)"
        case ..<0.6:
            _ = try await store.reply(
                id, body: DemoContent.agentReply(category: t.category, using: &generator), internal: false, keepOpen: false, as: agent,
                now: now)
            return "\(agent.actorName) answered \(t.id)"
        case ..<0.75:
            _ = try await store.reply(
                id, body: DemoContent.internalNote(category: t.category, using: &generator), internal: true, keepOpen: false, as: agent,
                now: now)
            return "\(agent.actorName) noted \(t.id)"
        case ..<0.85:
            // As often critical as arrivals are (a uniform pick made a quarter of them critical over a demo's hour).
            let p = DemoContent.priority(using: &generator)
            guard p != t.priority else { return "\(agent.actorName) kept \(t.id) at \(p.rawValue)" }
            _ = try await store.setPriority(id, p, as: agent, now: now)
            return "\(agent.actorName) set \(t.id) to \(p.rawValue)"
        default:
            _ = try await store.close(
                id, resolution: DemoContent.resolution(category: t.category, using: &generator), notifyUser: true, as: agent, now: now)
            return "\(agent.actorName) closed \(t.id)"
        }
    }
}
