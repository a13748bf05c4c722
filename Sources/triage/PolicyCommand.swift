import ArgumentParser
import Foundation
import TriageCore

/// `triage policy show`: the SLA policy in force, as TOML that can be edited and loaded back.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "The SLA policy.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the policy in force (TOML).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            do {
                let policy = try global.loadPolicy()
                global.emit(PolicyJSON(policy)) { policy.tomlText.trimmingCharacters(in: .newlines) }
            } catch {
                global.fail(error)
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
