import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// The stored SLA policy on both backends: set by admins only, recorded with who and when, every ticket not closed
/// recomputed under it (its due time), a closed one left as it was, and setting the same policy again changes nothing.
@Suite struct PolicyConformanceTests {
    @Test("setting the policy recomputes the open tickets' due times, once per change, admins only", arguments: Backend.enabled)
    func setPolicy(backend: Backend) async throws {
        try await with(backend) { store in
            let open = try await C.open(store, .billing, .high, at: 0)
            let closed = try await C.open(store, for: C.other, .billing, .high, at: 0)
            _ = try await store.close(closed.id.rawValue, resolution: nil, notifyUser: false, as: C.agent, now: C.at(1))
            #expect(try await store.policyHistory(as: C.admin).isEmpty)
            var policy = try await store.policy(as: C.admin)
            let before = open.sla.dueAt
            policy.escalationRepeatHours = 2
            policy = try SLAPolicy(toml: policy.tomlText.replacingOccurrences(of: "high = 24", with: "high = 6"))
            // Agents may not
            #expect(await C.error { _ = try await store.setPolicy(policy, as: C.agent, now: C.at(2)) } == .forbidden(AccessRules.refusal(.setPolicy)))
            // An admin sets it: the open ticket is recomputed, the closed one is not
            #expect(try await store.setPolicy(policy, as: C.admin, now: C.at(2)) == 1)
            #expect(try await store.policy(as: C.user) == policy)
            let recomputed = try await store.ticket(open.id.rawValue, as: C.agent)
            #expect(recomputed.sla.dueAt != before)
            #expect(recomputed.updatedAt == open.updatedAt)
            #expect(try await store.ticket(closed.id.rawValue, as: C.agent).sla.budget == closed.sla.budget)
            // The same again: nothing changes, no new version
            #expect(try await store.setPolicy(policy, as: C.admin, now: C.at(3)) == 0)
            let history = try await store.policyHistory(as: C.admin)
            #expect(history == [PolicyVersion(version: history.first?.version ?? 0, setAt: C.at(2), setBy: "root")])
        }
    }
}
