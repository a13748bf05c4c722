import Foundation
import Synchronization
import TriageConsole
import TriageCore

/// The console's event loop: one thread owns the terminal. It waits briefly for a key, polls the store's change
/// check, drains what the worker reported, reduces, and presents the frame (only when it changed).
public final class ConsoleRuntime {
    let terminal: any TerminalDevice
    let backend: StoreBackend
    var state: ConsoleState
    var theme: Theme
    var baseTheme: Theme
    let glyphs: Glyphs
    /// How often the store is checked for changes without a hint: `--poll-ms` when given, else every 250 ms, or
    /// every 2 s as a safety net once the store's write hint (inotify) is in place.
    var pollInterval: TimeInterval
    let explicitPoll: Bool
    let clock: @Sendable () -> Date
    let worker = DispatchQueue(label: "triage.console.worker")
    let mailbox = Mailbox()
    var lastFrame: ScreenBuffer?
    /// Wakes the loop on a change the store's feed hints at (a write to the SQLite file, a PostgreSQL notification)
    /// as well as on a key, when the terminal lets it wait on both.
    var wake: Int32?
    /// A write to the store's files was seen and not yet checked; when the last refresh was started.
    var storeWritten = false
    /// Until when to keep checking after a write hint: the hint can come with the first pages of a commit, before
    /// the commit is visible, and the rest of its writes may not wake the loop again.
    var recheckUntil = Date.distantPast
    var lastRefresh = Date.distantPast
    /// Frames presented (for tests and benchmarks).
    public private(set) var framesPresented = 0

    /// Set from a signal handler (SIGTERM, SIGHUP, SIGINT): the loop exits cleanly at its next turn.
    public static let stopRequested = Atomic<Bool>(false)

    public init(
        terminal: any TerminalDevice, backend: StoreBackend, agent: String, theme: Theme, pollMilliseconds: Int? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.terminal = terminal
        self.backend = backend
        self.clock = clock
        baseTheme = theme
        self.theme = theme.degraded(toColors: terminal.colors)
        glyphs = terminal.unicode ? .unicode : .ascii
        pollInterval = Double(max(10, pollMilliseconds ?? 250)) / 1000
        explicitPoll = pollMilliseconds != nil
        let size = terminal.size
        state = ConsoleState(
            agent: agent, policy: backend.policy, width: size.width, height: size.height, now: clock(), themeName: theme.name,
            timeZone: .current)
    }

    /// Runs until the agent quits or a stop signal arrives. The terminal is restored by the caller (`restore()`).
    public func run(maxIterations: Int? = nil) {
        if !state.loaded {
            // The first load is waited for, so the first frame already shows the queue.
            dispatch([.loadQueue], now: clock())
            settle()
        }
        var nextPoll = clock().addingTimeInterval(pollInterval)
        if wake == nil, terminal.inputDescriptor != nil {
            wake = backend.feed.wakeDescriptor
            if wake != nil && !explicitPoll { pollInterval = 2 }
        }
        var lastSecond = Int(clock().timeIntervalSince1970)
        var iterations = 0
        var emptyReads = 0
        render(now: clock())
        while !state.quitting && !Self.stopRequested.load(ordering: .relaxed) {
            if let maxIterations, iterations >= maxIterations { break }
            iterations += 1
            let now = clock()
            // Sleep in the terminal's key wait until the next poll or the next second, unless the worker has
            // results coming (then look again soon, so they show at once).
            let untilPoll = max(0, nextPoll.timeIntervalSince(now))
            let untilSecond = Double(lastSecond + 1) - now.timeIntervalSince1970
            let busy = mailbox.pending.withLock { $0 } > 0 || !mailbox.actions.withLock { $0.isEmpty }
            let untilRefresh =
                storeWritten
                ? max(0, Self.refreshGap - now.timeIntervalSince(lastRefresh)) : now < recheckUntil ? 0.005 : .infinity
            let timeout =
                busy ? 5 : Int((max(0.001, min(untilPoll, untilSecond, untilRefresh, 0.25)) * 1000).rounded(.up))
            var actions: [ConsoleAction] = []
            let waited = Date()
            let event: InputEvent?
            if let wake, let input = terminal.inputDescriptor {
                let ready = Self.wait(input: input, wake: wake, milliseconds: timeout)
                if ready.store {
                    backend.feed.drainWake()
                    storeWritten = true
                    recheckUntil = Date().addingTimeInterval(0.1)
                }
                // Always look: a resize arrives as a signal (possibly on another thread) that ncurses turns into
                // a key only when asked, not as input on the descriptor.
                _ = ready.input
                event = terminal.read(timeout: 0)
            } else {
                event = terminal.read(timeout: timeout)
            }
            // A key wait that returns at once with nothing, again and again, means the terminal is gone (EOF on
            // input): stop rather than spin.
            if event == nil && timeout >= 20 && Date().timeIntervalSince(waited) < 0.002 {
                emptyReads += 1
                if emptyReads > 200 { break }
            } else {
                emptyReads = 0
            }
            if let event {
                actions.append(action(for: event))
                // Drain what else is already typed (a paste) before drawing.
                while actions.count < 512, let more = terminal.read(timeout: 0) { actions.append(action(for: more)) }
            }
            let current = clock()
            // A change check on the poll's schedule (the safety net) or at once after a write to the store's files,
            // at most one refresh in flight and one every `refreshGap`, so a storm of commits costs a bounded rate.
            let inFlight = mailbox.pending.withLock { $0 } > 0
            let hinted = storeWritten || current < recheckUntil
            if current >= nextPoll || (hinted && !inFlight && current.timeIntervalSince(lastRefresh) >= Self.refreshGap) {
                nextPoll = current.addingTimeInterval(pollInterval)
                storeWritten = false
                let check = backend.checkChanges()
                if check.committed {
                    // The hinted commit is visible (a ticket change, or a draft or presence beat, the console's
                    // own included): look a little longer only, for a commit hinted in the same burst.
                    recheckUntil = min(recheckUntil, current.addingTimeInterval(Self.recheckTail))
                }
                if check.ticketsChanged {
                    lastRefresh = current
                    dispatch(reloadEffects(), now: current)
                }
            }
            let second = Int(current.timeIntervalSince1970)
            if second != lastSecond {
                lastSecond = second
                actions.append(.tick)
            }
            actions += mailbox.actions.withLock { pending in
                defer { pending.removeAll() }
                return pending
            }
            guard !actions.isEmpty || framePending else { continue }
            let ticksOnly = actions.allSatisfy { if case .tick = $0 { true } else { false } }
            // Anything but a tick draws a frame anyway: let go of the last frame's state first, so that the
            // reducer changes the queue in place instead of copying the whole window (copy on write).
            if !ticksOnly { lastRenderedState = nil }
            for action in actions { handle(action, now: current) }
            // Results that come in parts (the queue's changes, then the detail they asked for) make one frame: while
            // the worker is still busy with them, and for at most `frameHold`, the frame waits. Keys draw at once.
            let typed = event != nil
            if !typed, mailbox.pending.withLock({ $0 }) > 0 {
                if !framePending { heldSince = current }
                if current.timeIntervalSince(heldSince) < Self.frameHold {
                    framePending = true
                    continue
                }
            }
            // A tick alone redraws only when a text on screen can have changed with the clock, or the state did
            // (a status message or a highlight expiring, a new breach): most seconds draw nothing and cost nothing.
            if !typed, ticksOnly, !framePending,
                current < nextTimeChange, state == lastRenderedState
            {
                continue
            }
            framePending = false
            render(now: current)
            lastRenderedState = state
            nextTimeChange = state.nextTimeChange(now: current)
        }
        // Let writes in flight (a reply being sent, a draft being saved) finish before the terminal is given back.
        worker.sync { backend.flushSeen() }
    }

    /// Waits up to `milliseconds` for input on `input` or a hint on `wake`; says which arrived.
    static func wait(input: Int32, wake: Int32, milliseconds: Int) -> (input: Bool, store: Bool) {
        var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, Int32(milliseconds))
        // Interrupted (a resize's SIGWINCH) or an error: let the caller look at the terminal.
        guard ready >= 0 else { return (true, false) }
        return (fds[0].revents != 0, fds[1].revents != 0)
    }

    func action(for event: InputEvent) -> ConsoleAction {
        switch event {
        case .key(let key): .key(key)
        case .resize(let width, let height): .resized(width: width, height: height)
        }
    }

    /// The state last drawn, and when the clock alone can next change a text on screen (`ConsoleState.nextTimeChange`).
    var lastRenderedState: ConsoleState?
    var nextTimeChange = Date.distantPast
    /// A frame whose data is still coming (see `run`).
    var framePending = false
    /// When the frame now waiting for the rest of its data was first due.
    var heldSince = Date.distantPast
    /// How long a frame may wait for the rest of its data.
    static let frameHold: TimeInterval = 0.03

    /// How long to keep looking for commits after a hinted one was found.
    static let recheckTail: TimeInterval = 0.02

    /// The shortest time between two refreshes woken by writes to the store.
    static let refreshGap: TimeInterval = 0.015

    /// Reduces one action and starts its effects.
    public func handle(_ action: ConsoleAction, now: Date) {
        let effects = reduce(&state, action, now: now)
        dispatch(effects, now: now)
    }

    func reloadEffects() -> [ConsoleEffect] { state.refreshEffects(now: clock()) }

    func dispatch(_ effects: [ConsoleEffect], now: Date) {
        for effect in effects {
            switch effect {
            case .bell: terminal.bell()
            case .suspend:
                terminal.suspend()
                resumed(now: now)
            case .quit: state.quitting = true
            case .applyTheme(let name):
                do {
                    baseTheme = try ThemeLoader.load(name)
                    theme = baseTheme.degraded(toColors: terminal.colors)
                    mailbox.actions.withLock { $0.append(.themeApplied(baseTheme.name)) }
                } catch {
                    mailbox.actions.withLock { $0.append(.failed(error.description)) }
                }
            case .change:
                submit(effect, then: reloadEffects())
            default:
                submit(effect, then: [])
            }
        }
    }

    /// Runs an effect on the worker; its result actions come back through the inbox.
    func submit(_ effect: ConsoleEffect, then follow: [ConsoleEffect]) {
        let backend = self.backend
        let clock = self.clock
        mailbox.pending.withLock { $0 += 1 }
        let mailbox = self.mailbox
        worker.async {
            var results = backend.perform(effect, now: clock())
            if results.contains(where: { if case .failed = $0 { return true } else { return false } }) == false {
                for next in follow { results += backend.perform(next, now: clock()) }
            }
            mailbox.actions.withLock { $0.append(contentsOf: results) }
            mailbox.pending.withLock { $0 -= 1 }
        }
    }

    /// Waits until the worker has nothing in flight and its results are reduced (for tests).
    public func settle(now: Date? = nil) {
        worker.sync {}
        let actions = mailbox.actions.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for action in actions { handle(action, now: now ?? clock()) }
        if mailbox.pending.withLock({ $0 }) > 0 { settle(now: now) }
        render(now: now ?? clock())
    }

    /// Draws the state and presents it when it differs from the last frame.
    public func render(now: Date) {
        let frame = ConsoleView.render(state, theme: theme, glyphs: glyphs, now: now)
        guard frame != lastFrame else { return }
        lastFrame = frame
        terminal.present(frame)
        framesPresented += 1
    }

    public var currentState: ConsoleState { state }
    public var currentFrame: ScreenBuffer? { lastFrame }

    /// Back from Ctrl-Z: the terminal may have been resized meanwhile, and its screen is drawn whole again.
    func resumed(now: Date) {
        lastFrame = nil
        let size = terminal.size
        if size.width != state.width || size.height != state.height { handle(.resized(width: size.width, height: size.height), now: now) }
        render(now: now)
    }

    /// The signal that stopped the loop (SIGTERM, SIGHUP, SIGINT), or 0: the console then exits with 128 + it, as a
    /// shell expects of a process a signal ended.
    public static let stopSignal = Atomic<Int32>(0)

    /// Turns SIGTERM, SIGHUP and SIGINT into a clean stop of the loop.
    public static func installStopSignals() {
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal(sig) { number in
                ConsoleRuntime.stopSignal.store(number, ordering: .relaxed)
                ConsoleRuntime.stopRequested.store(true, ordering: .relaxed)
            }
        }
    }
}

/// What the worker hands back to the loop: result actions, and how much work is still in flight.
final class Mailbox: Sendable {
    let actions = Mutex<[ConsoleAction]>([])
    let pending = Mutex(0)
}
