import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: For the API server, which answers thousands of requests a second

    /// The token that `secret` proves, if it exists and is not revoked — like `authenticate`, but a read: its last use
    /// is written only when the recorded one is older than `APITokens.lastUseResolution`, so that a GET stays a read and does
    /// not queue behind the writers. A revocation still takes effect on the very next request. With `recordingUse`
    /// false it is a pure read (the API server records uses off the request path).
    public func authenticateRequest(_ secret: String, now: Date, recordingUse: Bool = true) throws(TicketError) -> APIToken? {
        let hash = APITokens.hash(secret)
        let row = try reading { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_tokens WHERE token_hash = ?"), arguments: [hash])
        }
        guard let row, APITokens.constantTimeEqual(row["token_hash"], hash), row["revoked_at"] as Double? == nil else { return nil }
        var token = try Self.decodeToken(row)
        if recordingUse, token.lastUsedAt.map({ now.timeIntervalSince($0) >= APITokens.lastUseResolution }) ?? true {
            try writing { db in
                try db.execute(
                    sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    arguments: [now.timeIntervalSince1970, token.id, now.timeIntervalSince1970])
            }
            token.lastUsedAt = now
        }
        return token
    }

    /// A ticket and its thread as `principal` may see it (no internal notes for users and the service), without the
    /// event log: what the API answers for one ticket.
    public func thread(_ id: String, as principal: Principal) throws(TicketError) -> TicketDetail {
        try reading { db in
            let ticket = try Self.visibleTicket(db, id, as: principal)
            return TicketDetail(ticket: ticket, messages: try Self.visibleMessages(db, ticket.id, as: principal), events: [])
        }
    }
}

/// One ticket creation of a batch (`TicketStore.createAll`).
public struct TicketCreation: Sendable {
    public var ticket: NewTicket
    public var principal: Principal
    public var now: Date

    public init(_ ticket: NewTicket, as principal: Principal, now: Date) {
        self.ticket = ticket
        self.principal = principal
        self.now = now
    }
}

extension TicketStore {
    /// Opens many tickets in one transaction (a group commit): each is checked and inserted exactly as `create`
    /// does, and each answer says whether that one was opened. When the shared transaction fails as a whole, every
    /// ticket of the batch is retried in a transaction of its own, so one bad request cannot sink the others.
    public func createAll(_ requests: [TicketCreation]) -> [Result<Ticket, TicketError>] {
        let checked = requests.map { request in
            Result { () throws(TicketError) in try request.ticket.checked(as: request.principal) }
        }
        do {
            return try writing { db in
                try zip(requests, checked).map { request, new -> Result<Ticket, TicketError> in
                    switch new {
                    case .success(let new): .success(try insertTicket(db, new, as: request.principal, now: request.now))
                    case .failure(let error): .failure(error)
                    }
                }
            }
        } catch {
            return requests.map { request in
                Result { () throws(TicketError) in try create(request.ticket, as: request.principal, now: request.now) }
            }
        }
    }
}

extension TicketStore {
    /// Takes WAL checkpoints off this store's commits, for a server that answers only once a write has committed:
    /// by default the commit that grows the WAL past 1,000 pages copies them into the database and waits for the
    /// disk (an `fsync`) before its request can be answered. After this call that work is the returned
    /// checkpointer's, to be run regularly on a connection of its own (`WALCheckpointer.checkpoint()`), where it
    /// does not hold up writers. Durability is unchanged: a commit is in the WAL either way. `nil` for a store that
    /// is not a file.
    public func deferCheckpoints() throws(TicketError) -> WALCheckpointer? {
        guard dbWriter is DatabasePool else { return nil }
        do {
            try dbWriter.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
            // The checkpointer never waits on a lock: a checkpoint that cannot run now is tried again on the next run.
            var configuration = Self.configuration()
            configuration.busyMode = .immediateError
            return WALCheckpointer(try DatabaseQueue(path: path, configuration: configuration))
        } catch {
            throw Self.mapped(error)
        }
    }
}
