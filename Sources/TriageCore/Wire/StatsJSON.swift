import Foundation

/// The JSON shape of the weekly stats and KPIs (SPEC §5, §7 `GET /api/tickets/stats`). The reminder list belongs to
/// the week in progress: for any other week `reminders` is an empty list (same shape), whatever the caller passes.
public struct StatsJSON: Codable, Sendable, Equatable {
    public struct CategoryShare: Codable, Sendable, Equatable {
        public var category: Category
        public var count: Int
        public var share: Double
    }

    public var week: String
    public var weekStart: String
    public var opened: Int
    public var resolved: Int
    public var resolvedChangePercent: Double?
    public var meanResolutionHours: Double?
    public var medianResolutionHours: Double?
    public var resolutionTargetHours: Double?
    public var meanFirstResponseHours: Double?
    public var medianFirstResponseHours: Double?
    public var slaMetPercent: Double?
    public var satisfactionMean: Double?
    public var satisfactionDistribution: [String: Int]
    public var categories: [CategoryShare]
    public var breaches: Int
    public var backlogAtEnd: Int
    public var kpis: [KPI]
    public var reminders: [Reminder]
    public var recommendations: [String]

    enum CodingKeys: String, CodingKey {
        case week, opened, resolved, categories, breaches, kpis, reminders, recommendations
        case weekStart = "week_start"
        case resolvedChangePercent = "resolved_change_percent"
        case meanResolutionHours = "mean_resolution_hours"
        case medianResolutionHours = "median_resolution_hours"
        case resolutionTargetHours = "resolution_target_hours"
        case meanFirstResponseHours = "mean_first_response_hours"
        case medianFirstResponseHours = "median_first_response_hours"
        case slaMetPercent = "sla_met_percent"
        case satisfactionMean = "satisfaction_mean"
        case satisfactionDistribution = "satisfaction_distribution"
        case backlogAtEnd = "backlog_at_end"
    }

    /// `language` words the recommendations (the API's and the CLI's JSON are English).
    public init(_ stats: WeeklyStats, reminders: [Reminder], language: Language = .en) {
        func round1(_ value: Double?) -> Double? { value.map(DurationText.tenths) }
        week = stats.week.description
        weekStart = Timestamp.string(stats.week.start)
        opened = stats.opened
        resolved = stats.resolved
        resolvedChangePercent = round1(stats.resolvedChange)
        meanResolutionHours = round1(stats.meanResolutionHours)
        medianResolutionHours = round1(stats.medianResolutionHours)
        resolutionTargetHours = round1(stats.resolutionTargetHours)
        meanFirstResponseHours = round1(stats.meanFirstResponseHours)
        medianFirstResponseHours = round1(stats.medianFirstResponseHours)
        slaMetPercent = round1(stats.slaMetPercent)
        satisfactionMean = stats.satisfactionMean.map { ($0 * 100).rounded() / 100 }
        satisfactionDistribution = Dictionary(uniqueKeysWithValues: (1...5).map { (String($0), stats.satisfactionDistribution[$0 - 1]) })
        categories = stats.categoryShares.map {
            CategoryShare(category: $0.category, count: $0.count, share: (($0.share * 1000).rounded()) / 1000)
        }
        breaches = stats.breaches
        backlogAtEnd = stats.backlogAtEnd
        kpis = stats.kpis
        // Hours waited as every figure here: one decimal (36.3, never 36.27777777777778).
        self.reminders =
            stats.isCurrentWeek
            ? reminders.map { reminder in
                var shown = reminder
                shown.waitingHours = DurationText.tenths(reminder.waitingHours)
                return shown
            } : []
        recommendations = stats.advice.map { $0.text(language) }
    }
}

extension Reminder {
    enum CodingKeys: String, CodingKey {
        case category, subject, requester
        case ticketID = "ticket_id"
        case requesterName = "requester_name"
        case waitingHours = "waiting_hours"
    }
}
