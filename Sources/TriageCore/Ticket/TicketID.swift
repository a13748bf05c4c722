import Foundation

/// A ticket's public identifier: `TKT` followed by six characters of `[A-Z0-9]`, e.g. `TKTA1B2C3`.
///
/// Input is accepted case-insensitively (`tkta1b2c3` parses); the canonical form is upper case.
public struct TicketID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: String

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// Parses a ticket id typed by a person or sent by a client; `nil` when it is not of the form `TKT` + 6 × `[A-Z0-9]`.
    public init?(_ text: String) {
        // The common case, read from the store or typed exactly: nine ASCII letters and digits, upper-cased here
        // without Foundation (the store decodes one per event row).
        if text.utf8.count == 9 {
            var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
            let plain = withUnsafeMutableBytes(of: &bytes) { out in
                for (i, byte) in text.utf8.enumerated() {
                    switch byte {
                    case 0x30...0x39, 0x41...0x5A: out[i] = byte
                    case 0x61...0x7A: out[i] = byte - 0x20
                    default: return false
                    }
                }
                return true
            }
            if plain {
                guard bytes.0 == 0x54, bytes.1 == 0x4B, bytes.2 == 0x54 else { return nil }
                rawValue = withUnsafeBytes(of: bytes) { String(decoding: $0, as: UTF8.self) }
                return
            }
        }
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard upper.count == 9, upper.hasPrefix("TKT") else { return nil }
        guard upper.dropFirst(3).allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else { return nil }
        rawValue = upper
    }

    /// A new random id drawn from `generator`.
    public static func random(using generator: inout some RandomNumberGenerator) -> TicketID {
        var text = "TKT"
        for _ in 0..<6 { text.append(alphabet.randomElement(using: &generator)!) }
        return TicketID(text)!
    }

    public var description: String { rawValue }
    public static func < (lhs: TicketID, rhs: TicketID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = TicketID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a ticket id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
