import Foundation
import PostgresNIO
import Synchronization
import TriageCore

/// What a console (or an API server's page cache) learns from PostgreSQL when tickets change (design note §4): a
/// NOTIFY per changed ticket on channel `triage_tickets` (ticket ids only: notifications bypass row-level security),
/// and a transactional change counter as the safety net.
public enum TicketChange: Sendable, Equatable {
    /// Listening (again): anything may have changed meanwhile (a notification sent while nobody listened is lost),
    /// so reload everything.
    case reloadAll
    /// This ticket changed, in a committed transaction.
    case ticket(TicketID)
}

extension PostgresTicketStore {
    /// The channel the tickets' row trigger notifies.
    public static let changeChannel = "triage_tickets"

    /// The change counter: the sum of the striped `ticket_version`, which moves only with a committed ticket change
    /// (a draft or a token does not touch it). Staff only, like the console.
    public func ticketVersion(as principal: Principal) async throws(TicketError) -> Int {
        try AccessRules.require(principal, .useConsole)
        return try await transaction(as: principal) { c in try await ticketVersion(c) }
    }

    func ticketVersion(_ c: PostgresConnection) async throws -> Int {
        try await int(c, "SELECT COALESCE(sum(value), 0)::int8 FROM triage.ticket_version")
    }

    /// Calls `onChange` for every committed ticket change, from a connection of its own (LISTEN cannot share a
    /// pooled one): `.reloadAll` each time it starts listening, then `.ticket(id)` per notification. A lost
    /// connection is opened again (after `retry`), with another `.reloadAll`. Runs until its task is cancelled.
    public func listen(retry: Duration = .seconds(1), _ onChange: @Sendable (TicketChange) async -> Void) async {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try location.configuration()
        } catch {
            logger.error("cannot listen for changes: \(error)")
            return
        }
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: attempt, logger: logger)
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: Self.changeChannel) { notifications in
                    // LISTEN is in place before the reload is asked for, so nothing committed after it is missed.
                    await onChange(.reloadAll)
                    for try await notification in notifications {
                        if let id = TicketID(notification.payload) { await onChange(.ticket(id)) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("lost the change feed from \(location): \(error); listening again in \(retry)")
            }
            try? await Task.sleep(for: retry)
        }
    }
}

/// A console's feed on PostgreSQL: LISTEN on a connection of its own (`listen`), each notification's ticket kept for
/// the next read and a byte written to a pipe that wakes the console's loop; a fresh listen (the first, or after a
/// lost connection) asks for a whole reload. The change counter is read every `safetyInterval` as a safety net: a
/// change it shows that no notification announced still makes the console look.
public final class PostgresTicketFeed: TicketFeed, @unchecked Sendable {
    struct Heard: Sendable {
        var ids = Set<TicketID>()
        var reloadAll = false
        var committed = true
        var ticketsChanged = true
        var counter: Int?
    }

    /// What the listener heard and the console has not taken yet (shared with the feed's tasks).
    final class Shared: Sendable {
        let heard = Mutex(Heard())
    }

    private let shared = Shared()
    /// The pipe that wakes the console's loop. Its descriptors close with the last of its holders (the feed and its
    /// tasks), never while a task may still write to them.
    final class WakePipe: Sendable {
        let read: Int32
        let write: Int32

        init() throws(TicketError) {
            var fds: [Int32] = [0, 0]
            guard Foundation.pipe(&fds) == 0 else { throw .storage("cannot open the console's wake pipe") }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            (read, write) = (fds[0], fds[1])
        }

        deinit {
            close(read)
            close(write)
        }

        /// Wakes the loop (a full pipe already will).
        func poke() {
            var byte: UInt8 = 1
            _ = Foundation.write(write, &byte, 1)
        }

        /// Empties the pipe.
        func drain() {
            var buffer = [UInt8](repeating: 0, count: 512)
            while buffer.withUnsafeMutableBytes({ Foundation.read(read, $0.baseAddress, $0.count) }) > 0 {}
        }
    }

    private let pipe: WakePipe
    private var tasks: [Task<Void, Never>] = []
    public static let safetyInterval: Duration = .seconds(2)

    init(store: PostgresTicketStore, principal: Principal) throws(TicketError) {
        let wake = try WakePipe()
        pipe = wake
        let shared = self.shared
        tasks.append(
            Task {
                await store.listen { change in
                    shared.heard.withLock { h in
                        switch change {
                        case .reloadAll: h.reloadAll = true
                        case .ticket(let id): h.ids.insert(id)
                        }
                        h.committed = true
                        h.ticketsChanged = true
                    }
                    wake.poke()
                }
            })
        tasks.append(
            Task {
                while !Task.isCancelled {
                    if let counter = try? await store.ticketVersion(as: principal) {
                        let moved = shared.heard.withLock { h in
                            defer { h.counter = counter }
                            guard let before = h.counter, before != counter else { return false }
                            h.ticketsChanged = true
                            return true
                        }
                        if moved { wake.poke() }
                    }
                    try? await Task.sleep(for: Self.safetyInterval)
                }
            })
    }

    deinit {
        for task in tasks { task.cancel() }
    }

    public var wakeDescriptor: Int32? { pipe.read }

    public func drainWake() { pipe.drain() }

    public func check() -> (committed: Bool, ticketsChanged: Bool) {
        shared.heard.withLock { h in
            defer {
                h.committed = false
                h.ticketsChanged = false
            }
            return (h.committed, h.ticketsChanged)
        }
    }

    public func takeNotified() -> Set<TicketID>? {
        shared.heard.withLock { h in
            defer {
                h.ids = []
                h.reloadAll = false
            }
            return h.reloadAll ? nil : h.ids
        }
    }

    public func restore(_ notified: Set<TicketID>?) {
        shared.heard.withLock { h in
            if let notified { h.ids.formUnion(notified) } else { h.reloadAll = true }
            h.ticketsChanged = true
        }
    }

    public func stop() {
        for task in tasks { task.cancel() }
    }
}
