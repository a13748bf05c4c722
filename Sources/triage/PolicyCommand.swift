import ArgumentParser
import Foundation
import TriageCore

/// `triage policy show|set FILE|history`: the SLA policy every process applies, kept in the store.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "The SLA policy (kept in the store, so every process applies the same one).",
        subcommands: [Show.self, Set.self, History.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a TOML file the policy in force (admins): recorded with who and when; open tickets' due times are recomputed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy file (TOML, as `triage policy show` prints it).") var file: String

        func run() async throws {
            try await global.runTickets { store in
                let policy = try GlobalOptions.readPolicy(file)
                let before = try await store.policyHistory(as: global.principal).first?.version
                let recomputed = try await store.setPolicy(policy, as: global.principal, now: Date())
                let changed = try await store.policyHistory(as: global.principal).first?.version != before
                global.emit(["changed": changed ? 1 : 0, "recomputed_tickets": recomputed]) {
                    changed ? "policy set; \(recomputed) open tickets recomputed" : "the policy in force is already this one; nothing changed"
                }
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who set the policy, and when (newest first).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.runTickets { store in
                let rows = try await store.policyHistory(as: global.principal)
                global.emit(rows.map { ["version": String($0.version), "set_at": Timestamp.string($0.setAt), "set_by": $0.setBy] }) {
                    rows.isEmpty
                        ? "the default policy is in force (never set)"
                        : rows.map { "v\($0.version)  \(Timestamp.string($0.setAt))  \($0.setBy)" }.joined(separator: "\n")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the policy in force (TOML; the defaults until one is set).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.runTickets { store in
                let policy = try await store.policy(as: global.principal)
                global.emit(PolicyJSON(policy)) { policy.tomlText.trimmingCharacters(in: .newlines) }
            }
        }
    }
}

/// The policy with the same section and key names as the TOML file.
struct PolicyJSON: Encodable {
    var categoryHours: [String: Double]
    var priorityHours: [String: Double]
    var warningLeadHours: [String: Double]
    var kpi: [String: Double]
    var escalation: [String: Double]

    enum CodingKeys: String, CodingKey {
        case kpi, escalation
        case categoryHours = "category_hours"
        case priorityHours = "priority_hours"
        case warningLeadHours = "warning_lead_hours"
    }

    init(_ policy: SLAPolicy) {
        categoryHours = Dictionary(uniqueKeysWithValues: policy.categoryHours.map { ($0.key.rawValue, $0.value) })
        priorityHours = Dictionary(uniqueKeysWithValues: policy.priorityHours.map { ($0.key.rawValue, $0.value) })
        warningLeadHours = Dictionary(uniqueKeysWithValues: policy.warningLeadHours.map { ($0.key.rawValue, $0.value) })
        kpi = [
            "first_response_hours": policy.firstResponseTargetHours, "satisfaction_target": policy.satisfactionTarget,
            "reminder_after_hours": policy.reminderAfterHours, "category_share_alert": policy.categoryShareAlert,
        ]
        escalation = ["repeat_hours": policy.escalationRepeatHours]
    }
}
