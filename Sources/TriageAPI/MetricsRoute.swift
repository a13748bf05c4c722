import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import Synchronization
import TriageCore
import TriageStore

/// `GET /metrics` (SPEC §6) in Prometheus' text format: the business gauges computed from the store at scrape time
/// (cached 5 s), then what `emit` gives (the runner's counters, HTTP request counts and durations). Open to loopback
/// callers; from anywhere else it needs an admin token.
enum MetricsRoute {
    static let cacheFor: TimeInterval = 5

    static func add(
        to router: Router<APIRequestContext>, store: any TicketStoring, auth: AuthMiddleware, emit: @escaping @Sendable () -> String,
        now: @escaping @Sendable () -> Date
    ) {
        let cache = Mutex<(at: Date, text: String)?>(nil)
        router.get("/metrics") { request, context in
            if !isLoopback(context) {
                var context = context
                _ = try await auth.handle(request, context: context) { _, authed in
                    context = authed
                    return Response(status: .ok)
                }
                guard context.token?.role == .admin else { throw APIError.forbidden("/metrics is for loopback callers or an admin token") }
            }
            let at = now()
            let storeText: String
            if let cached = cache.withLock({ $0 }), at.timeIntervalSince(cached.at) < cacheFor, at >= cached.at {
                storeText = cached.text
            } else {
                storeText = render(try await store.metrics(now: at))
                cache.withLock { $0 = (at, storeText) }
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: storeText + emit())))
        }
    }

    static func isLoopback(_ context: APIRequestContext) -> Bool {
        guard let address = context.remoteAddress?.ipAddress else { return true }
        return address == "127.0.0.1" || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    /// The store's figures through a fresh registry (families registered once each, constant help texts).
    static func render(_ m: StoreMetrics) -> String {
        let registry = PrometheusCollectorRegistry()
        for (labels, count) in m.tickets {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_tickets", unitName: "", helpText: "Live tickets (open and waiting) by status, priority and category."), labels: [("status", labels[0]), ("priority", labels[1]), ("category", labels[2])]).set(to: Double(count))
        }
        for (labels, count) in m.sla {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_tickets_sla", unitName: "", helpText: "Open tickets by SLA state (ok, warning, breached) and priority."), labels: [("state", labels[0]), ("priority", labels[1])]).set(to: Double(count))
        }
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_tickets_unassigned", unitName: "", helpText: "Live tickets with no assignee.")).set(to: Double(m.unassigned))
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_tickets_created_total", unitName: "", helpText: "Tickets ever created.")).set(to: Double(m.created))
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_sla_breaches_total", unitName: "", helpText: "SLA breaches recorded (one per ticket per cycle)."))
            .set(to: Double(m.breaches))
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_escalations_unacknowledged", unitName: "", helpText: "Escalated live tickets nobody acknowledged yet."))
            .set(to: Double(m.unacknowledgedEscalations))
        for (labels, count) in m.outbox {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_outbox", unitName: "", helpText: "Outbox rows waiting (pending, sending) or given up (dead), by target."), labels: [("target", labels[0]), ("status", labels[1])]).set(to: Double(count))
        }
        for (target, age) in m.oldestPendingAge {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_outbox_oldest_pending_age_seconds", unitName: "", helpText: "Age of the oldest notification still waiting, by target."), labels: [("target", target)]).set(to: age)
        }
        if let pass = m.lastRunnerPass {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "triage_automation_last_pass_timestamp_seconds", unitName: "", helpText: "When any automation runner last passed (Unix time)."))
                .set(to: pass.timeIntervalSince1970)
        }
        return registry.emitToString()
    }
}
