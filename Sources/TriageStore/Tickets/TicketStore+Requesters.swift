import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Requester names (SPEC §2), one per user in `requesters`

    /// Records `name` (already validated) as `user`'s display name, unless the stored one arrived later; returns the
    /// name the store now holds for them (`nil` when it has none). Call it inside the write that brings the name.
    ///
    /// A changed name touches the user's ticket rows (no column changes), so everything that watches ticket
    /// changes — the console's reload, the API's page cache — sees the new name on every ticket of theirs.
    static func recordRequesterName(_ db: Database, _ name: String?, of user: UserID, now: Date) throws -> String? {
        let stored = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT name, updated_at FROM requesters WHERE user_id = ?"), arguments: [user.description])
        let storedName: String? = stored?["name"]
        guard let name else { return storedName }
        if let stored, (stored["updated_at"] as Double) > now.timeIntervalSince1970 { return storedName }
        try db.cachedStatement(
            sql: """
                INSERT INTO requesters (user_id, name, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
                """
        ).execute(arguments: [user.description, name, now.timeIntervalSince1970])
        if stored != nil && storedName != name {
            try db.cachedStatement(sql: "UPDATE tickets SET user_id = user_id WHERE user_id = ?").execute(arguments: [user.description])
        }
        return name
    }
}
