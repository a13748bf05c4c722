import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: The one place where scope is applied

    /// The SQL condition and arguments that confine a ticket query to what `principal` may see.
    static func scope(_ principal: Principal, alias: String = "t") -> (sql: String, arguments: StatementArguments) {
        if let user = principal.scopedUser {
            return ("\(alias).user_id = ?", [user.description])
        }
        return ("1", [])
    }

    /// The ticket `id` as `principal` may see it; a missing ticket and a foreign one give the same `no ticket` error.
    static func visibleTicket(_ db: Database, _ id: String, as principal: Principal) throws -> Ticket {
        guard let ticketID = TicketID(id) else { throw TicketError.noTicket(id) }
        let scope = scope(principal)
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(TicketRow.select) WHERE t.id = ? AND \(scope.sql)"),
                arguments: [ticketID.rawValue] + scope.arguments)
        else { throw TicketError.noTicket(id) }
        return try TicketRow.decodeAll(db, rows: [row])[0]
    }

    /// The thread of a ticket already checked visible, with internal notes only for staff.
    static func visibleMessages(_ db: Database, _ id: TicketID, as principal: Principal) throws -> [Message] {
        let internalFilter = AccessRules.mayReadInternalNotes(principal) ? "" : " AND internal = 0"
        return try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM messages WHERE ticket_id = ?\(internalFilter) ORDER BY created_at, id"),
            arguments: [id.rawValue]
        ).map(MessageRow.decode)
    }

    // MARK: Error mapping

    /// Runs a read, mapping storage failures to `TicketError.storage` and letting domain errors through.
    func reading<T>(_ block: (Database) throws -> T) throws(TicketError) -> T {
        do {
            return try dbWriter.read(block)
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs one write transaction (`BEGIN IMMEDIATE`): all of it lands, or none.
    func writing<T>(_ block: (Database) throws -> T) throws(TicketError) -> T {
        do {
            return try dbWriter.write(block)
        } catch {
            throw Self.mapped(error)
        }
    }

    static func mapped(_ error: any Error) -> TicketError {
        if let error = error as? TicketError { return error }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return .storage("the store is busy (another process holds it too long); try again")
            }
            return .storage("store error: \(error.message ?? error.description)")
        }
        return .storage("store error: \(error)")
    }
}

/// Reading a `Message` from the `messages` table.
enum MessageRow {
    static func decode(_ row: Row) -> Message {
        Message(
            id: row["id"], ticketID: TicketID(row["ticket_id"] as String)!,
            authorKind: AuthorKind(rawValue: row["author_kind"]) ?? .system, author: row["author"], body: row["body"],
            isInternal: row["internal"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
