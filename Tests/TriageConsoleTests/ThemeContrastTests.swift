import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// W5: every pair of colours text is drawn in reaches WCAG AA (4.5:1) in every theme that ships — the built-in ones
/// and the files in `themes/` — including the urgency colours on the selected row and on the header bar. Checked
/// twice: over the roles and the composed styles, and over every cell of real screens.
@Suite struct ThemeContrastTests {
    typealias F = ConsoleFixture

    /// Every shipped theme: the built-in ones and whatever `themes/` holds.
    static let themes: [Theme] = {
        var out = BuiltinThemes.texts.keys.sorted().compactMap { BuiltinThemes.named($0) }
        let folder = ThemeTests.root.appendingPathComponent("themes")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".toml") {
            let name = String(file.dropLast(5))
            if let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8),
                let theme = try? Theme(toml: text, fallbackName: name, base: name == "mono" ? Theme.monochrome : BuiltinThemes.dark)
            {
                out.append(theme)
            }
        }
        return out
    }()

    /// Roles that are drawn as lines and frames, not text: WCAG asks 3:1 of those.
    static let graphics: Set<StyleRole> = [.border]

    static func required(_ role: StyleRole?) -> Double {
        role.map { graphics.contains($0) } == true ? 3 : Theme.minimumContrast
    }

    @Test func everyThemeIsChecked() {
        #expect(Set(Self.themes.map(\.name)).isSuperset(of: ["dark", "light", "high-contrast", "mono"]))
        #expect(Self.themes.count >= 8, "the built-in themes and the files")
    }

    @Test(arguments: themes.map(\.name).enumerated().map { $0.offset })
    func everyRoleAndComposedStyleReadsWell(index: Int) {
        let theme = Self.themes[index]
        for role in StyleRole.allCases {
            guard let ratio = theme.contrast(of: theme[role]) else { continue }
            #expect(ratio >= Self.required(role), "\(theme.name): \(role.rawValue) \(String(format: "%.2f", ratio)):1")
        }
        for (name, style) in theme.composedStyles {
            guard let ratio = theme.contrast(of: style) else { continue }
            #expect(ratio >= Theme.minimumContrast, "\(theme.name): \(name) \(String(format: "%.2f", ratio)):1")
        }
    }

    /// Screens that between them draw every role: the queue with a selection on each urgency, an arrival and an
    /// escalation, the watch, the detail with a note, the stats, the help, the editor, a prompt, an error.
    static func screens() -> [ConsoleState] {
        var out: [ConsoleState] = []
        var escalated = F.tickets[0]
        escalated.escalated = true
        let arrival = F.ticket("9", "Nouveau", .billing, .critical, hoursAgo: 0.1)
        for index in 0..<5 {
            var state = F.state(width: 160, height: 30)
            let tickets = ([escalated, arrival] + F.tickets.dropFirst()).inQueueOrder()
            _ = reduce(&state, .queueLoaded(tickets, QueueSummary(open: 4, waiting: 1, breached: 1, warning: 1, critical: 2)), now: F.now)
            _ = reduce(&state, .queueLoaded(tickets, QueueSummary(open: 4, waiting: 1, breached: 1, warning: 1, critical: 2)), now: F.now)
            state.arrivals[arrival.id] = F.now.addingTimeInterval(5)
            state.selectedID = tickets[index].id
            _ = reduce(&state, .detailLoaded(F.detail(tickets[index])), now: F.now)
            _ = reduce(&state, .automationLoaded(AutomationHealth(lastPassAt: F.now, runningRunners: 1, dead: 2, disabledTargets: [.init(target: "oncall", reason: "404")])), now: F.now)
            out.append(state)
        }
        var watch = out[0]
        F.press([.character("2")], &watch)
        out.append(watch)
        var stats = ScrollTests.statsState(width: 160, height: 60)
        out.append(stats)
        F.press([.character("?")], &stats)
        out.append(stats)
        var editor = out[0]
        F.press([.character("n")] + F.type("Stripe: deux débits"), &editor)
        out.append(editor)
        var prompt = out[0]
        F.press([.character(":")] + F.type("assign bo"), &prompt)
        out.append(prompt)
        var error = out[0]
        _ = reduce(&error, .failed("no ticket TKT999999"), now: F.now)
        out.append(error)
        return out
    }

    @Test(arguments: themes.map(\.name).enumerated().map { $0.offset })
    func everyCellOnScreenReadsWell(index: Int) {
        let theme = Self.themes[index]
        var worst: [String: Double] = [:]
        for state in Self.screens() {
            let buffer = F.render(state, theme: theme)
            for y in 0..<buffer.height {
                for x in 0..<buffer.width {
                    let cell = buffer[x, y]
                    guard cell.character != " ", !cell.continuation, let ratio = theme.contrast(of: cell.style) else { continue }
                    // Box drawing (frames, rules, the scroll track) is graphics: 3:1
                    let isGraphic = cell.character.unicodeScalars.allSatisfy { (0x2500...0x257F).contains($0.value) }
                    guard ratio < (isGraphic ? 3 : Theme.minimumContrast) else { continue }
                    let (fg, bg) = theme.shownColors(cell.style)
                    let key = "'\(cell.character)' \(fg.hex) on \(bg.hex)"
                    worst[key] = min(worst[key] ?? 99, ratio)
                }
            }
        }
        #expect(worst.isEmpty, "\(theme.name): \(worst.map { "\($0.key) \(String(format: "%.2f", $0.value)):1" }.sorted())")
    }
}
