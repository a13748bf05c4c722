import Foundation

/// Pass / fail of one KPI (SPEC §5); `noData` when the week has nothing to judge by.
public enum KPIStatus: String, Sendable, Codable, Equatable {
    case pass, fail
    case noData = "no_data"
}

public struct KPI: Sendable, Equatable, Codable {
    public var name: String
    public var target: String
    public var actual: String
    public var status: KPIStatus

    /// The KPIs' names (English, as the API and the console give them) and their French, for the staff posts.
    public static let firstResponse = "First response"
    public static let meanResolution = "Mean resolution"
    public static let satisfaction = "Satisfaction"
    public static let unassignedOpen = "Unassigned open"
    public static let criticalOpen = "Critical open"
    static let french = [
        firstResponse: "Première réponse", meanResolution: "Résolution moyenne", satisfaction: "Satisfaction",
        unassignedOpen: "Ouverts sans agent", criticalOpen: "Critiques ouverts",
    ]

    /// The KPI's name in `language` (a name it does not know stays as it is).
    public func name(_ language: Language) -> String { language == .fr ? Self.french[name] ?? name : name }
}

/// The weekly figures, KPIs and recommendations of SPEC §5, computed purely from a `WeekSample`.
public struct WeeklyStats: Sendable, Equatable {
    public var week: ISOWeek
    /// When the standing figures (backlog, open-ticket KPIs) are taken: the week's end, or now for the week in progress.
    public var asOf: Date
    /// The week in progress: its figures are "so far", and only it has a reminder list.
    public var isCurrentWeek: Bool
    public var opened: Int
    /// Distinct tickets with a close during the week.
    public var resolved: Int
    /// % change of resolved vs `comparedSpan` of the week before; `nil` when that span resolved nothing.
    public var resolvedChange: Double?
    /// What `resolvedChange` compares with: the whole week before, or for the week in progress the same elapsed
    /// span of it (Monday 00:00 to the same weekday and time).
    public var comparedSpan: Range<Date>
    public var meanResolutionHours: Double?
    public var medianResolutionHours: Double?
    /// The mean SLA budget (at their close) of the tickets resolved: the target the mean resolution is held to.
    public var resolutionTargetHours: Double?
    public var meanFirstResponseHours: Double?
    public var medianFirstResponseHours: Double?
    /// Share of the SLA cycles closed during the week that were closed by their due time.
    public var slaMetPercent: Double?
    public var satisfactionMean: Double?
    /// Count of ratings 1…5 (index 0 is one star).
    public var satisfactionDistribution: [Int]
    /// Categories by share of the week's opened tickets, largest first.
    public var categoryShares: [(category: Category, count: Int, share: Double)]
    public var breaches: Int
    public var backlogAtEnd: Int
    public var kpis: [KPI]
    /// What the figures call for, as facts (each front end words them in its reader's language).
    public var advice: [Recommendation]
    /// The recommendations in English (the console, the CLI, the API).
    public var recommendations: [String] { advice.map { $0.text(.en) } }

    public static func == (a: WeeklyStats, b: WeeklyStats) -> Bool {
        a.week == b.week && a.asOf == b.asOf && a.opened == b.opened && a.resolved == b.resolved && a.kpis == b.kpis
            && a.advice == b.advice && a.categoryShares.map(\.category) == b.categoryShares.map(\.category)
    }

    public init(sample: WeekSample, policy: SLAPolicy) {
        week = sample.week
        asOf = sample.asOf
        isCurrentWeek = sample.isCurrentWeek
        comparedSpan = sample.week.comparisonSpan(asOf: sample.asOf)
        opened = sample.openedByCategory.values.reduce(0, +)
        resolved = sample.resolved.count
        resolvedChange =
            sample.previousResolved > 0
            ? (Double(resolved) - Double(sample.previousResolved)) / Double(sample.previousResolved) * 100 : nil
        func hours(_ seconds: Double) -> Double { seconds / 3600 }
        meanResolutionHours = resolved > 0 ? hours(sample.resolved.totalSeconds) / Double(resolved) : nil
        medianResolutionHours = sample.resolved.medianSeconds.map(hours)
        resolutionTargetHours = resolved > 0 ? sample.resolvedSLAHours / Double(resolved) : nil
        let responses = sample.firstResponses
        meanFirstResponseHours = responses.count > 0 ? hours(responses.totalSeconds) / Double(responses.count) : nil
        medianFirstResponseHours = responses.medianSeconds.map(hours)
        slaMetPercent = sample.cyclesClosed > 0 ? Double(sample.cyclesMet) / Double(sample.cyclesClosed) * 100 : nil
        satisfactionDistribution = sample.ratingCounts
        let ratingCount = sample.ratingCounts.reduce(0, +)
        satisfactionMean =
            ratingCount > 0
            ? Double(sample.ratingCounts.enumerated().map { ($0.offset + 1) * $0.element }.reduce(0, +)) / Double(ratingCount) : nil
        let total = opened
        categoryShares = Category.allCases
            .map { c in
                (
                    category: c, count: sample.openedByCategory[c] ?? 0,
                    share: total > 0 ? Double(sample.openedByCategory[c] ?? 0) / Double(total) : 0
                )
            }
            .filter { $0.count > 0 }
            .sorted { ($0.count, $1.category.rawValue) > ($1.count, $0.category.rawValue) }
        breaches = sample.breaches
        backlogAtEnd = sample.backlogAtEnd
        kpis = []
        advice = []
        kpis = makeKPIs(sample: sample, policy: policy)
        advice = makeAdvice(sample: sample, policy: policy)
    }

    private func makeKPIs(sample: WeekSample, policy: SLAPolicy) -> [KPI] {
        let hours: (Double?) -> String = DurationText.hours
        func judge(_ value: Double?, _ passes: (Double) -> Bool) -> KPIStatus {
            guard let value else { return .noData }
            return passes(value) ? .pass : .fail
        }
        let target = policy.firstResponseTargetHours
        return [
            KPI(
                name: KPI.firstResponse, target: "< \(hours(target))", actual: hours(meanFirstResponseHours),
                status: judge(meanFirstResponseHours) { $0 < target }),
            KPI(
                name: KPI.meanResolution, target: "< SLA \(hours(resolutionTargetHours))", actual: hours(meanResolutionHours),
                status: judge(meanResolutionHours) { $0 < (resolutionTargetHours ?? 0) }),
            KPI(
                name: KPI.satisfaction, target: String(format: "> %.1f/5", policy.satisfactionTarget),
                actual: satisfactionMean.map { String(format: "%.2f/5", $0) } ?? "–",
                status: judge(satisfactionMean) { $0 > policy.satisfactionTarget }),
            KPI(
                name: KPI.unassignedOpen, target: "= 0", actual: String(sample.unassignedOpen),
                status: sample.unassignedOpen == 0 ? .pass : .fail),
            KPI(
                name: KPI.criticalOpen, target: "= 0", actual: String(sample.criticalOpen),
                status: sample.criticalOpen == 0 ? .pass : .fail),
        ]
    }

    private func makeAdvice(sample: WeekSample, policy: SLAPolicy) -> [Recommendation] {
        var advice: [Recommendation] = []
        for share in categoryShares where share.share > policy.categoryShareAlert {
            advice.append(.categoryShare(share.category, percent: Int((share.share * 100).rounded())))
        }
        if kpis[0].status == .fail { advice.append(.slowFirstResponse(actual: kpis[0].actual, target: kpis[0].target)) }
        if breaches > 0 { advice.append(.breaches(breaches)) }
        if kpis[2].status == .fail { advice.append(.lowSatisfaction(actual: kpis[2].actual)) }
        // The open-ticket counts are as of now for the week in progress, as of the week's end for a past week.
        if sample.unassignedOpen > 0 { advice.append(.unassigned(sample.unassignedOpen, currentWeek: isCurrentWeek)) }
        if sample.criticalOpen > 0 { advice.append(.critical(sample.criticalOpen, currentWeek: isCurrentWeek)) }
        if opened > resolved && opened - resolved >= max(5, opened / 5) { advice.append(.backlogGrew(opened - resolved)) }
        return advice
    }

    /// The median, by selection rather than a full sort (a week at 1M tickets has tens of thousands of values).
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var work = values
        let mid = work.count / 2
        let upper = select(&work, mid)
        guard work.count % 2 == 0 else { return upper }
        // After selecting `mid`, everything before it is ≤ it: the lower middle is the largest of those.
        return (work[..<mid].max()! + upper) / 2
    }

    /// Rearranges `values` so that `values[k]` is the k-th smallest, with no larger value before it (quickselect,
    /// Hoare partitioning around a median-of-three pivot); returns it.
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let pivot = Swift.max(Swift.min(values[low], values[middle]), Swift.min(Swift.max(values[low], values[middle]), values[high]))
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return values[k]
            }
        }
        return values[k]
    }
}
