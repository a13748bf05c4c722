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
    /// A user and the service get its `publicView`, unless the ticket is read `forWriting` (it is then saved, and
    /// staff notices are built from it: it must be whole).
    static func visibleTicket(_ db: Database, _ id: String, as principal: Principal, forWriting: Bool = false) throws -> Ticket {
        guard let ticketID = TicketID(id) else { throw TicketError.noTicket(id) }
        let scope = scope(principal)
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(TicketRow.select) WHERE t.id = ? AND \(scope.sql)"),
                arguments: [ticketID.rawValue] + scope.arguments)
        else { throw TicketError.noTicket(id) }
        let ticket = try TicketRow.decodeAll(db, rows: [row])
        return try (forWriting ? ticket : publicView(db, ticket, as: principal))[0]
    }

    /// Tickets as a user and the service see them (issue 10, L1 and L3): `updated_at` from public activity only (an
    /// internal note, a tag, SLA alarms and pages do not move it) and no tags. Staff see tickets as they are.
    static func publicView(_ db: Database, _ tickets: [Ticket], as principal: Principal) throws -> [Ticket] {
        guard !principal.isStaff else { return tickets }
        let hidden = EventKind.staffOnly.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "SELECT MAX(at) FROM events WHERE ticket_id = ? AND kind NOT IN (\(hidden))")
        return try tickets.map { ticket in
            var ticket = ticket
            ticket.tags = []
            if let at = try Double.fetchOne(statement, arguments: [ticket.id.rawValue]) {
                ticket.updatedAt = Date(timeIntervalSince1970: at)
            }
            return ticket
        }
    }

    /// The thread of a ticket already checked visible, with internal notes only for staff. Without them, messages
    /// are numbered 1, 2, 3… in the ticket (issue 10, L2): the store's ids would count the hidden notes by their gaps.
    static func visibleMessages(_ db: Database, _ id: TicketID, as principal: Principal) throws -> [Message] {
        let staff = AccessRules.mayReadInternalNotes(principal)
        let messages = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM messages WHERE ticket_id = ?\(staff ? "" : " AND internal = 0") ORDER BY created_at, id"),
            arguments: [id.rawValue]
        ).map(MessageRow.decode)
        guard !staff else { return messages }
        return messages.enumerated().map { number, message in
            var message = message
            message.id = Int64(number + 1)
            return message
        }
    }

    /// `message` (just written) as `principal` sees it: numbered in its ticket's public thread for a user and the
    /// service, as `visibleMessages` numbers it.
    static func visibleMessage(_ db: Database, _ message: Message, as principal: Principal) throws -> Message {
        guard !AccessRules.mayReadInternalNotes(principal) else { return message }
        var message = message
        message.id =
            try Int64.fetchOne(
                db.cachedStatement(
                    sql: "SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND internal = 0 AND (created_at, id) <= (?, ?)"),
                arguments: [message.ticketID.rawValue, message.createdAt.timeIntervalSince1970, message.id]) ?? message.id
        return message
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
    static func decode(_ row: Row) throws -> Message {
        try Message(
            id: row["id"], ticketID: StrictColumn.ticketID(row["ticket_id"], column: "messages.ticket_id"),
            authorKind: StrictColumn.value(row["author_kind"], column: "messages.author_kind"), author: row["author"], body: row["body"],
            isInternal: row["internal"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
