import Crypto
import Foundation

/// Checks the Ed25519 signature Discord puts on every interaction request (design facts 3–6): the signature in
/// `X-Signature-Ed25519` (128 hex characters) over the bytes of `X-Signature-Timestamp` followed by the raw body bytes
/// exactly as received, with the application's public key. Any failure is a 401 for the route; Discord sends bad
/// signatures on purpose and removes an endpoint that accepts them.
///
/// The timestamp must be Unix seconds within `maxSkew` of now: interaction-id dedupe is the main replay guard, the
/// window only bounds it.
public struct InteractionSignature: Sendable {
    public static let signatureHeader = "X-Signature-Ed25519"
    public static let timestampHeader = "X-Signature-Timestamp"
    /// How far the signed timestamp may be from now, either way.
    public static let maxSkew: TimeInterval = 300

    /// Why a request was refused (each one a 401).
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case missingHeader(String)
        case malformedSignature
        case malformedTimestamp
        case staleTimestamp
        case wrongSignature

        public var description: String {
            switch self {
            case .missingHeader(let name): "missing \(name) header"
            case .malformedSignature: "\(InteractionSignature.signatureHeader) must be 128 hex characters"
            case .malformedTimestamp: "\(InteractionSignature.timestampHeader) must be Unix seconds"
            case .staleTimestamp: "\(InteractionSignature.timestampHeader) is more than 5 minutes from now"
            case .wrongSignature: "invalid request signature"
            }
        }
    }

    private let key: Curve25519.Signing.PublicKey

    /// A verifier for the application's public key (64 hex characters, as the developer portal shows it); `nil` if
    /// it is not one.
    public init?(publicKeyHex: String) {
        guard let bytes = Self.bytes(hex: publicKeyHex.trimmingCharacters(in: .whitespaces)), bytes.count == 32,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        else { return nil }
        self.key = key
    }

    /// Passes when `signature` is a valid signature of `timestamp ‖ body` and `timestamp` is fresh; throws why not.
    public func verify(signature: String?, timestamp: String?, body: some Collection<UInt8>, now: Date) throws(Failure) {
        guard let signature else { throw .missingHeader(Self.signatureHeader) }
        guard let timestamp else { throw .missingHeader(Self.timestampHeader) }
        guard signature.utf8.count == 128, let signatureBytes = Self.bytes(hex: signature) else { throw .malformedSignature }
        guard !timestamp.isEmpty, timestamp.utf8.count <= 18, timestamp.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let seconds = Int64(timestamp)
        else { throw .malformedTimestamp }
        var message = Array(timestamp.utf8)
        message.append(contentsOf: body)
        guard isValid(signatureBytes, for: message) else { throw .wrongSignature }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= Self.maxSkew else { throw .staleTimestamp }
    }

    /// Whether `signature` signs exactly `message` with the key.
    func isValid(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    /// The bytes of an even-length hex string (either case); `nil` for anything else.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
