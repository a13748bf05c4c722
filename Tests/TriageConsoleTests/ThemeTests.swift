import Foundation
import Testing
import TriageCore

@testable import TriageConsole

@Suite struct ThemeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the shipped theme files are the built-in themes", arguments: ["dark", "light", "high-contrast", "mono"])
    func shippedFilesMatch(name: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("themes/\(name).toml"), encoding: .utf8)
        #expect(text == BuiltinThemes.texts[name]! + "\n")
        let theme = try #require(BuiltinThemes.named(name))
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
    }

    @Test func colourForms() throws {
        let theme = try Theme(toml: "[breached]\nfg = \"#ff0000\"\nbg = 17\nbold = true\n[ok]\nfg = \"bright-green\"\n", fallbackName: "t")
        #expect(theme[.breached].foreground == .indexed(196))
        #expect(theme[.breached].background == .indexed(17))
        #expect(theme[.breached].bold)
        #expect(theme[.ok].foreground == .indexed(10))
        #expect(theme[.warning] == BuiltinThemes.dark[.warning], "roles not named come from the base theme")
    }

    @Test(
        "a bad theme names the key",
        arguments: [
            ("[breachd]\nfg = 1", "breachd", "is not a role"), ("[ok]\nfg = \"purple-ish\"", "ok.fg", "is not a colour"),
            ("[ok]\nfg = 300", "ok.fg", "0 to 255"), ("[ok]\nblink = true", "ok.blink", "not a style key"),
            ("[ok]\nbold = \"yes\"", "ok.bold", "true or false"), ("[ok\n", "theme", "line 1"),
        ])
    func badThemes(text: String, key: String, fragment: String) {
        #expect {
            try Theme(toml: text, fallbackName: "bad")
        } throws: { error in
            guard case TicketError.invalidField(let field, let message) = error else { return false }
            return field == key && message.contains(fragment)
        }
    }

    @Test func degradingForFewColours() {
        let dark = BuiltinThemes.dark
        let eight = dark.degraded(toColors: 8)
        for style in eight.styles.values {
            for color in [style.foreground, style.background] {
                if case .indexed(let i) = color { #expect(i < 8) }
            }
        }
        #expect(dark.degraded(toColors: 0) == Theme.monochrome)
        #expect(dark.degraded(toColors: 256) == dark)
    }

    @Test func svgHasEveryCellsText() {
        var buffer = ScreenBuffer(width: 20, height: 2)
        buffer.put("Bonjour <é> & 日本", x: 0, y: 0, style: CellStyle(foreground: .indexed(196), bold: true))
        let svg = SVGRenderer.render(buffer, theme: BuiltinThemes.dark, title: "t")
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("Bonjour &lt;é&gt; &amp;"))
        #expect(svg.contains("日"))
        #expect(svg.contains("fill=\"#ff0000\" font-weight=\"bold\""))
    }
}
