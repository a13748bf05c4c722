import Foundation
import Synchronization
import TriageCore

/// Records when each token was last used, off the request path: the request only notes the use, and the write
/// runs later in a task of its own (on SQLite, on the write queue's thread), at most once per
/// `APITokens.lastUseResolution` per token.
///
/// While another process holds the store's write lock, requests are then never held up by it: the write waits
/// instead (and a use it could not record is recorded by a later request a minute on).
final class TokenUses: Sendable {
    private struct State {
        /// When this server last recorded (or queued) each token's use.
        var recorded: [Int64: Date] = [:]
        /// Uses noted and not yet written: the token's secret (the store checks it again) and the time of use.
        var pending: [Int64: (secret: String, at: Date)] = [:]
    }

    private let store: any TicketStoring
    private let state = Mutex(State())

    init(store: any TicketStoring) { self.store = store }

    /// Notes that `token` (proved by `secret`) was used at `now`; queues the write when its last use is a minute old.
    func note(_ token: APIToken, secret: String, now: Date) {
        let resolution = APITokens.lastUseResolution
        if let last = token.lastUsedAt, now.timeIntervalSince(last) < resolution { return }
        let flush = state.withLock { state -> Bool in
            if let last = state.recorded[token.id], now.timeIntervalSince(last) < resolution { return false }
            state.recorded[token.id] = now
            defer { state.pending[token.id] = (secret, now) }
            return state.pending.isEmpty
        }
        if flush { Task { await record() } }
    }

    /// Writes every pending use. On a failure (the store stayed busy) the rest are dropped: the next use a minute
    /// later records them.
    private func record() async {
        let pending = state.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
        for use in pending.values {
            do { _ = try await store.authenticate(use.secret, now: use.at, recordingUse: true) } catch { return }
        }
    }
}
