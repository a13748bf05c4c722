import Foundation
import TriageCore
import TriageStore

/// The JSON-lines notification log: one line per notification, appended with `O_APPEND` so that several runners can
/// share the file; each line carries the dedupe key, so a reader can drop the rare line a crash wrote twice.
enum JSONLinesLog {
    struct Line: Encodable {
        var at: String
        var id: Int64
        var dedupe_key: String
        var target: String
        var cause: String
        var ticket_id: String?
        var notice: Notice?
        var text: String?
    }

    static func append(_ entry: OutboxEntry, to path: String, now: Date) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let line = Line(
            at: Timestamp.string(now), id: entry.id, dedupe_key: entry.dedupeKey, target: entry.target.rawValue, cause: entry.cause,
            ticket_id: entry.ticketID?.rawValue, notice: entry.notice, text: entry.legacyText)
        var data = try encoder.encode(line)
        data.append(0x0A)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw LogError(message: "\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw LogError(message: "\(path): short write") }
    }

    struct LogError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
