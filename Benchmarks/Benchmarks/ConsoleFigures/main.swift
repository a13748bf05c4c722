import FigureSupport
import Foundation
import Synchronization
import TriageConsole
import TriageCore
import TriageStore
import TriageTerminal

// Console figures: CPU time per frame at 200×60, bytes sent to the terminal for an idle poll and for a countdown
// tick, and commit-to-screen latency. Run with `swift run -c release --package-path Benchmarks ConsoleFigures`.

final class Watcher: TerminalDevice {
    let inner: any TerminalDevice
    let wanted = Mutex<String?>(nil)
    let seenAt = Mutex<Date?>(nil)
    /// Whether the runtime may wait on the terminal's input and the store's write hint together (else: poll only).
    let wake: Bool
    init(_ inner: any TerminalDevice, wake: Bool = true) {
        self.inner = inner
        self.wake = wake
    }
    var size: (width: Int, height: Int) { (200, 60) }
    var colors: Int { inner.colors }
    var unicode: Bool { true }
    var inputDescriptor: Int32? { wake ? inner.inputDescriptor : nil }
    func read(timeout milliseconds: Int) -> InputEvent? { inner.read(timeout: milliseconds) }
    /// CPU spent looking for the wanted text (the benchmark's, not the console's: taken out of the figures).
    let checking = Mutex(0.0)
    func present(_ buffer: ScreenBuffer) {
        inner.present(buffer)
        let start = threadCPUSeconds()
        if let text = wanted.withLock({ $0 }), seenAt.withLock({ $0 }) == nil, buffer.text.contains(text) {
            seenAt.withLock { $0 = Date() }
        }
        let spent = threadCPUSeconds() - start
        checking.withLock { $0 += spent }
    }
    func bell() {}
    func restore() { inner.restore() }
}
/// Hands a non-Sendable value to the loop's thread (it is only used there).
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

func measure() throws {
    setenv("TERM", ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color", 0)
    setenv("LINES", "60", 1)
    setenv("COLUMNS", "200", 1)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-console-figures-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let storePath = folder.appendingPathComponent("desk.sqlite").path
    let store = try TicketStore.open(path: storePath)
    let seeded = Date()
    try store.seed(tickets: 3_000, weeks: 12, seed: 2026, now: seeded)
    let backend = try StoreBackend(store: store, agent: "alice")
    let theme = BuiltinThemes.dark

    // 1. CPU time per frame: the pure view at 200×60, and view + present through ncurses.
    var state = ConsoleState(agent: "alice", policy: store.policy, width: 200, height: 60, now: seeded)
    for action in backend.perform(.loadQueue, now: seeded) { _ = reduce(&state, action, now: seeded) }
    if let id = state.selectedID { for action in backend.perform(.loadDetail(id), now: seeded) { _ = reduce(&state, action, now: seeded) } }
    let frames = 300
    var start = cpuSeconds()
    for i in 0..<frames { _ = ConsoleView.render(state, theme: theme, glyphs: .unicode, now: seeded.addingTimeInterval(Double(i))) }
    let viewMs = (cpuSeconds() - start) / Double(frames) * 1000

    let sink = folder.appendingPathComponent("tty.out").path
    let out = fopen(sink, "w")!
    // A pipe nobody writes to: key waits block as they would on a real terminal.
    var fds: [Int32] = [0, 0]
    pipe(&fds)
    let input = fdopen(fds[0], "r")!
    let terminal = try CursesTerminal(output: out, input: input)
    func written() -> Int {
        fflush(out)
        return Int((try? FileManager.default.attributesOfItem(atPath: sink)[.size] as? Int) ?? 0)
    }

    let setUp = written()
    terminal.present(ConsoleView.render(state, theme: theme, glyphs: .unicode, now: seeded))
    let fullFrameBytes = written() - setUp
    start = cpuSeconds()
    for i in 0..<frames {
        terminal.present(ConsoleView.render(state, theme: theme, glyphs: .unicode, now: seeded.addingTimeInterval(Double(i * 61))))
    }
    let presentMs = (cpuSeconds() - start) / Double(frames) * 1000

    // 2. Bytes: a full first frame, an idle poll (nothing changed: the runtime draws nothing), a tick with no countdown
    // change, and a tick where every countdown on screen changes its minute.
    let base = seeded.addingTimeInterval(3600)
    terminal.present(ConsoleView.render(state, theme: theme, glyphs: .unicode, now: base))
    var before = written()
    let sameFrame = ConsoleView.render(state, theme: theme, glyphs: .unicode, now: base)
    terminal.present(sameFrame)
    let idleBytes = written() - before
    before = written()
    terminal.present(ConsoleView.render(state, theme: theme, glyphs: .unicode, now: base.addingTimeInterval(1)))
    let quietTickBytes = written() - before
    before = written()
    terminal.present(ConsoleView.render(state, theme: theme, glyphs: .unicode, now: base.addingTimeInterval(61)))
    let minuteTickBytes = written() - before
    terminal.restore()

    // 3. Commit-to-screen latency: another connection commits a ticket; how long until a frame shows it.
    let out2 = fopen(folder.appendingPathComponent("tty2.out").path, "w")!
    let terminal2 = try CursesTerminal(output: out2, input: input)

    let watcher = Watcher(terminal2)
    let runtime = ConsoleRuntime(terminal: watcher, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: theme)
    let box = UncheckedBox(runtime)
    Thread.detachNewThread { box.value.run() }
    Thread.sleep(forTimeInterval: 1)
    let writer = try TicketStore.open(path: storePath)
    var latencies: [Double] = []
    for i in 0..<20 {
        let subject = "Latency probe \(i) \(UUID().uuidString.prefix(6))"
        watcher.seenAt.withLock { $0 = nil }
        watcher.wanted.withLock { $0 = subject }
        Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.3))
        let committed = Date()
        try writer.create(
            NewTicket(requester: UserID(7), subject: subject, category: .account, priority: .critical, description: "probe"),
            as: .user(UserID(7)), now: committed)
        var seen: Date?
        while seen == nil && Date().timeIntervalSince(committed) < 3 {
            Thread.sleep(forTimeInterval: 0.002)
            seen = watcher.seenAt.withLock { $0 }
        }
        latencies.append(((seen ?? Date()).timeIntervalSince(committed)) * 1000)
    }
    ConsoleRuntime.stopRequested.store(true, ordering: .relaxed)
    Thread.sleep(forTimeInterval: 0.5)
    terminal2.restore()

    print("""
        Console figures (200×60, 3,000-ticket store, \(state.tickets.count) queued tickets)
          CPU per frame, view only           \(String(format: "%.2f", viewMs)) ms
          CPU per frame, view + ncurses      \(String(format: "%.2f", presentMs)) ms
          bytes, first full frame            \(fullFrameBytes) 
          bytes, idle poll (no change)       \(idleBytes)
          bytes, 1 s tick, no minute change  \(quietTickBytes)
          bytes, 1 s tick, every countdown   \(minuteTickBytes)
          commit-to-screen latency           p50 \(Int(percentile(latencies, 0.5))) ms · p95 \(Int(percentile(latencies, 0.95))) ms · max \(Int(latencies.max() ?? 0)) ms (poll 250 ms)
        """)
}

/// Live updates on a large store (`--live PATH [--seed N]`): commit-to-screen latency when another connection
/// changes the ticket at the top of the queue (assigned to a fresh name, which the row shows), the console's CPU per
/// change, and its idle CPU. The writer runs on its own thread, and its CPU is taken out of the per-change figure.
func live(path: String, seed count: Int?, wake: Bool) throws {
    setenv("TERM", ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color", 0)
    setenv("LINES", "60", 1)
    setenv("COLUMNS", "200", 1)
    if !FileManager.default.fileExists(atPath: path), let count {
        print("seeding \(count) tickets into \(path)…")
        try TicketStore.open(path: path).seed(tickets: count, weeks: max(4, count / 40_000), seed: 11, now: Date()) { _ in }
    }
    let store = try TicketStore.open(path: path)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-live-figures-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var fds: [Int32] = [0, 0]
    pipe(&fds)
    let terminal = try CursesTerminal(output: fopen(folder.appendingPathComponent("tty.out").path, "w")!, input: fdopen(fds[0], "r")!)
    let watcher = Watcher(terminal, wake: wake)
    let runtime = ConsoleRuntime(
        terminal: watcher, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark)
    let box = UncheckedBox(runtime)
    let loaded = Date()
    // The loop's thread, whose CPU clock splits the figure: the merge and the frame on it, the store's reads on
    // the worker.
    let loopThread = Mutex<pthread_t?>(nil)
    Thread.detachNewThread {
        loopThread.withLock { $0 = pthread_self() }
        box.value.run()
    }
    func loopCPU() -> Double {
        guard let thread = loopThread.withLock({ $0 }) else { return 0 }
        var clock = clockid_t()
        pthread_getcpuclockid(thread, &clock)
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    while box.value.currentState.tickets.isEmpty { Thread.sleep(forTimeInterval: 0.01) }
    let firstLoad = Date().timeIntervalSince(loaded)
    Thread.sleep(forTimeInterval: 2)
    // Idle: nothing changes for 10 s.
    var (cpu0, wall0) = (cpuSeconds(), Date())
    Thread.sleep(forTimeInterval: 10)
    let idle = (cpuSeconds() - cpu0) / Date().timeIntervalSince(wall0)
    // Changes: 60 probes, 60–200 ms apart.
    let writer = try TicketStore.open(path: path)
    let top = try require(box.value.currentState.tickets.first).id.rawValue
    // The probes add to the top ticket's history, run after run: its detail, reloaded on each change, grows.
    let history = try writer.detail(top, as: .agent("bench")).events.count
    var latencies: [Double] = []
    var writerCPU = 0.0
    (cpu0, wall0) = (cpuSeconds(), Date())
    let loop0 = loopCPU()
    let checked0 = watcher.checking.withLock { $0 }
    let frames0 = box.value.framesPresented
    for i in 0..<60 {
        let name = "p\(i)z\(Int.random(in: 10...99))"
        watcher.seenAt.withLock { $0 = nil }
        watcher.wanted.withLock { $0 = name }
        Thread.sleep(forTimeInterval: Double.random(in: 0.06...0.2))
        let committed = Date()
        let before = threadCPUSeconds()
        try writer.assign(top, to: name, as: .agent("bench"), now: committed)
        writerCPU += threadCPUSeconds() - before
        var seen: Date?
        while seen == nil && Date().timeIntervalSince(committed) < 5 {
            Thread.sleep(forTimeInterval: 0.001)
            seen = watcher.seenAt.withLock { $0 }
        }
        latencies.append(((seen ?? Date()).timeIntervalSince(committed)) * 1000)
    }
    let checked = watcher.checking.withLock { $0 } - checked0
    let loop = loopCPU() - loop0 - checked
    let frames = box.value.framesPresented - frames0
    let busy = cpuSeconds() - cpu0 - writerCPU - checked - idle * Date().timeIntervalSince(wall0)
    ConsoleRuntime.stopRequested.store(true, ordering: .relaxed)
    Thread.sleep(forTimeInterval: 0.5)
    terminal.restore()
    let queued = box.value.currentState.summary.open + box.value.currentState.summary.waiting
    print(
        """
        Live console on \(path)\(wake ? "" : " without the write hint (poll every 250 ms)") (\(queued) queued, \(box.value.currentState.tickets.count) held), 200×60, \(ISO8601DateFormatter().string(from: Date()))
          first load                          \(String(format: "%.0f", firstLoad * 1000)) ms
          commit-to-screen, 60 changes       p50 \(String(format: "%.1f", percentile(latencies, 0.5))) ms · p95 \(String(format: "%.1f", percentile(latencies, 0.95))) ms · max \(String(format: "%.1f", latencies.max() ?? 0)) ms
          console CPU per change             \(String(format: "%.2f", busy / 60 * 1000)) ms (\(String(format: "%.1f", Double(frames) / 60)) frames per change; the changed ticket has \(history) events)
            on the loop's thread (merge, frame)  \(String(format: "%.2f", loop / 60 * 1000)) ms · elsewhere (store reads) \(String(format: "%.2f", (busy - loop) / 60 * 1000)) ms
          idle console                       \(String(format: "%.3f", idle * 100)) % of a core
        """)
}

struct Missing: Error {}
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Missing() }
    return value
}

let arguments = CommandLine.arguments
if let index = arguments.firstIndex(of: "--live") {
    try live(
        path: arguments[index + 1], seed: arguments.firstIndex(of: "--seed").map { Int(arguments[$0 + 1])! },
        wake: !arguments.contains("--no-wake"))
} else {
    try measure()
}
