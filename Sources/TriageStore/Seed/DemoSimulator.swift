import Foundation
import GRDB
import Synchronization
import TriageCore

/// Keeps a demo store alive: every few seconds a user opens a ticket or answers, or another agent assigns,
/// replies, notes, re-prioritises or closes one — so a newcomer sees a live desk.
public final class DemoSimulator: Sendable {
    let store: TicketStore
    let rng: Mutex<SeededGenerator>
    let running = Atomic<Bool>(false)
    /// Agents the simulator plays (not the one at the console).
    let agents: [String]

    public init(store: TicketStore, seed: UInt64, excluding agent: String) {
        self.store = store
        rng = Mutex(SeededGenerator(seed: seed))
        let others = DemoContent.agents.filter { $0 != agent }
        agents = others.isEmpty ? ["sim"] : others
    }

    /// Starts a background thread that acts every `interval` seconds on average, until `stop()`.
    public func start(interval: TimeInterval = 4) {
        guard !running.exchange(true, ordering: .relaxed) else { return }
        Thread.detachNewThread { [self] in
            while running.load(ordering: .relaxed) {
                let pause = rng.withLock { interval * (0.5 + $0.unit()) }
                var waited = 0.0
                while waited < pause && running.load(ordering: .relaxed) {
                    Thread.sleep(forTimeInterval: 0.1)
                    waited += 0.1
                }
                if running.load(ordering: .relaxed) { _ = try? step(now: Date()) }
            }
        }
    }

    public func stop() { running.store(false, ordering: .relaxed) }

    /// One piece of activity; returns what it did (for logs and tests).
    @discardableResult
    public func step(now: Date) throws(TicketError) -> String {
        var generator = SeededGenerator(seed: rng.withLock { $0.next() })
        let roll = generator.unit()
        let agent = Principal.agent(agents.randomElement(using: &generator)!)
        if roll < 0.4 {
            let category = DemoContent.category(using: &generator)
            let text = DemoContent.ticket(category: category, using: &generator)
            let user = DemoHistory.requester(Int.random(in: 0..<5_000, using: &generator))
            let ticket = try store.create(
                NewTicket(
                    requester: user, subject: text.subject, category: category, priority: DemoContent.priority(using: &generator),
                    description: text.description, requesterName: DemoContent.requesterName(for: user)),
                as: .service(onBehalfOf: user), now: now)
            return "created \(ticket.id)"
        }
        let waiting = try store.queue(QueueFilter(status: .waiting, limit: 40), as: agent).tickets
        let open = try store.queue(QueueFilter(status: .open, limit: 60), as: agent).tickets
        if roll < 0.6, let t = waiting.randomElement(using: &generator) {
            try store.reply(t.id.rawValue, body: DemoContent.userReply(using: &generator), as: .service(onBehalfOf: t.userID), now: now)
            return "user answered \(t.id)"
        }
        guard let t = open.randomElement(using: &generator) else { return "nothing to do" }
        let id = t.id.rawValue
        switch generator.unit() {
        case ..<0.3:
            try store.assign(id, to: agent.actorName, as: agent, now: now)
            return "\(agent.actorName) took \(t.id)"
        case ..<0.6:
            try store.reply(id, body: DemoContent.agentReply(category: t.category, using: &generator), as: agent, now: now)
            return "\(agent.actorName) answered \(t.id)"
        case ..<0.75:
            try store.reply(
                id, body: DemoContent.internalNote(category: t.category, using: &generator), internal: true, as: agent, now: now)
            return "\(agent.actorName) noted \(t.id)"
        case ..<0.85:
            // As often critical as arrivals are (a uniform pick made a quarter of them critical over a demo's hour).
            let p = DemoContent.priority(using: &generator)
            guard p != t.priority else { return "\(agent.actorName) kept \(t.id) at \(p.rawValue)" }
            try store.setPriority(id, p, as: agent, now: now)
            return "\(agent.actorName) set \(t.id) to \(p.rawValue)"
        default:
            try store.close(id, resolution: DemoContent.resolution(category: t.category, using: &generator), as: agent, now: now)
            return "\(agent.actorName) closed \(t.id)"
        }
    }
}

extension TicketStore {
    /// A store in memory (snapshots, tests): nothing touches the disk.
    public static func inMemory(policy: SLAPolicy = .default) throws(TicketError) -> TicketStore {
        do {
            return try TicketStore(DatabaseQueue(configuration: configuration()), policy: policy)
        } catch let error as TicketError {
            throw error
        } catch {
            throw .storage("cannot create an in-memory store: \(error)")
        }
    }
}
