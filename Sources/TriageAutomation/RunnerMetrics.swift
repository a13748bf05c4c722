import Foundation
import Prometheus

/// The runner's own counters (what this process did), in a Prometheus registry that `GET /metrics` emits beside the
/// business gauges computed from the store at scrape time. No ticket or user id is ever a label.
public final class RunnerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    static let attemptsHelp = "Delivery attempts by target and outcome (delivered, retry, rate_limited, ambiguous, rejected, disabled)."
    static let durationHelp = "Time to deliver one notification, request and bookkeeping, by target."
    static let rateLimitedHelp = "429 answers from Discord by scope (route or global)."
    static let ambiguousHelp = "Deliveries a stopped runner had sent without recording: sent again, possibly doubled."
    static let lastScanHelp = "When this runner last ran the SLA timers and digests (Unix time)."

    func attempt(target: String, outcome: String, duration: Duration) {
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "triage_notification_attempts_total", unitName: "", helpText: Self.attemptsHelp), labels: [("target", target), ("outcome", outcome)]).increment()
        registry.makeDurationHistogram(descriptor: MetricNameDescriptor(metricName: "triage_notification_delivery_duration_seconds", unitName: "", helpText: Self.durationHelp), labels: [("target", target)], buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5), .seconds(10)]).record(duration)
    }

    func rateLimited(global: Bool) {
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "triage_discord_rate_limited_total", unitName: "", helpText: Self.rateLimitedHelp), labels: [("scope", global ? "global" : "route")])
            .increment()
    }

    func ambiguous(_ count: Int) {
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "triage_notifications_possibly_doubled_total", unitName: "", helpText: Self.ambiguousHelp)).increment(by: Int64(count))
    }

    func scanned(now: Date) {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_automation_last_scan_timestamp_seconds", unitName: "", helpText: Self.lastScanHelp)).set(to: now.timeIntervalSince1970)
    }
}
