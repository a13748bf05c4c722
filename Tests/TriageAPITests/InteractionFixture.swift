import Crypto
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import TriageCore
import TriageDiscord
import TriageStore

@testable import TriageAPI

/// A store and the interactions endpoint on it, with requests signed by the RFC 8032 TEST 1 key as Discord signs
/// them, and a fixed clock.
struct InteractionFixture {
    static let now = APIFixture.t0.addingTimeInterval(3600)
    static let applicationID = "123456789012345678"
    static let staffRole = "777000000000000777"
    /// RFC 8032 §7.1 TEST 1 (test only).
    static let key = try! Curve25519.Signing.PrivateKey(
        rawRepresentation: Data(
            [
                0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69,
                0x7b, 0x32,
                0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
            ] as [UInt8]))
    static let publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

    /// Community members and a staff member, as Discord describes them.
    struct Member: Sendable {
        var id: String
        var username: String
        var globalName: String?
        var roles: [String] = []
        var user: UserID { UserID(id)! }
    }
    static let alice = Member(id: "53908232506183680", username: "alice", globalName: "Alice A.")
    static let bob = Member(id: "80351110224678912", username: "bob")
    static let carol = Member(id: "41771983423143937", username: "carol", roles: ["1", staffRole])

    let store: TicketStore
    /// The store's database, for tests that break it.
    let database: DatabaseQueue
    var config: TriageConfig

    init(configured: Bool = true, apiBase: String? = nil) throws {
        database = try DatabaseQueue()
        store = try TicketStore(database)
        config = TriageConfig()
        if configured {
            config.discord.applicationID = Self.applicationID
            config.discord.publicKey = Self.publicKey
        }
        config.discord.staffRoleIDs = [Self.staffRole]
        if let apiBase { config.discord.apiBase = apiBase }
    }

    /// Runs `test` against a router with the endpoint (the real `CommandRunner` unless `runCommand` is given).
    func run(
        runCommand: InteractionController.RunCommand? = nil, budget: Duration = .seconds(30),
        _ test: @Sendable (InteractionClient) async throws -> Void
    ) async throws {
        var logger = Logger(label: "triage.interactions.tests")
        logger.logLevel = .critical
        let router = Router(context: APIRequestContext.self)
        router.addMiddleware { ErrorMiddleware(routes: RouteTable()) }
        InteractionController(
            store: SQLiteTicketStore(store, writes: WriteQueue(store: store)), config: config, runCommand: runCommand, budget: budget,
            now: { Self.now }
        )
        .register(on: router)
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in try await test(InteractionClient(client: client)) }
    }

    /// Opens a ticket for `member` directly in the store.
    @discardableResult
    func ticket(for member: Member = alice, subject: String = "Paiement refusé 💳") throws -> Ticket {
        try store.create(
            NewTicket(requester: member.user, subject: subject, category: .billing, priority: .high, description: "Ma carte est refusée."),
            as: .user(member.user), now: APIFixture.t0)
    }

    // MARK: Bodies

    static let counter = Atomic<Int>(0)

    /// A fresh interaction id.
    static func nextID() -> String {
        String(1_400_000_000_000_000_000 + counter.add(1, ordering: .relaxed).newValue)
    }

    /// An interaction body of `type` from `member` (in a guild) with `data`.
    static func body(
        type: Int, from member: Member, data: [String: Any]?, id: String = nextID(), locale: String = "fr",
        message: [String: Any]? = nil, application: String = applicationID
    ) -> String {
        var user: [String: Any] = ["id": member.id, "username": member.username]
        if let name = member.globalName { user["global_name"] = name }
        var object: [String: Any] = [
            "type": type, "id": id, "application_id": application, "token": "token-\(id)", "version": 1, "locale": locale,
            "guild_id": "290926798626357999", "member": ["user": user, "roles": member.roles, "permissions": "0"],
        ]
        if let data { object["data"] = data }
        if let message { object["message"] = message }
        let json = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    /// `/ticket <sub>` with string options.
    static func command(_ sub: String, _ options: [String: String] = [:], from member: Member, id: String = nextID(), locale: String = "fr")
        -> String
    {
        let list: [[String: Any]] = options.sorted { $0.key < $1.key }.map { ["type": 3, "name": $0.key, "value": $0.value] }
        let data: [String: Any] = [
            "id": "771825006014889984", "name": "ticket", "type": 1, "options": [["type": 1, "name": sub, "options": list]],
        ]
        return body(type: 2, from: member, data: data, id: id, locale: locale)
    }

    /// A button click on a message with `components`.
    static func button(_ customID: String, from member: Member, components: [[String: Any]] = [], locale: String = "fr") -> String {
        body(
            type: 3, from: member, data: ["custom_id": customID, "component_type": 2], locale: locale,
            message: ["id": "1300000000000000500", "content": "page", "components": components])
    }

    /// The create form submitted with `values`, as Label-wrapped components.
    static func form(_ values: [String: String], from member: Member, id: String = nextID()) -> String {
        var components: [[String: Any]] = []
        for (index, key) in ["subject", "category", "priority", "description"].enumerated() {
            guard let value = values[key] else { continue }
            let inner: [String: Any] =
                key == "category" || key == "priority"
                ? ["type": 3, "id": index * 2 + 2, "custom_id": key, "values": [value]]
                : ["type": 4, "id": index * 2 + 2, "custom_id": key, "value": value]
            components.append(["type": 18, "id": index * 2 + 1, "component": inner])
        }
        return body(type: 5, from: member, data: ["custom_id": "triage:create_form", "components": components], id: id)
    }

    /// Autocomplete of `/ticket <sub>`'s `id` with `typed` so far.
    static func autocomplete(_ sub: String, typed: String, from member: Member) -> String {
        let data: [String: Any] = [
            "id": "771825006014889984", "name": "ticket", "type": 1,
            "options": [["type": 1, "name": sub, "options": [["type": 3, "name": "id", "value": typed, "focused": true]]]],
        ]
        return body(type: 4, from: member, data: data)
    }

    /// An action row with the five ⭐ buttons of `id`, or its Acknowledge button.
    static func ratingRow(_ id: TicketID) -> [String: Any] {
        ["type": 1, "components": (1...5).map { ["type": 2, "style": 1, "label": "\($0) ⭐", "custom_id": "triage:rate:\(id):c1:\($0)"] }]
    }

    static func ackRow(_ id: TicketID) -> [String: Any] {
        [
            "type": 1,
            "components": [
                ["type": 2, "style": 3, "label": "Acknowledge", "custom_id": "triage:ack:\(id):c1"],
                ["type": 2, "style": 5, "label": "Open", "url": "https://admin.example.org/tickets/\(id)"],
            ],
        ]
    }
}

/// Sends signed interactions.
struct InteractionClient {
    let client: any TestClientProtocol

    /// POSTs `body` signed at `timestamp` (now by default) by `key`.
    func post(
        _ body: String, timestamp: String = String(Int(InteractionFixture.now.timeIntervalSince1970)),
        key: Curve25519.Signing.PrivateKey = InteractionFixture.key, headers extra: HTTPFields? = nil
    ) async throws -> Reply {
        let signature = try key.signature(for: Array(timestamp.utf8) + Array(body.utf8))
        let headers: HTTPFields =
            extra ?? [
                HTTPField.Name("X-Signature-Ed25519")!: signature.map { String(format: "%02x", $0) }.joined(),
                HTTPField.Name("X-Signature-Timestamp")!: timestamp, .contentType: "application/json",
            ]
        return try await client.execute(uri: "/discord/interactions", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            Reply(status: $0.status, headers: $0.headers, text: String(buffer: $0.body))
        }
    }
}

extension Reply {
    /// The interaction answer's `data`.
    var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
    var content: String { data["content"] as? String ?? "" }
    var type: Int? { json["type"] as? Int }
    var isEphemeral: Bool { ((data["flags"] as? Int) ?? 0) & 64 != 0 }
    var parsesNoMention: Bool { ((data["allowed_mentions"] as? [String: Any])?["parse"] as? [Any])?.isEmpty == true }
}
