import Foundation
import TriageCore

/// The admins' dashboard: the weekly figures and KPIs of SPEC §5, bars, a 12-week sparkline, the 24h reminder list
/// (this week only) and the recommendations. ←/→ browse the weeks; a past week shows its own history, its KPIs as
/// of its end.
enum StatsView {
    static func draw(_ state: ConsoleState, in area: Rect, into buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, now: Date) {
        let week = state.statsWeek
        let title = StyledLine([
            Span(" Week \(week) ", .title), Span("\(Clock.day(week.start)) – \(Clock.day(week.end.addingTimeInterval(-1)))", .muted),
            Span(week == ISOWeek(containing: now) ? "  (this week, so far)" : "", .muted),
            Span("   ← h  l →  t this week", .hint),
        ])
        TextLayout.draw(title, in: &buffer, x: area.x, y: area.y, width: area.width, theme: theme)
        guard let model = state.stats, model.stats.week == week else {
            buffer.put("  Loading…", x: area.x, y: area.y + 2, style: theme[.muted])
            return
        }
        let s = model.stats
        let h = DurationText.hours
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
                Span(s.isCurrentWeek ? "Backlog now " : "Backlog at week end ", .muted), Span("\(s.backlogAtEnd)", .title), Span("   Breaches ", .muted),
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
        left.append(StyledLine("Opened / resolved, 12 weeks", .title))
        left.append(
            StyledLine([
                Span(" opened   ", .muted), Span(Chart.sparkline(model.trend.map(\.opened), glyphs: glyphs), .spark),
                Span("  max \(model.trend.map(\.opened).max() ?? 0)", .muted),
            ]))
        left.append(
            StyledLine([
                Span(" resolved ", .muted), Span(Chart.sparkline(model.trend.map(\.resolved), glyphs: glyphs), .bar),
                Span("  max \(model.trend.map(\.resolved).max() ?? 0)", .muted),
            ]))

        var right: [StyledLine] = [StyledLine(""), StyledLine("Categories", .title)]
        let barWidth = 18
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
                    Span(" \(star)\(glyphs.star) ", .warning),
                    Span(
                        TerminalText.pad(Chart.bar(Double(count), maximum: maxRating, width: barWidth, glyphs: glyphs), to: barWidth), .bar),
                    Span(String(format: " %4d", count), .muted),
                ]))
        }

        var bottom: [StyledLine] = [StyledLine("")]
        // The reminder list is about now: only the week in progress has one.
        if s.isCurrentWeek {
            bottom.append(
                StyledLine(
                    model.reminders.isEmpty
                        ? "No ticket has waited for an agent 24h+"
                        : "\(model.reminders.count) ticket\(model.reminders.count == 1 ? "" : "s") waiting 24h+ for an agent", .title))
            for reminder in model.reminders.prefix(5) { bottom.append(StyledLine("  \(reminder.line) · \(reminder.subject)", .warning)) }
        }
        if !s.recommendations.isEmpty {
            bottom.append(StyledLine(""))
            bottom.append(StyledLine("Recommendations", .title))
            for line in s.recommendations { bottom.append(StyledLine("  • \(line)")) }
        }

        let body = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 1, height: area.height - 1)
        if body.width >= 100 {
            let (l, r) = body.left(body.width / 2)
            draw(left, in: l, into: &buffer, theme: theme)
            draw(right, in: r, into: &buffer, theme: theme)
            let used = max(left.count, right.count)
            draw(bottom, in: Rect(x: body.x, y: body.y + used, width: body.width, height: body.height - used), into: &buffer, theme: theme)
        } else {
            draw(left + right + bottom, in: body, into: &buffer, theme: theme)
        }
    }

    /// `Tue 14:00`, in UTC like the ISO weeks.
    static func weekdayTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return days[((c.weekday ?? 1) - 1) % 7] + String(format: " %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    static func draw(_ lines: [StyledLine], in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        for (i, line) in lines.prefix(area.height).enumerated() {
            TextLayout.draw(line, in: &buffer, x: area.x, y: area.y + i, width: area.width, theme: theme)
        }
    }
}
