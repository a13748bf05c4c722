import Foundation

/// Which rule set a ticket's SLA budget: the category's SLA, the priority's response time, or both (equal).
public enum SLARule: String, Sendable, Codable, Equatable, CaseIterable {
    case category, priority, both
}

/// A ticket's SLA budget S = min(category SLA, priority response time), and which rule won.
public struct SLABudget: Sendable, Equatable {
    public var hours: Double
    public var rule: SLARule
    public init(hours: Double, rule: SLARule) {
        self.hours = hours
        self.rule = rule
    }
    public var seconds: TimeInterval { hours * 3600 }
}

/// The SLA policy in force: hours per category and priority, warning lead times, KPI targets (SPEC §3, §5).
///
/// The defaults are the SPEC's tables; a TOML file can override any of them (`SLAPolicy(toml:)`).
public struct SLAPolicy: Sendable, Equatable {
    public var categoryHours: [Category: Double]
    public var priorityHours: [Priority: Double]
    /// How long before due a ticket turns `warning`, per priority.
    public var warningLeadHours: [Priority: Double]
    /// KPI: mean first response must stay under this many hours.
    public var firstResponseTargetHours: Double
    /// KPI: mean satisfaction must stay above this (out of 5).
    public var satisfactionTarget: Double
    /// Reminder list: open tickets waiting for an agent longer than this.
    public var reminderAfterHours: Double
    /// Escalations repeat every this many hours until acknowledged.
    public var escalationRepeatHours: Double
    /// Recommendation: a category above this share of the week's tickets gets a recommendation.
    public var categoryShareAlert: Double

    public static let `default` = SLAPolicy(
        categoryHours: [.general: 72, .billing: 24, .technical: 48, .bugReport: 48, .account: 24, .suggestion: 72],
        priorityHours: [.critical: 12, .high: 24, .medium: 48, .low: 72],
        warningLeadHours: [.critical: 6, .high: 6, .medium: 6, .low: 6],
        firstResponseTargetHours: 4,
        satisfactionTarget: 4.5,
        reminderAfterHours: 24,
        escalationRepeatHours: 4,
        categoryShareAlert: 0.35
    )

    public init(
        categoryHours: [Category: Double], priorityHours: [Priority: Double], warningLeadHours: [Priority: Double],
        firstResponseTargetHours: Double, satisfactionTarget: Double, reminderAfterHours: Double,
        escalationRepeatHours: Double, categoryShareAlert: Double
    ) {
        self.categoryHours = categoryHours
        self.priorityHours = priorityHours
        self.warningLeadHours = warningLeadHours
        self.firstResponseTargetHours = firstResponseTargetHours
        self.satisfactionTarget = satisfactionTarget
        self.reminderAfterHours = reminderAfterHours
        self.escalationRepeatHours = escalationRepeatHours
        self.categoryShareAlert = categoryShareAlert
    }

    /// S = min(category SLA, priority response time); the stricter rule wins.
    public func budget(category: Category, priority: Priority) -> SLABudget {
        let byCategory = categoryHours[category] ?? Self.default.categoryHours[category]!
        let byPriority = priorityHours[priority] ?? Self.default.priorityHours[priority]!
        if byCategory == byPriority { return SLABudget(hours: byCategory, rule: .both) }
        return byCategory < byPriority
            ? SLABudget(hours: byCategory, rule: .category) : SLABudget(hours: byPriority, rule: .priority)
    }

    public func warningLead(for priority: Priority) -> TimeInterval {
        (warningLeadHours[priority] ?? 6) * 3600
    }

    /// The warning leads indexed by priority rank (read once for a walk or a query over many tickets).
    public var warningLeadsByRank: [TimeInterval] {
        var leads = [TimeInterval](repeating: 0, count: Priority.allCases.count)
        for priority in Priority.allCases { leads[priority.rank] = warningLead(for: priority) }
        return leads
    }
}
