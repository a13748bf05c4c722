import ArgumentParser
import Foundation
import TriageCore

/// `triage outbox list|retry`: what the automations have to deliver, what failed, and putting it back.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Notifications waiting, delivered or dead; retry what failed.",
        subcommands: [List.self, Retry.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The newest outbox rows, and the targets that are paused or disabled.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status: \(OutboxStatus.allowedList).") var status: String?
        @Flag(help: "Only dead rows (same as --status dead).") var dead = false
        @Option(help: "How many rows.") var limit = 50

        func run() async throws {
            try await global.runTickets { store in
                let filter = try dead ? .dead : status.map { text throws(TicketError) in try OutboxStatus.parse(text) }
                let rows = try await store.outbox(status: filter, limit: max(1, limit), as: global.principal)
                let targets = try await store.targetStates(as: global.principal)
                global.emit(OutboxListJSON(rows: rows, targets: targets)) { Self.table(rows, targets: targets, status: filter) }
            }
        }

        static func table(_ rows: [OutboxEntry], targets: [TargetState], status: OutboxStatus? = nil) -> String {
            var lines: [String] = []
            for t in targets {
                if let reason = t.disabledReason {
                    lines.append("✖ \(t.target) disabled: \(reason) — fix config.toml, then `triage outbox retry --dead`")
                } else if let until = t.pausedUntil, until > Date() {
                    lines.append("‖ \(t.target) paused until \(Timestamp.string(until)) (rate limit)")
                }
            }
            if rows.isEmpty { lines.append(status.map { "no \($0.rawValue) notification in the outbox" } ?? "the outbox is empty") }
            for row in rows {
                let error = row.lastError.map { "  — \(TerminalText.sanitize($0))" } ?? ""
                let doubled = row.possiblyDoubled ? "  (possibly sent twice)" : ""
                lines.append(
                    "\(String(row.id).padding(toLength: 7, withPad: " ", startingAt: 0)) \(row.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                        + "\(row.target.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(row.cause)  tries \(row.attempts)\(doubled)\(error)"
                )
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a dead or cancelled row again (by id), or every dead row (--dead); re-enables disabled targets.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The outbox row id (see `triage outbox list`).") var id: Int64?
        @Flag(help: "Every dead row.") var dead = false

        func validate() throws {
            guard (id == nil) != (!dead) else { throw ValidationError("give an outbox row id or --dead (not both)") }
        }

        func run() async throws {
            try await global.runTickets { store in
                if let id {
                    let entry = try await store.retryOutbox(id, as: global.principal, now: Date())
                    global.emit(["id": entry.id]) { "outbox row \(entry.id) will be sent again (\(entry.target.rawValue) re-enabled)" }
                } else {
                    let count = try await store.retryDeadOutbox(as: global.principal, now: Date())
                    global.emit(["retried": count]) { "\(count) dead rows will be sent again; every disabled target is enabled again" }
                }
            }
        }
    }
}

struct OutboxListJSON: Encodable {
    struct Row: Encodable {
        var id: Int64
        var status: String
        var target: String
        var cause: String
        var ticket_id: String?
        var attempts: Int
        var created_at: String
        var next_attempt_at: String
        var delivered_at: String?
        var last_status: Int?
        var last_error: String?
        var possibly_doubled: Bool
    }
    struct Target: Encodable {
        var target: String
        var paused_until: String?
        var disabled_reason: String?
    }
    var rows: [Row]
    var targets: [Target]

    init(rows: [OutboxEntry], targets: [TargetState]) {
        self.rows = rows.map {
            Row(
                id: $0.id, status: $0.status.rawValue, target: $0.target.rawValue, cause: $0.cause, ticket_id: $0.ticketID?.rawValue,
                attempts: $0.attempts, created_at: Timestamp.string($0.createdAt), next_attempt_at: Timestamp.string($0.nextAttemptAt),
                delivered_at: $0.deliveredAt.map(Timestamp.string), last_status: $0.lastStatus, last_error: $0.lastError,
                possibly_doubled: $0.possiblyDoubled)
        }
        self.targets = targets.map {
            Target(target: $0.target, paused_until: $0.pausedUntil.map(Timestamp.string), disabled_reason: $0.disabledReason)
        }
    }
}
