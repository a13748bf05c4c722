import Foundation
import TOMLKit

extension SLAPolicy {
    /// Parses a policy file. Every key is optional (the default stands); an unknown key, a bad value or a
    /// malformed file is a `TicketError.invalidField` naming the key.
    ///
    /// ```toml
    /// [category_hours]      # general, billing, technical, bug_report, account, suggestion
    /// billing = 24
    /// [priority_hours]      # critical, high, medium, low
    /// critical = 12
    /// [warning_lead_hours]  # per priority, or `default` for all
    /// default = 6
    /// [kpi]
    /// first_response_hours = 4
    /// satisfaction_target = 4.5
    /// reminder_after_hours = 24
    /// category_share_alert = 0.35
    /// [escalation]
    /// repeat_hours = 4
    /// ```
    public init(toml text: String) throws(TicketError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalidField(
                field: "policy", message: "policy file: \(error.description) at line \(error.source.begin.line)")
        } catch {
            throw .invalidField(field: "policy", message: "policy file: \(error)")
        }
        var policy = SLAPolicy.default
        for key in table.keys {
            guard let section = table[key]?.table else {
                throw Self.bad(
                    key, "must be a table ([\(key)]); sections: category_hours, priority_hours, warning_lead_hours, kpi, escalation")
            }
            switch key {
            case "category_hours":
                for (name, value) in section {
                    guard let category = Category(rawValue: name) else {
                        throw Self.bad("category_hours.\(name)", "is not a category; allowed: \(Category.allowedList)")
                    }
                    policy.categoryHours[category] = try Self.hours(value, key: "category_hours.\(name)")
                }
            case "priority_hours":
                for (name, value) in section {
                    guard let priority = Priority(rawValue: name) else {
                        throw Self.bad("priority_hours.\(name)", "is not a priority; allowed: \(Priority.allowedList)")
                    }
                    policy.priorityHours[priority] = try Self.hours(value, key: "priority_hours.\(name)")
                }
            case "warning_lead_hours":
                if let value = section["default"] {
                    let hours = try Self.hours(value, key: "warning_lead_hours.default", allowZero: true)
                    for priority in Priority.allCases { policy.warningLeadHours[priority] = hours }
                }
                for (name, value) in section where name != "default" {
                    guard let priority = Priority(rawValue: name) else {
                        throw Self.bad("warning_lead_hours.\(name)", "is not a priority; allowed: default, \(Priority.allowedList)")
                    }
                    policy.warningLeadHours[priority] = try Self.hours(value, key: "warning_lead_hours.\(name)", allowZero: true)
                }
            case "kpi":
                for (name, value) in section {
                    let path = "kpi.\(name)"
                    switch name {
                    case "first_response_hours": policy.firstResponseTargetHours = try Self.hours(value, key: path)
                    case "reminder_after_hours": policy.reminderAfterHours = try Self.hours(value, key: path)
                    case "satisfaction_target":
                        let target = try Self.number(value, key: path)
                        guard (1...5).contains(target) else { throw Self.bad(path, "must be between 1 and 5") }
                        policy.satisfactionTarget = target
                    case "category_share_alert":
                        let share = try Self.number(value, key: path)
                        guard share > 0 && share <= 1 else { throw Self.bad(path, "must be a fraction above 0 and at most 1") }
                        policy.categoryShareAlert = share
                    default:
                        throw Self.bad(
                            path,
                            "is not a KPI setting; allowed: first_response_hours, satisfaction_target, reminder_after_hours, category_share_alert"
                        )
                    }
                }
            case "escalation":
                for (name, value) in section {
                    guard name == "repeat_hours" else {
                        throw Self.bad("escalation.\(name)", "is not an escalation setting; allowed: repeat_hours")
                    }
                    policy.escalationRepeatHours = try Self.hours(value, key: "escalation.repeat_hours")
                }
            default:
                throw Self.bad(key, "is not a policy section; allowed: category_hours, priority_hours, warning_lead_hours, kpi, escalation")
            }
        }
        self = policy
    }

    /// The policy as a TOML document (what `triage policy show` prints), which `init(toml:)` reads back.
    public var tomlText: String {
        func num(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        var lines = ["[category_hours]"]
        lines += Category.allCases.map { "\($0.rawValue) = \(num(categoryHours[$0] ?? 0))" }
        lines += ["", "[priority_hours]"]
        lines += Priority.allCases.map { "\($0.rawValue) = \(num(priorityHours[$0] ?? 0))" }
        lines += ["", "[warning_lead_hours]"]
        lines += Priority.allCases.map { "\($0.rawValue) = \(num(warningLeadHours[$0] ?? 0))" }
        lines += [
            "", "[kpi]", "first_response_hours = \(num(firstResponseTargetHours))",
            "satisfaction_target = \(num(satisfactionTarget))", "reminder_after_hours = \(num(reminderAfterHours))",
            "category_share_alert = \(num(categoryShareAlert))", "", "[escalation]",
            "repeat_hours = \(num(escalationRepeatHours))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func bad(_ key: String, _ problem: String) -> TicketError {
        .invalidField(field: key, message: "policy key '\(key)' \(problem)")
    }

    private static func number(_ value: any TOMLValueConvertible, key: String) throws(TicketError) -> Double {
        if let int = value.int { return Double(int) }
        if let double = value.double { return double }
        throw bad(key, "must be a number")
    }

    private static func hours(_ value: any TOMLValueConvertible, key: String, allowZero: Bool = false) throws(TicketError) -> Double {
        let hours = try number(value, key: key)
        guard hours.isFinite, allowZero ? hours >= 0 : hours > 0, hours <= 24 * 365 else {
            throw bad(key, allowZero ? "must be 0 or more hours (at most a year)" : "must be more than 0 hours (at most a year)")
        }
        return hours
    }
}
