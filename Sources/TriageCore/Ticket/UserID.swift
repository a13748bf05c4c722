import Foundation

/// A Discord user id (a snowflake): any unsigned 64-bit value.
///
/// Decoded from a JSON number or a string; always encoded as a string, because JavaScript clients lose precision
/// above 2^53 (Discord's own convention).
public struct UserID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let value: UInt64

    public init(_ value: UInt64) { self.value = value }

    /// Parses decimal digits; `nil` for anything else, including values above 2^64-1.
    public init?(_ text: String) {
        // Digits alone (every id a store holds): no trimming through Foundation.
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let value = UInt64(text) else { return nil }
            self.value = value
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt64(trimmed) else {
            return nil
        }
        self.value = value
    }

    public var description: String { String(value) }
    public static func < (lhs: UserID, rhs: UserID) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt64.self) {
            value = number
        } else if let text = try? container.decode(String.self), let parsed = UserID(text) {
            value = parsed.value
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "user_id must be a Discord id (0 to 18446744073709551615), as a number or a string"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
