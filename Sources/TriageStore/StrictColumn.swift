import GRDB
import TriageCore

/// The store's vocabulary columns, read strictly: a value this build does not know (written by a newer Triage, or by
/// hand) is a storage error naming the column and the value, never a silent default — a priority read as medium, a
/// role read as user, a ticket owned by user 0.
enum StrictColumn {
    static func value<T: RawRepresentable>(_ raw: String?, column: String) throws(TicketError) -> T where T.RawValue == String {
        guard let raw, let value = T(rawValue: raw) else { throw unknown(raw, column: column, as: "\(T.self)") }
        return value
    }

    static func userID(_ raw: String?, column: String) throws(TicketError) -> UserID {
        guard let raw, let value = UserID(raw) else { throw unknown(raw, column: column, as: "Discord id") }
        return value
    }

    static func ticketID(_ raw: String?, column: String) throws(TicketError) -> TicketID {
        guard let raw, let value = TicketID(raw) else { throw unknown(raw, column: column, as: "ticket id") }
        return value
    }

    static func unknown(_ raw: String?, column: String, as kind: String) -> TicketError {
        .storage("the store's \(column) holds \(raw.map { "'\(TerminalText.sanitize($0))'" } ?? "NULL"), which is not a \(kind) this build knows")
    }
}
