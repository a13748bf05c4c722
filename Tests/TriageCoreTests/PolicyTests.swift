import Foundation
import Testing

@testable import TriageCore

@Suite struct PolicyTests {
    @Test func emptyFileIsTheDefault() throws {
        #expect(try SLAPolicy(toml: "") == .default)
    }

    @Test func overridesApply() throws {
        let policy = try SLAPolicy(
            toml: """
                [category_hours]
                billing = 12
                [priority_hours]
                low = 96
                [warning_lead_hours]
                default = 4
                critical = 2
                [kpi]
                first_response_hours = 2.5
                satisfaction_target = 4.2
                """)
        #expect(policy.categoryHours[.billing] == 12)
        #expect(policy.priorityHours[.low] == 96)
        #expect(policy.warningLeadHours[.high] == 4)
        #expect(policy.warningLeadHours[.critical] == 2)
        #expect(policy.firstResponseTargetHours == 2.5)
        #expect(policy.satisfactionTarget == 4.2)
        #expect(policy.budget(category: .billing, priority: .high) == SLABudget(hours: 12, rule: .category))
    }

    @Test func printedPolicyReadsBack() throws {
        #expect(try SLAPolicy(toml: SLAPolicy.default.tomlText) == .default)
    }

    @Test(
        "a bad file names the key",
        arguments: [
            ("[category_hours]\nbillnig = 3", "category_hours.billnig", "allowed: general, billing"),
            ("[priority_hours]\nhigh = -1", "priority_hours.high", "more than 0"),
            ("[priority_hours]\nhigh = \"soon\"", "priority_hours.high", "must be a number"),
            ("[kpi]\nsatisfaction_target = 9", "kpi.satisfaction_target", "between 1 and 5"),
            ("[sla]\nx = 1", "sla", "not a policy section"),
            ("[kpi]\nspeed = 1", "kpi.speed", "not a KPI setting"),
            ("[category_hours\n", "policy", "line 1"),
        ])
    func badFile(text: String, key: String, fragment: String) {
        #expect {
            try SLAPolicy(toml: text)
        } throws: { error in
            guard case TicketError.invalidField(let field, let message) = error else { return false }
            return field == key && message.contains(fragment)
        }
    }
}
