import Foundation
import TriageCore

/// The admins' dashboard: the weekly figures and KPIs of SPEC §5, bars, a 12-week sparkline, the 24h reminder list
/// (this week only) and the recommendations. ←/→ browse the weeks; a past week shows its own history, its KPIs as
/// of its end.
enum StatsView {
    /// Where the page scrolls: below the title line, indented one column.
    static func pageArea(_ body: Rect) -> Rect {
        Rect(x: body.x + 1, y: body.y + 1, width: body.width - 1, height: body.height - 1)
    }

    /// From this many columns the figures and the charts sit side by side.
    static let twoColumnWidth = 100

    static func draw(_ state: ConsoleState, in area: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, now: Date) {
        let week = state.statsWeek
        let title = StyledLine([
            Span(" Week \(week) ", .title),
            Span("\(Clock.day(week.start)) – \(Clock.day(week.end.addingTimeInterval(-1)))", .muted),
            Span(week == ISOWeek(containing: now) ? "  (this week, so far)" : "", .muted),
            Span("   ← h  l →  t this week", .hint),
        ])
        TextLayout.draw(title, in: &buffer, x: area.x, y: area.y, width: area.width, theme: theme)
        guard let model = state.stats, model.stats.week == week else {
            buffer.put("  Loading…", x: area.x, y: area.y + 2, style: theme[.muted])
            return
        }
        let page = pageArea(area)
        let lines = self.lines(model, state: state, width: Layout.pageTextWidth(page), glyphs: glyphs, now: now)
        Page.draw(lines, scroll: state.statsScroll, in: page, into: &buffer, theme: theme, glyphs: glyphs)
    }

    /// The page's lines at `width` columns, or none before the week is loaded: the figures and KPIs, then (beside
    /// them when there is room) the category and rating bars, then the reminders and recommendations, all of them.
    static func lines(_ state: ConsoleState, width: Int, glyphs: Glyphs, now: Date) -> [StyledLine] {
        guard let model = state.stats, model.stats.week == state.statsWeek else { return [] }
        return lines(model, state: state, width: width, glyphs: glyphs, now: now)
    }

    static func lines(_ model: StatsModel, state: ConsoleState, width: Int, glyphs: Glyphs, now: Date) -> [StyledLine] {
        let twoColumns = width >= twoColumnWidth
        let columnWidth = twoColumns ? width / 2 : width
        let left = figures(model, week: state.statsWeek, width: columnWidth, glyphs: glyphs)
        let right = charts(model.stats, width: columnWidth, glyphs: glyphs)
        let bottom = notes(model, width: width, glyphs: glyphs)
        guard twoColumns else { return left + right + bottom }
        return StyledLine.sideBySide(left, right, leftWidth: columnWidth) + bottom
    }

    /// The week's figures, its KPIs and the 12-week trend.
    static func figures(_ model: StatsModel, week: ISOWeek, width: Int, glyphs: Glyphs) -> [StyledLine] {
        let s = model.stats
        let h: (Double?) -> String = DurationText.hours
        let change = s.resolvedChange.map { String(format: " (%+.0f%%)", $0) } ?? ""
        // The week in progress is compared with the same span of the week before, and says which.
        let compared =
            s.isCurrentWeek && s.resolvedChange != nil
            ? " vs \(week.previous) to \(weekdayTime(s.comparedSpan.upperBound))" : ""
        var left: [StyledLine] = [
            StyledLine(""),
            StyledLine([
                Span("Opened ", .muted), Span("\(s.opened)", .title), Span("   Resolved ", .muted), Span("\(s.resolved)\(change)", .title),
                Span(compared, .muted),
            ]),
            StyledLine([
                Span(s.isCurrentWeek ? "Backlog now " : "Backlog at week end ", .muted), Span("\(s.backlogAtEnd)", .title),
                Span("   Breaches ", .muted),
                Span("\(s.breaches)", s.breaches > 0 ? .breached : .title),
            ]),
            StyledLine([
                Span("Resolution  ", .muted), Span("mean \(h(s.meanResolutionHours)) · median \(h(s.medianResolutionHours))"),
                Span(" · target \(h(s.resolutionTargetHours))", .muted),
            ]),
            StyledLine([
                Span("1st response ", .muted), Span("mean \(h(s.meanFirstResponseHours)) · median \(h(s.medianFirstResponseHours))"),
            ]),
            StyledLine([
                Span("SLA met ", .muted), Span(s.slaMetPercent.map { String(format: "%.0f%%", $0) } ?? "–", .title),
                Span("   Satisfaction ", .muted), Span(s.satisfactionMean.map { String(format: "%.2f/5", $0) } ?? "–", .title),
            ]),
            StyledLine(""),
            StyledLine([Span("KPIs", .title), Span(s.isCurrentWeek ? "  now" : "  at the week's end", .muted)]),
        ]
        for kpi in s.kpis {
            let (mark, role): (String, StyleRole) =
                switch kpi.status {
                case .pass: (glyphs.pass, .kpiPass)
                case .fail: (glyphs.fail, .kpiFail)
                case .noData: (glyphs.noData, .muted)
                }
            left.append(
                StyledLine([
                    Span(" \(TerminalText.pad(mark, to: 2)) ", role), Span(TerminalText.pad(kpi.name, to: 16)),
                    Span(TerminalText.pad(kpi.actual, to: 8), role),
                    Span(" \(kpi.status == .noData ? "no data" : kpi.status.rawValue) · target \(kpi.target)", .muted),
                ]))
        }
        left.append(StyledLine(""))
        left += trend(model.trend, width: width, glyphs: glyphs)
        return left
    }

    /// Opened and resolved per week as sparklines, each week as wide as the column allows, with the weeks' numbers
    /// under them when there is room.
    static func trend(_ trend: [TrendWeek], width: Int, glyphs: Glyphs) -> [StyledLine] {
        var out = [StyledLine("Opened / resolved, \(trend.count) weeks", .title)]
        guard !trend.isEmpty else { return out }
        let label = 10
        let slot = max(1, min(4, (width - label - 12) / trend.count))
        func spark(_ values: [Int]) -> String {
            let marks = Array(Chart.sparkline(values, glyphs: glyphs))
            return marks.map { String(repeating: $0, count: slot > 2 ? slot - 1 : slot) + (slot > 2 ? " " : "") }.joined()
        }
        let opened = trend.map(\.opened)
        let resolved = trend.map(\.resolved)
        out.append(StyledLine([Span(" opened   ", .muted), Span(spark(opened), .spark), Span("  max \(opened.max() ?? 0)", .muted)]))
        out.append(StyledLine([Span(" resolved ", .muted), Span(spark(resolved), .bar), Span("  max \(resolved.max() ?? 0)", .muted)]))
        if slot >= 3 {
            let weeks = trend.map { TerminalText.pad(String(format: "%02d", $0.week.week), to: slot) }.joined()
            out.append(StyledLine([Span(" week     ", .muted), Span(weeks, .muted)]))
        }
        return out
    }

    /// Bars of the week's categories and ratings, as long as the column allows.
    static func charts(_ s: WeeklyStats, width: Int, glyphs: Glyphs) -> [StyledLine] {
        var right: [StyledLine] = [StyledLine(""), StyledLine("Categories", .title)]
        let barWidth = max(8, min(60, width - 25))
        let top = Double(s.categoryShares.first?.count ?? 0)
        for share in s.categoryShares {
            right.append(
                StyledLine([
                    Span(" " + TerminalText.pad(share.category.rawValue, to: 11), .normal),
                    Span(
                        TerminalText.pad(Chart.bar(Double(share.count), maximum: top, width: barWidth, glyphs: glyphs), to: barWidth), .bar),
                    Span(String(format: " %4d %3.0f%%", share.count, share.share * 100), .muted),
                ]))
        }
        if s.categoryShares.isEmpty { right.append(StyledLine(" no tickets opened", .muted)) }
        right.append(StyledLine(""))
        right.append(StyledLine("Ratings", .title))
        let maxRating = Double(s.satisfactionDistribution.max() ?? 0)
        for star in stride(from: 5, through: 1, by: -1) {
            let count = s.satisfactionDistribution[star - 1]
            right.append(
                StyledLine([
                    Span("        \(star)\(glyphs.star) ", .warning),
                    Span(
                        TerminalText.pad(Chart.bar(Double(count), maximum: maxRating, width: barWidth, glyphs: glyphs), to: barWidth), .bar),
                    Span(String(format: " %4d", count), .muted),
                ]))
        }
        return right
    }

    /// The reminders (every one: the page scrolls) and the recommendations.
    static func notes(_ model: StatsModel, width: Int, glyphs: Glyphs) -> [StyledLine] {
        let s = model.stats
        var bottom: [StyledLine] = [StyledLine("")]
        // The reminder list is about now: only the week in progress has one.
        if s.isCurrentWeek {
            let count = model.reminders.count
            bottom.append(
                StyledLine([
                    Span(
                        count == 0
                            ? "No ticket has waited for an agent 24h+"
                            : "\(count) ticket\(count == 1 ? "" : "s") waiting 24h+ for an agent", .title),
                    Span(count == 0 ? "" : "  :view TKT… opens one", .hint),
                ]))
            for reminder in model.reminders {
                bottom.append(StyledLine([Span("  \(reminder.line)", .warning), Span(" · \(reminder.subject)")]))
            }
        }
        if !s.recommendations.isEmpty {
            bottom.append(StyledLine(""))
            bottom.append(StyledLine("Recommendations", .title))
            for recommendation in s.recommendations {
                // Wrapped under their bullet rather than cut.
                for (i, line) in TextLayout.wrap(recommendation, width: max(10, width - 4)).enumerated() {
                    bottom.append(StyledLine((i == 0 ? "  \(glyphs.ui("•")) " : "    ") + line))
                }
            }
        }
        return bottom
    }

    /// `Tue 14:00`, in UTC like the ISO weeks.
    static func weekdayTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return days[((c.weekday ?? 1) - 1) % 7] + String(format: " %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

}
