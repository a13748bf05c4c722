import Foundation
import TriageCore

/// The console's words for on-call, in one place so the header, the breach watch and the detail agree: the
/// automation runner's health, and an escalation's pages and acknowledgement. Every piece carries a symbol as well
/// as a colour, so it reads without colour; names from the store reach cells through the buffer's sanitising `put`.
enum OnCallText {
    // MARK: Runner health (the header)

    /// The health as header pieces, in order: the runner, dead deliveries (if any), disabled targets (if any).
    /// `short` is the narrow-terminal form.
    static func health(_ health: AutomationHealth, short: Bool, glyphs: Glyphs, now: Date) -> [[Span]] {
        var pieces: [[Span]] = [runner(health, short: short, glyphs: glyphs, now: now)]
        if health.dead > 0 { pieces.append([Span("\(glyphs.deadLetter) \(health.dead) dead", .warning)]) }
        let disabled = health.disabledTargets.map(\.target)
        if !disabled.isEmpty {
            let text: String
            if short {
                text = disabled.count == 1 ? "\(label(disabled[0])) off" : "\(disabled.count) targets off"
            } else {
                let channels = disabled.allSatisfy { NotificationTarget(rawValue: $0)?.isChannel == true }
                let what = channels ? (disabled.count == 1 ? " webhook" : " webhooks") : ""
                text = "\(disabled.map(label).joined(separator: ", "))\(what) disabled"
            }
            pieces.append([Span("\(glyphs.disabledTarget) \(text)", .breached)])
        }
        return pieces
    }

    /// `runner ✔ <1m ago` · `runner starting…` (no pass yet since one started, under two minutes ago) · `runner ✖ no
    /// pass for 7m` · `runner ✖ no pass yet` · `✖ no runner`. Ages are to the
    /// minute, like the countdowns, so a healthy runner does not redraw the header every second.
    static func runner(_ health: AutomationHealth, short: Bool, glyphs: Glyphs, now: Date) -> [Span] {
        switch health.runner(now: now) {
        case .passing(let age):
            let ago = age < 60 ? "<1m ago" : "\(DurationText.age(age)) ago"
            return short ? [Span("\(glyphs.met) runner", .ok)] : [Span("runner ", .header), Span("\(glyphs.met) \(ago)", .ok)]
        case .stale(let age):
            let silence = age.map { "no pass for \(DurationText.age($0))" } ?? "no pass yet"
            return short
                ? [Span("\(glyphs.breached) runner\(age.map { " \(DurationText.age($0))" } ?? "")", .breached)]
                : [Span("runner ", .header), Span("\(glyphs.breached) \(silence)", .breached)]
        case .starting:
            return short
                ? [Span("\(glyphs.ellipsis) runner", .header)] : [Span("runner ", .header), Span("starting\(glyphs.ellipsis)", .header)]
        case .none:
            return [Span("\(glyphs.breached) no runner", .warning)]
        }
    }

    /// A target as people call it: `#oncall` for a Discord channel's webhook, the name otherwise.
    static func label(_ target: String) -> String {
        NotificationTarget(rawValue: target)?.isChannel == true ? "#\(target)" : target
    }

    // MARK: Escalations (the breach watch and the detail)

    /// Widths of the watch's ON-CALL column: full, and compact on narrow terminals.
    static let watchWidth = 26
    static let compactWatchWidth = 18

    /// The watch's ON-CALL cell: `paged ×3 · unacknowledged`, `paged ×3 · ack bruno 14:02` (compact: `×3
    /// unacknowledged`, `×3 ack bruno 14:02`, and `×47 ack gaelle` when the time would not fit: who acknowledged
    /// matters more than when, which the detail says); `not escalated` for a breach nobody escalated yet (no
    /// runner?), `–` for a warning.
    static func watchCell(_ t: Ticket, info: EscalationInfo?, compact: Bool, policy: SLAPolicy, timeZone: TimeZone, now: Date) -> Span {
        guard t.escalated else {
            return t.sla.state(now: now, policy: policy) == .breached ? Span("not escalated", .warning) : Span("–", .muted)
        }
        let info = current(info, of: t)
        func cell(withTime: Bool) -> (text: String, acknowledged: Bool) {
            let ack = acknowledgement(t, info: info) { withTime ? Clock.hourMinute($0, in: timeZone) : "" }?
                .trimmingCharacters(in: .whitespaces)
            let parts = [pagesText(info, compact: compact), ack ?? "unacknowledged"].filter { !$0.isEmpty }
            return (parts.joined(separator: compact ? " " : " · "), ack != nil)
        }
        var shown = cell(withTime: true)
        if compact, TerminalText.width(shown.text) > compactWatchWidth { shown = cell(withTime: false) }
        return Span(shown.text, shown.acknowledged ? .muted : .escalated)
    }

    /// The detail's escalation line, `on-call  ⚑ escalated · paged ×3 · unacknowledged · breach recorded …`; the
    /// breach time goes to a second line when the first would not fit `width`.
    static func detailLines(_ t: Ticket, info: EscalationInfo?, width: Int, glyphs: Glyphs, timeZone: TimeZone) -> [StyledLine] {
        let info = current(info, of: t)
        let ack = acknowledgement(t, info: info) { Clock.dateTime($0, in: timeZone) }
        let pages = info == nil ? "" : " · \(pagesText(info, compact: false))"
        // A closed ticket is not paged again and takes no acknowledgement: the line is history, without the key.
        let closed = t.status == .closed
        let state = ack ?? (closed ? "closed unacknowledged" : "unacknowledged")
        var first = [
            Span("on-call  ", .muted),
            Span(
                "\(ack == nil ? glyphs.escalated : glyphs.acknowledged) escalated\(pages) · \(state)",
                ack == nil && !closed ? .escalated : .normal),
        ]
        if ack == nil && !closed { first.append(Span(" (e)", .hint)) }
        guard let breachedAt = info?.breachedAt else { return [StyledLine(first)] }
        let breach = "breach recorded \(Clock.dateTime(breachedAt, in: timeZone))"
        if StyledLine(first).width + 3 + TerminalText.width(breach) <= width {
            return [StyledLine(first + [Span(" · " + breach, .muted)])]
        }
        return [StyledLine(first), StyledLine([Span("         " + breach, .muted)])]
    }

    /// The facts if they are about the ticket's current SLA cycle (a reopen since the load makes them old news).
    static func current(_ info: EscalationInfo?, of t: Ticket) -> EscalationInfo? {
        guard let info, info.ticketID == t.id, info.cycle == t.sla.cycle else { return nil }
        return info
    }

    /// `paged ×3`, or `not paged` (escalated by hand: no page recorded this cycle); compact `×3`, `×0`. Nothing while
    /// the facts are not loaded.
    static func pagesText(_ info: EscalationInfo?, compact: Bool) -> String {
        guard let info else { return "" }
        if compact { return "×\(info.pages)" }
        return info.pages > 0 ? "paged ×\(info.pages)" : "not paged"
    }

    /// `ack bruno 14:02` (the time in `time`'s format), `ack 14:02` when the name is not known, nil when nobody
    /// acknowledged. The ticket row says whether it is acknowledged; the escalation facts say who.
    static func acknowledgement(_ t: Ticket, info: EscalationInfo?, time: (Date) -> String) -> String? {
        guard let at = t.acknowledgedAt else { return nil }
        guard let who = info?.acknowledgedBy, info?.acknowledgedAt != nil else { return "ack \(time(at))" }
        return "ack \(who) \(time(at))"
    }
}
