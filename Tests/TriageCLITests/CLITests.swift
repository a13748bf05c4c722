import Foundation
import Testing
import TriageStore

/// Runs the real `triage` binary, as a person or a script would.
@Suite struct CLITests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: String = {
        let candidates: [String] = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("triage").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("triage").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/triage").path,
        ].compactMap { (path: String?) in path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    let db: String = FileManager.default.temporaryDirectory.appendingPathComponent("triage-cli-\(UUID().uuidString)/t.sqlite").path

    @discardableResult
    func run(_ arguments: [String], db: String? = nil, env: [String: String] = [:]) throws -> Result {
        try Self.execute(arguments, env: ["TRIAGE_DB": db ?? self.db, "XDG_CONFIG_HOME": "/nonexistent"].merging(env) { $1 })
    }

    /// Runs the binary with this process's environment, without the TRIAGE_ variables that would change what it
    /// does, as the agent alice, plus `env`.
    static func execute(_ arguments: [String], env: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["TRIAGE_CONFIG", "TRIAGE_BASE_URL", "TRIAGE_BOT_TOKEN", "TRIAGE_POLICY"] { environment[name] = nil }
        environment["TRIAGE_AGENT"] = "alice"
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func json(_ result: Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func theSpecExamplesEndToEnd() throws {
        // Create, as in `!ticket_create "Subject" category priority description`
        let created = try run([
            "ticket", "create", "Paiement refusé", "billing", "high", "Ma carte Visa est refusée 😕", "--user", "123456789012345678",
            "--json",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let answer = try json(created)
        let id = try #require(answer["ticket_id"] as? String)
        #expect(answer["status"] as? String == "open")
        #expect(answer["sla_hours"] as? Double == 24)
        #expect((answer["url"] as? String)?.hasSuffix("/tickets/\(id)") == true)
        #expect((answer["created_at"] as? String)?.hasSuffix("Z") == true)
        // Reply, internal note, list, view
        #expect(try run(["ticket", "reply", id.lowercased(), "Bonjour ! Pouvez-vous réessayer ?"]).status == 0)
        #expect(try run(["ticket", "reply", id, "fraud check", "--internal"]).status == 0)
        let list = try run(["ticket", "list", "waiting"])
        #expect(list.stdout.contains(id))
        let view = try run(["ticket", "view", id])
        #expect(view.stdout.contains("INTERNAL NOTE"))
        // The requester sees the public thread only
        let asUser = try run(["ticket", "view", id, "--as-user", "123456789012345678", "--json"])
        #expect(asUser.status == 0)
        #expect(!asUser.stdout.contains("fraud check"))
        #expect(asUser.stdout.contains("\"user_id\" : \"123456789012345678\""))
        // Close, rate as the user, stats
        #expect(try run(["ticket", "close", id, "Carte réactivée", "--no-notify"]).status == 0)
        #expect(try run(["ticket", "rate", id, "5", "Merci !", "--as-user", "123456789012345678"]).status == 0)
        let stats = try run(["ticket", "stats", "--json"])
        #expect(try json(stats)["resolved"] as? Int == 1)
    }

    @Test func errorsAreClearWithTheRightExitStatus() throws {
        let badCategory = try run(["ticket", "create", "S", "payments", "high", "D", "--user", "1"])
        #expect(badCategory.status == 64)
        #expect(badCategory.stderr.contains("payments"))
        #expect(badCategory.stderr.contains("billing"))
        let badPriority = try run(["ticket", "list", "--priority", "urgent"])
        #expect(badPriority.status == 64)
        #expect(badPriority.stderr.contains("critical"))
        let missing = try run(["ticket", "view", "TKTZZZZZZ"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "triage: no ticket TKTZZZZZZ\n")
        let created = try json(try run(["ticket", "create", "S", "general", "low", "D", "--user", "1", "--json"]))
        let id = created["ticket_id"] as! String
        let foreign = try run(["ticket", "view", id, "--as-user", "2"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr == "triage: no ticket \(id)\n", "a foreign ticket reads exactly like a missing one")
        let closeTwice = try run(["ticket", "close", id])
        #expect(closeTwice.status == 0)
        #expect(try run(["ticket", "close", id]).status == 1)
        let jsonError = try run(["ticket", "view", "TKTZZZZZZ", "--json"])
        #expect(jsonError.stdout.contains("\"code\" : \"not_found\""))
        #expect(try run(["ticket", "stats", "--week", "2026-W99"]).status == 64)
    }

    @Test func twoProcessesWritingAtOnceLoseNothing() throws {
        // Given two processes seeding the same new store at the same time, and two creating tickets one by one
        let db = self.db
        let group = DispatchGroup()
        let failures = LockedList()
        for seed in 1...2 {
            DispatchQueue.global().async(group: group) {
                do {
                    let r = try run(["seed", "--tickets", "600", "--seed", String(seed)], db: db)
                    if r.status != 0 { failures.append(r.stderr) }
                } catch { failures.append("\(error)") }
            }
            DispatchQueue.global().async(group: group) {
                for i in 0..<12 {
                    do {
                        let r = try run(
                            ["ticket", "create", "Concurrent \(seed)-\(i)", "technical", "medium", "D", "--user", String(seed)], db: db)
                        if r.status != 0 { failures.append(r.stderr) }
                    } catch { failures.append("\(error)") }
                }
            }
        }
        group.wait()
        // Then every write landed and none failed with a busy error
        #expect(failures.items.isEmpty, "\(failures.items)")
        let counts = try TicketStore.open(path: db).counts()
        let total = counts.values.reduce(0, +)
        #expect(total == 1224)
    }
}

final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}
