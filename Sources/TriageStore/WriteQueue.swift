import Dispatch
import Foundation
import Synchronization
import TriageCore

/// A server's writes to the SQLite store, run one after the other on a thread of their own.
///
/// A request that waits for SQLite's write lock then waits suspended, instead of holding one of the few threads
/// that answer requests (two on a two-core machine). Ticket creations that arrive while a write is under way are
/// committed together, in one transaction and one append to the WAL (a group commit, `TicketStore.createAll`); each
/// request is answered only once its own ticket has committed.
public final class WriteQueue: Sendable {
    private enum Job {
        case create(TicketCreation, CheckedContinuation<Ticket, any Error>)
        case run(@Sendable () -> Void)
    }

    private struct State {
        var jobs: [Job] = []
        var draining = false
    }

    /// The most creations committed in one transaction.
    public static let maxBatch = 128

    private let store: TicketStore
    private let thread = DispatchQueue(label: "triage.api.writes")
    private let state = Mutex(State())

    public init(store: TicketStore) { self.store = store }

    /// Opens a ticket (with the next group commit) and returns it once it has committed.
    public func create(_ request: TicketCreation) async throws -> Ticket {
        try await withCheckedThrowingContinuation { continuation in enqueue(.create(request, continuation)) }
    }

    /// Runs a write of the store on the write thread and returns its result.
    public func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(.run { continuation.resume(with: Result { try body() }) })
        }
    }

    /// Queues a write that nobody waits for (a token's last use): it runs on the write thread, in order with the rest.
    public func submit(_ body: @escaping @Sendable () -> Void) { enqueue(.run(body)) }

    private func enqueue(_ job: sending Job) {
        let start = state.withLock { state in
            state.jobs.append(job)
            defer { state.draining = true }
            return !state.draining
        }
        if start { thread.async { self.drain() } }
    }

    /// Runs every job queued so far, in order, creations in batches; stops when the queue is empty.
    private func drain() {
        while true {
            let jobs = state.withLock { state in
                if state.jobs.isEmpty { state.draining = false }
                defer { state.jobs.removeAll(keepingCapacity: true) }
                return state.jobs
            }
            if jobs.isEmpty { return }
            var creates: [(TicketCreation, CheckedContinuation<Ticket, any Error>)] = []
            for job in jobs {
                switch job {
                case .create(let request, let continuation):
                    creates.append((request, continuation))
                    if creates.count == Self.maxBatch { commit(&creates) }
                case .run(let body):
                    commit(&creates)
                    body()
                }
            }
            commit(&creates)
        }
    }

    private func commit(_ creates: inout [(TicketCreation, CheckedContinuation<Ticket, any Error>)]) {
        guard !creates.isEmpty else { return }
        let results = store.createAll(creates.map(\.0))
        for ((_, continuation), result) in zip(creates, results) {
            continuation.resume(with: result.mapError { $0 as any Error })
        }
        creates.removeAll(keepingCapacity: true)
    }
}
