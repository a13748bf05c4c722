import Foundation

extension JSONEncoder {
    /// The encoder of outbox payloads: stable keys, dates as seconds.
    public static var notice: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }
}

extension JSONDecoder {
    /// The decoder of outbox payloads (every store writes them with `JSONEncoder.notice`).
    public static var notice: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}

extension OutboxNotification {
    /// Each notification with its payload (`JSONEncoder.notice`). A cause's targets mostly share one notice (the log
    /// gets the first one's): each distinct notice is encoded once, which is most of what a notification costs the
    /// transaction that causes it.
    public static func payloads(_ notifications: [OutboxNotification]) throws -> [(OutboxNotification, String)] {
        let encoder = JSONEncoder.notice
        var encoded: [(notice: Notice, payload: String)] = []
        return try notifications.map { n in
            if let known = encoded.first(where: { $0.notice == n.notice }) { return (n, known.payload) }
            let payload = String(decoding: try encoder.encode(n.notice), as: UTF8.self)
            encoded.append((n.notice, payload))
            return (n, payload)
        }
    }
}
