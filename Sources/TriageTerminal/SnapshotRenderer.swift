import Foundation
import TriageConsole
import TriageCore
import TriageStore

/// Renders the exact frame the console would show for a view, from the same view code, without a terminal: drives
/// the pure core with the store's answers until nothing is left to load.
public enum SnapshotRenderer {
    public enum View: String, CaseIterable, Sendable {
        case queue, detail, watch, stats, editor, help
    }

    public static func frame(
        view: View, store: TicketStore, agent: String, width: Int, height: Int, theme: Theme, glyphs: Glyphs, now: Date,
        timeZone: TimeZone
    ) throws -> ScreenBuffer {
        try frame(
            view: view, backend: try StoreBackend(store: store, agent: agent), agent: agent, width: width, height: height, theme: theme,
            glyphs: glyphs, now: now, timeZone: timeZone)
    }

    /// The frame on either backend's store (`StoreBackend`).
    public static func frame(
        view: View, backend: StoreBackend, agent: String, width: Int, height: Int, theme: Theme, glyphs: Glyphs, now: Date,
        timeZone: TimeZone
    ) throws -> ScreenBuffer {
        var state = ConsoleState(
            agent: agent, policy: backend.policy, width: width, height: height, now: now, themeName: theme.name, timeZone: timeZone)
        func drive(_ actions: [ConsoleAction]) {
            var pending = actions
            var rounds = 0
            while !pending.isEmpty && rounds < 50 {
                rounds += 1
                var effects: [ConsoleEffect] = []
                for action in pending { effects += reduce(&state, action, now: now) }
                pending = effects.flatMap { backend.perform($0, now: now) }
            }
        }
        drive(backend.perform(.loadQueue, now: now))
        switch view {
        case .queue:
            break
        case .detail:
            let withNote = state.tickets.prefix(200).first { t in
                guard case .detailLoaded(let detail)? = backend.perform(.loadDetail(t.id), now: now).first else { return false }
                return detail.messages.contains { $0.isInternal }
            }
            if let id = withNote?.id ?? state.tickets.first?.id {
                state.selectedID = id
                drive([.key(.enter)])
            }
        case .watch:
            drive([.key(.character("2"))])
        case .stats:
            state.statsWeek = ISOWeek(containing: now).previous
            drive([.key(.character("3"))])
        case .help:
            drive([.key(.character("?"))])
        case .editor:
            drive([.key(.down), .key(.down), .key(.character("r"))])
            let text =
                "Bonjour Élodie ! Le remboursement de 9,99 € est en cours 🙏 comptez 3 à 5 jours ouvrés.\nMerci de votre patience — 日本語のメッセージも大丈夫です。"
            drive(text.map { $0 == "\n" ? ConsoleAction.key(.enter) : .key(.character($0)) })
            // The snapshot must not leave a draft behind in a real store.
            if let session = state.editor { _ = backend.perform(.saveDraft(session.kind, session.ticketID, ""), now: now) }
        }
        state.status = nil
        return ConsoleView.render(state, theme: theme, glyphs: glyphs, now: now)
    }
}

/// A feed that never hears of a change: for a store read once (a snapshot).
public final class StillFeed: TicketFeed {
    public init() {}
    public var wakeDescriptor: Int32? { nil }
    public func drainWake() {}
    public func check() -> (committed: Bool, ticketsChanged: Bool) { (false, false) }
    public func takeNotified() -> Set<TicketID>? { [] }
    public func restore(_ notified: Set<TicketID>?) {}
    public func stop() {}
}
