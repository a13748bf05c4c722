import Foundation
import TriageCore
import TriageStore

/// The CLI's human-readable views of tickets, threads and stats. Every user-supplied string is sanitised by
/// `TextTable` or `TerminalText` before it is printed.
enum Render {
    static func slaCell(_ t: Ticket, now: Date, policy: SLAPolicy) -> String {
        let state = t.sla.state(now: now, policy: policy)
        let symbol: String =
            switch state {
            case .breached: "!!"
            case .warning: "! "
            case .ok: "  "
            case .met: "ok"
            case .missed: "x "
            }
        guard let left = t.sla.countdown(now: now) else { return "\(symbol) \(state.rawValue)" }
        return "\(symbol) \(DurationText.countdown(left))\(t.sla.isPaused ? " ⏸" : "")"
    }

    /// What follows the SLA state in a ticket's view: the countdown of a running cycle, or for a closed one how long
    /// before (or after) its due time it was closed — a fixed figure, never a countdown.
    static func slaDetail(_ sla: SLASnapshot, now: Date) -> String {
        guard let left = sla.countdown(now: now) else {
            let margin = sla.closedMargin ?? 0
            return "closed \(DurationText.countdown(abs(margin))) \(margin >= 0 ? "before" : "after") due"
        }
        return DurationText.countdown(left) + (sla.isPaused ? " (paused: waiting for the user)" : "")
    }

    static func queue(_ tickets: [Ticket], now: Date, policy: SLAPolicy) -> String {
        if tickets.isEmpty { return "No tickets." }
        let rows = tickets.map { t in
            [
                slaCell(t, now: now, policy: policy), t.id.rawValue, t.priority.rawValue, t.category.rawValue, t.subject,
                t.requesterLabel, t.assignee ?? "–", t.status.rawValue, DurationText.age(now.timeIntervalSince(t.createdAt)),
            ]
        }
        return TextTable(
            headers: ["SLA", "ID", "PRIO", "CATEGORY", "SUBJECT", "REQUESTER", "ASSIGNEE", "STATUS", "AGE"], rows: rows,
            flexible: [4, 5], rightAligned: [8]
        ).render(maxWidth: terminalWidth)
    }

    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 40 { return columns }
        return 140
    }

    static func detail(_ d: TicketDetail, now: Date, policy: SLAPolicy, baseURL: String) -> String {
        let t = d.ticket
        let clean = { (s: String) in TerminalText.sanitize(s) }
        let state = t.sla.state(now: now, policy: policy)
        var lines = [
            "\(t.id)  \(clean(t.subject))",
            "",
            "  status     \(t.status.rawValue)\(t.escalated ? "  (escalated)" : "")",
            "  priority   \(t.priority.rawValue)",
            "  category   \(t.category.rawValue)",
            "  requester  \(t.requesterLabel) · id \(t.userID)",
            "  assignee   \(t.assignee ?? "–")",
            "  tags       \(t.tags.isEmpty ? "–" : t.tags.joined(separator: ", "))",
            "  created    \(Timestamp.string(t.createdAt))  (\(DurationText.age(now.timeIntervalSince(t.createdAt))) ago)",
            "  SLA        \(state.rawValue.uppercased())  \(slaDetail(t.sla, now: now))",
            "             \(DurationText.hours(t.sla.budget.hours, .en)) set by \(t.sla.ruleDescription()), due \(Timestamp.string(t.sla.dueAt))",
            "  url        \(TicketURL.make(base: baseURL, id: t.id))",
        ]
        if let closer = d.closedBy, let closedAt = t.closedAt {
            lines.append("  closed     \(Timestamp.string(closedAt)) by \(clean(closer))")
        }
        if let resolution = t.resolution { lines.append("  resolution \(clean(resolution))") }
        if let s = t.satisfaction {
            lines.append(
                "  rating     \(String(repeating: "★", count: s.rating))\(String(repeating: "☆", count: 5 - s.rating))\(s.comment.map { "  \"\(clean($0))\"" } ?? "")"
            )
        }
        lines += ["", "── description ──", clean(t.description).isEmpty ? "" : TerminalText.sanitize(t.description, keepNewlines: true)]
        for m in d.messages {
            let who = m.authorKind == .user ? "user \(d.author(of: m))" : m.author
            let header =
                m.isInternal
                ? "── INTERNAL NOTE · \(clean(who)) · \(Timestamp.string(m.createdAt)) ──"
                : "── \(clean(who)) · \(Timestamp.string(m.createdAt)) ──"
            lines += ["", header]
            lines += TerminalText.sanitize(m.body, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false).map {
                m.isInternal ? "  ▌ \($0)" : "  \($0)"
            }
        }
        return lines.joined(separator: "\n")
    }

    static func stats(_ s: WeeklyStats, reminders: [Reminder]) -> String {
        let h: (Double?) -> String = DurationText.hours
        func pct(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0) } ?? "–" }
        let basis = s.isCurrentWeek ? "the same span of last week" : "last week"
        let change = s.resolvedChange.map { String(format: " (%+.0f%% vs ", $0) + basis + ")" } ?? ""
        var lines = [
            "Week \(s.week) (from \(Timestamp.string(s.week.start).prefix(10)))",
            "",
            "  opened              \(s.opened)",
            "  resolved            \(s.resolved)\(change)",
            "  resolution time     mean \(h(s.meanResolutionHours)), median \(h(s.medianResolutionHours)) (target \(h(s.resolutionTargetHours)))",
            "  first response      mean \(h(s.meanFirstResponseHours)), median \(h(s.medianFirstResponseHours))",
            "  SLA met             \(pct(s.slaMetPercent))",
            "  satisfaction        \(s.satisfactionMean.map { String(format: "%.2f/5", $0) } ?? "–")  [\((1...5).map { "\($0)★ \(s.satisfactionDistribution[$0 - 1])" }.joined(separator: "  "))]",
            "  breaches            \(s.breaches)",
            s.isCurrentWeek ? "  backlog now         \(s.backlogAtEnd)" : "  backlog at week end \(s.backlogAtEnd)",
            "",
            "Categories",
        ]
        for share in s.categoryShares {
            lines.append(
                "  \(TerminalText.pad(share.category.rawValue, to: 12)) \(String(format: "%5d", share.count))  \(String(format: "%3.0f%%", share.share * 100))  \(String(repeating: "█", count: Int((share.share * 30).rounded())))"
            )
        }
        lines += ["", s.isCurrentWeek ? "KPIs (now)" : "KPIs (at the week's end)"]
        for kpi in s.kpis {
            let mark = kpi.status == .pass ? "✔ pass" : kpi.status == .fail ? "✘ FAIL" : "· n/a "
            lines.append("  \(mark)  \(TerminalText.pad(kpi.name, to: 16)) \(TerminalText.pad(kpi.actual, to: 8)) target \(kpi.target)")
        }
        // The reminder list is about now: only the week in progress has one.
        if s.isCurrentWeek {
            lines += [
                "",
                reminders.isEmpty
                    ? "No ticket has waited for an agent 24h+."
                    : "\(reminders.count) ticket\(reminders.count == 1 ? "" : "s") waiting 24h+:",
            ]
            lines += reminders.prefix(20).map { "  \(TerminalText.sanitize($0.line))" }
            if reminders.count > 20 { lines.append("  … and \(reminders.count - 20) more") }
        }
        if !s.recommendations.isEmpty {
            lines += ["", "Recommendations"]
            lines += s.recommendations.map { "  • \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
