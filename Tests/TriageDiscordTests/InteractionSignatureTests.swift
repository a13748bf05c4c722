import Foundation
import Testing

@testable import TriageDiscord

/// The Ed25519 check of the interactions endpoint, from fixed vectors (design §1.4: Discord-shaped requests signed
/// with the RFC 8032 §7.1 TEST 1 key, checked by three implementations), and every way to break them.
@Suite struct InteractionSignatureTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var timestamp: String
        var body: String
        var signature: String
        var testDescription: String { name }
        var seconds: Date { Date(timeIntervalSince1970: Double(timestamp)!) }
    }

    /// RFC 8032 TEST 1 public key (the seed is 9d61b1…7f60; test only).
    static let publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    /// RFC 8032 TEST 2 public key: a valid key that did not sign anything here.
    static let otherKey = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
    static let verifier = InteractionSignature(publicKeyHex: publicKey)!

    /// The vectors of discord_ed25519_vectors.json (copied: the tests do not read ../shared), plus a body signed as
    /// sent with insignificant whitespace and \u00e8 escapes, which only a check of the raw bytes accepts.
    static let vectors = [
        Vector(
            name: "ping", timestamp: "1700000000",
            body:
                #"{"type":1,"id":"787053080478613555","application_id":"123456789012345678","token":"ThisIsATokenFromDiscordThatIsVeryLong","version":1}"#,
            signature:
                "e242ff8902009278b554b1e17d5e262a0b01a9f50fb0ab1366f7ca1760da61faf3014ee0782f0863f038d04811e479ac5ca84aa7b2b2ea8b8cacdece1feaa703"
        ),
        Vector(
            name: "slash_ticket_create", timestamp: "1700000060",
            body:
                #"{"type":2,"id":"1300000000000000001","application_id":"123456789012345678","token":"tok2","version":1,"guild_id":"290926798626357999","channel_id":"645027906669510667","member":{"user":{"id":"53908232506183680","username":"alice"},"roles":[],"permissions":"0"},"data":{"id":"771825006014889984","name":"ticket","type":1,"options":[{"type":1,"name":"create","options":[{"type":3,"name":"subject","value":"Problème de paiement 💳"},{"type":3,"name":"category","value":"billing"},{"type":3,"name":"priority","value":"high"}]}]}}"#,
            signature:
                "b3ac453170be090b37f4a9abc02e134a47de05b0be9e412a7e5c7593ab5ddadaa79896d154e4c5de2edbfbd9b78d78c4770a8a005139479bed8a4dd0771a9b04"
        ),
        Vector(
            name: "button_create_ticket", timestamp: "1700000120",
            body:
                #"{"type":3,"id":"1300000000000000002","application_id":"123456789012345678","token":"tok3","version":1,"member":{"user":{"id":"53908232506183680","username":"alice"}},"data":{"custom_id":"triage:create","component_type":2}}"#,
            signature:
                "c7c5d792887c3582c06062a25618059d7a097b307134a9ef7765995107b97290d5342105e8432b0e170c79a961201ee24583620434bf03d066e45f49f084ff0e"
        ),
        Vector(
            name: "modal_submit", timestamp: "1700000180",
            body:
                #"{"type":5,"id":"1300000000000000003","application_id":"123456789012345678","token":"tok4","version":1,"member":{"user":{"id":"53908232506183680","username":"alice"}},"data":{"custom_id":"triage:create_form","components":[{"type":18,"id":1,"component":{"type":4,"id":2,"custom_id":"subject","value":"Connexion impossible @everyone"}},{"type":18,"id":3,"component":{"type":3,"id":4,"custom_id":"category","values":["account"]}},{"type":18,"id":5,"component":{"type":3,"id":6,"custom_id":"priority","values":["critical"]}},{"type":18,"id":7,"component":{"type":4,"id":8,"custom_id":"description","value":"Je ne peux pas me connecter depuis ce matin… 😢"}}]}}"#,
            signature:
                "81eb1ab6cfabbf58fbade76798c58890230da670afa1cb6a44f457758925e137684e8af09357bf00fac9df52b01906e8a9c359cae1dee52dc7caa951187b3307"
        ),
        Vector(
            name: "raw_whitespace_and_escapes", timestamp: "1700000240",
            body:
                "{ \"type\" : 2,\n  \"id\": \"1300000000000000009\", \"application_id\" : \"123456789012345678\",\n  \"token\": \"tok9\", \"version\": 1,\n  \"member\": {\"user\": {\"id\": \"53908232506183680\", \"username\": \"alice\"}, \"roles\": []},\n  \"data\": {\"name\": \"ticket\", \"type\": 1, \"options\": [{\"type\": 1, \"name\": \"create\", \"options\": [\n    {\"type\": 3, \"name\": \"subject\", \"value\": \"Probl\\u00e8me d\\u00e9j\\u00e0 vu\"}]}]}\n}\n",
            signature:
                "aeb9f1c812015224697f86f7e9cab5afa4c64173b529982386423bf4d23ed00bb7f48cc994ba5200a8a50c83dcfac97476457a146c68478ddeef685e25aebc0a"
        ),
    ]

    static func verify(
        _ v: Vector, signature: String?? = .none, timestamp: String?? = .none, body: [UInt8]? = nil, now: Date? = nil,
        verifier: InteractionSignature = verifier
    ) -> InteractionSignature.Failure? {
        do {
            try verifier.verify(
                signature: signature ?? v.signature, timestamp: timestamp ?? v.timestamp, body: body ?? Array(v.body.utf8),
                now: now ?? v.seconds)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: vectors) func eachVectorVerifies(_ v: Vector) {
        #expect(Self.verify(v) == nil)
        // Upper-case hex is hex too.
        #expect(Self.verify(v, signature: v.signature.uppercased()) == nil)
    }

    @Test func theRFCEmptyMessageSignatureVerifies() {
        let signature = InteractionSignature.bytes(
            hex:
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        )!
        #expect(Self.verifier.isValid(signature, for: []))
        #expect(!Self.verifier.isValid(signature, for: [0]))
    }

    @Test(arguments: vectors) func aFlippedBodyByteFails(_ v: Vector) {
        var body = Array(v.body.utf8)
        for index in [0, body.count / 2, body.count - 1] {
            body[index] ^= 0x01
            #expect(Self.verify(v, body: body) == .wrongSignature)
            body[index] ^= 0x01
        }
        #expect(Self.verify(v, body: body + [0x20]) == .wrongSignature)
        #expect(Self.verify(v, body: Array(body.dropLast())) == .wrongSignature)
    }

    @Test(arguments: vectors) func aFlippedSignatureByteFails(_ v: Vector) {
        var bytes = InteractionSignature.bytes(hex: v.signature)!
        bytes[5] ^= 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        #expect(Self.verify(v, signature: hex) == .wrongSignature)
    }

    @Test(arguments: vectors) func theTimestampOffByOneFails(_ v: Vector) {
        let seconds = Int(v.timestamp)!
        #expect(Self.verify(v, timestamp: String(seconds + 1)) == .wrongSignature)
        #expect(Self.verify(v, timestamp: String(seconds - 1)) == .wrongSignature)
        // The same number written differently is other bytes.
        #expect(Self.verify(v, timestamp: "0" + v.timestamp) == .wrongSignature)
    }

    @Test(arguments: vectors) func anotherKeyFails(_ v: Vector) {
        #expect(Self.verify(v, verifier: InteractionSignature(publicKeyHex: Self.otherKey)!) == .wrongSignature)
    }

    @Test func malformedSignaturesAreRefusedBeforeAnyCheck() {
        let v = Self.vectors[0]
        let cases: [String] = [
            String(v.signature.dropLast()), v.signature + "0", String(repeating: "0", count: 126), "",
            String(v.signature.dropLast()) + "g", String(v.signature.dropLast(2)) + "é", "zz" + String(v.signature.dropFirst(2)),
        ]
        for signature in cases { #expect(Self.verify(v, signature: signature) == .malformedSignature, "\(signature)") }
        // Well-formed but no signature of anything.
        #expect(Self.verify(v, signature: String(repeating: "0", count: 128)) == .wrongSignature)
    }

    @Test func missingHeadersFail() {
        let v = Self.vectors[0]
        #expect(Self.verify(v, signature: .some(nil)) == .missingHeader(InteractionSignature.signatureHeader))
        #expect(Self.verify(v, timestamp: .some(nil)) == .missingHeader(InteractionSignature.timestampHeader))
    }

    @Test func timestampsThatAreNotUnixSecondsFail() {
        let v = Self.vectors[0]
        for timestamp in ["", "-1700000000", "1700000000.0", " 1700000000", "17e8", "１７００００００００", "99999999999999999999"] {
            #expect(Self.verify(v, timestamp: .some(timestamp)) == .malformedTimestamp, "\(timestamp)")
        }
    }

    @Test func aTimestampMoreThanFiveMinutesFromNowFails() {
        let v = Self.vectors[0]
        #expect(Self.verify(v, now: v.seconds.addingTimeInterval(300)) == nil)
        #expect(Self.verify(v, now: v.seconds.addingTimeInterval(-300)) == nil)
        #expect(Self.verify(v, now: v.seconds.addingTimeInterval(301)) == .staleTimestamp)
        #expect(Self.verify(v, now: v.seconds.addingTimeInterval(-301)) == .staleTimestamp)
    }

    @Test func aPublicKeyThatIsNotOneIsRefused() {
        #expect(InteractionSignature(publicKeyHex: "") == nil)
        #expect(InteractionSignature(publicKeyHex: String(Self.publicKey.dropLast(2))) == nil)
        #expect(InteractionSignature(publicKeyHex: "x" + Self.publicKey.dropFirst()) == nil)
        #expect(InteractionSignature(publicKeyHex: Self.publicKey.uppercased()) != nil)
    }

    @Test func theRawBytesAreVerifiedNotAReserialisation() throws {
        // Given the body signed as sent, with spaces, newlines and \u escapes
        let v = Self.vectors.last!
        #expect(Self.verify(v) == nil)
        // When it is parsed and written back (what a framework that parsed the body would have)
        let object = try JSONSerialization.jsonObject(with: Data(v.body.utf8))
        let reserialised = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        // Then those bytes do not verify: only the raw ones do
        #expect(Self.verify(v, body: Array(reserialised)) == .wrongSignature)
        // And the body still reads as the interaction it is
        let interaction = try JSONDecoder().decode(Interaction.self, from: Data(v.body.utf8))
        #expect(interaction.subcommand?.options["subject"] == "Problème déjà vu")
    }
}
