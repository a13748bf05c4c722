import Foundation
import Logging
import TriageCore
import TriageDiscord
import TriageStore

/// Delivers the outbox: one worker per target, each claiming its next due row, sending it, and recording the
/// outcome in a short transaction of its own (never a transaction held across the network).
struct Delivery: Sendable {
    let store: any AutomationStoring
    let config: TriageConfig
    let client: DiscordClient
    let owner: String
    let logger: Logger
    let metrics: RunnerMetrics
    let random: @Sendable (ClosedRange<Double>) -> Double
    /// A request that gets no answer in this long is a failed try.
    static let requestTimeout: Duration = .seconds(10)
    /// Backoff: full jitter over 5 s × 2^(attempts−1), capped at 15 minutes, at least 1 s.
    static let backoffBase: Double = 5
    static let backoffCap: Double = 900

    var activeTargets: [NotificationTarget] {
        var targets = NotificationTarget.allCases.filter { $0.isChannel && config.webhooks[$0] != nil }
        if config.log.file != nil { targets.append(.log) }
        if config.discord.botToken != nil { targets.append(.user) }
        return targets
    }

    /// Rows for targets nobody will ever deliver are cancelled (with the reason) rather than left to pile up. User
    /// notifications without a bot token wait for the bot's pull, until they expire (then they are dead).
    func cancelUnconfigured(now: Date) async throws(TicketError) {
        if !activeTargets.contains(.user) { _ = try await store.expireUnclaimed(.user, now: now) }
        for target in NotificationTarget.allCases where target != .user && !activeTargets.contains(target) {
            let reason =
                target == .log ? "no [log] file configured" : "no webhook configured for \(target.rawValue) ([webhooks] in config.toml)"
            _ = try await store.cancelUnconfigured(target, reason: reason)
        }
    }

    /// Drains every active target's due rows, targets side by side; returns the attempts by outcome.
    func drainAll(now: @escaping @Sendable () -> Date) async -> [String: Int] {
        await withTaskGroup(of: [String: Int].self) { group in
            for target in activeTargets {
                group.addTask { await drain(target, now: now) }
            }
            var total: [String: Int] = [:]
            for await counts in group { total.merge(counts, uniquingKeysWith: +) }
            return total
        }
    }

    /// Sends `target`'s due rows one at a time until none is due (or the target is paused): each outcome is recorded
    /// in the transaction that claims the next row.
    func drain(_ target: NotificationTarget, now: @escaping @Sendable () -> Date) async -> [String: Int] {
        var counts: [String: Int] = [:]
        var entry: OutboxEntry?
        do {
            guard try await store.hasDueDelivery(for: target, now: now()) else { return counts }
            entry = try await store.claimNext(for: target, owner: owner, now: now(), startSending: true)
        } catch {
            logger.error("cannot claim a \(target.rawValue) delivery: \(error)")
            return counts
        }
        while let current = entry {
            let started = ContinuousClock.now
            let (result, label) = await attempt(current, now: now)
            do {
                entry = try await store.recordDelivery(
                    current.id, result, target: target, now: now(), claimNextFor: Task.isCancelled ? nil : owner)
            } catch {
                logger.error("cannot record delivery \(current.id): \(error)")
                return counts
            }
            counts[label, default: 0] += 1
            metrics.attempt(target: target.rawValue, outcome: label, duration: ContinuousClock.now - started)
            if case .dead(let error, _) = result { logger.error("delivery \(current.id) to \(target.rawValue) is dead: \(error)") }
            if case .disableTarget(let error, _) = result {
                logger.error("\(target.rawValue) disabled until `triage outbox retry`: \(error)")
            }
        }
        return counts
    }

    /// Renders and sends a row; the store-side result and the metric label.
    func attempt(_ entry: OutboxEntry, now: @escaping @Sendable () -> Date) async -> (DeliveryResult, String) {
        switch entry.target {
        case .log:
            do {
                try JSONLinesLog.append(entry, to: config.log.file ?? "", now: now())
                return (.delivered(remoteID: nil, status: nil), "delivered")
            } catch {
                return (retry(entry, error: "cannot write the log file: \(error)", now: now()), "retry")
            }
        case .user:
            guard let token = config.discord.botToken, let notice = entry.notice, let userID = notice.ticket?.userID,
                let text = NoticeText.forUser(notice, inactivity: config.inactivity, escape: DiscordText.escape)
            else { return (.cancelled(reason: "nothing to say to the user for this notice"), "cancelled") }
            let message = DiscordRenderer.directMessage(text: text, nonce: "tn\(entry.id)", components: DiscordComponents.user(notice))
            let outcome = await client.sendDirectMessage(
                apiBase: config.discord.apiBase, botToken: token, userID: userID,
                message: message, timeout: Self.requestTimeout)
            return (await result(of: outcome, entry, now: now()), outcome.label)
        case .adminTickets, .oncall, .senior:
            guard let url = config.webhooks[entry.target] else {
                return (.cancelled(reason: "no webhook configured for \(entry.target.rawValue)"), "cancelled")
            }
            let message =
                entry.notice.map { DiscordRenderer.render($0, target: entry.target.rawValue, oncallRoleID: config.discord.oncallRoleID, now: now()) }
                ?? DiscordMessage(content: DiscordText.escape(entry.legacyText ?? entry.cause), allowedMentions: .none).fitted()
            let outcome = await client.executeWebhook(url: url, message: message, timeout: Self.requestTimeout)
            return (await result(of: outcome, entry, now: now()), outcome.label)
        }
    }

    /// What the store records for a Discord outcome; rate limits also pause the target (or every Discord target).
    func result(of outcome: DeliveryOutcome, _ entry: OutboxEntry, now: Date) async -> DeliveryResult {
        switch outcome {
        case .delivered(let remoteID, let pauseFor):
            if let pauseFor, pauseFor > 0 { try? await store.pauseTargets([entry.target], until: now.addingTimeInterval(pauseFor)) }
            return .delivered(remoteID: remoteID, status: 200)
        case .rateLimited(let retryAfter, let global):
            let until = now.addingTimeInterval(retryAfter)
            let paused = global ? NotificationTarget.allCases.filter { $0.isChannel || $0 == .user } : [entry.target]
            try? await store.pauseTargets(paused, until: until)
            metrics.rateLimited(global: global)
            return .retry(at: until, error: "rate limited for \(retryAfter)s\(global ? " (global)" : "")", status: 429, countsAsAttempt: false)
        case .retry(let reason), .ambiguous(let reason):
            return retry(entry, error: reason, now: now)
        case .rejected(let status, let reason):
            return .dead(error: reason, status: status)
        case .disabled(let status, let reason):
            return entry.target == .user ? .dead(error: reason, status: status) : .disableTarget(error: reason, status: status)
        }
    }

    /// A failed try: again after a capped exponential backoff with full jitter.
    func retry(_ entry: OutboxEntry, error: String, now: Date) -> DeliveryResult {
        .retry(at: now.addingTimeInterval(Self.backoff(attempts: entry.attempts + 1, random: random)), error: error, status: nil, countsAsAttempt: true)
    }

    /// The delay before try `attempts + 1`: uniform in [0, min(cap, base × 2^(attempts−1))], at least 1 s.
    static func backoff(attempts: Int, random: (ClosedRange<Double>) -> Double) -> TimeInterval {
        let ceiling = min(backoffCap, backoffBase * pow(2, Double(max(0, attempts - 1))))
        return max(1, random(0...ceiling))
    }
}
