import Foundation
import GRDB
import TriageCore

extension OutboxEntry {
    static func decode(_ row: Row) throws -> OutboxEntry {
        func date(_ column: String) -> Date? { (row[column] as Double?).map { Date(timeIntervalSince1970: $0) } }
        let payload: String? = row["payload"]
        return try OutboxEntry(
            id: row["id"], dedupeKey: row["dedupe_key"],
            ticketID: (row["ticket_id"] as String?).map { try StrictColumn.ticketID($0, column: "outbox.ticket_id") },
            target: StrictColumn.value(row["target"], column: "outbox.target"), cause: row["cause"],
            notice: payload.flatMap { try? JSONDecoder.notice.decode(Notice.self, from: Data($0.utf8)) },
            legacyText: row["body"], status: StrictColumn.value(row["status"], column: "outbox.status"), attempts: row["attempts"],
            createdAt: date("created_at")!, nextAttemptAt: date("next_attempt_at")!, expiresAt: date("expires_at"),
            deliveredAt: date("delivered_at"), lastStatus: row["last_status"], lastError: row["last_error"],
            remoteID: row["remote_id"], possiblyDoubled: row["possibly_doubled"])
    }
}
