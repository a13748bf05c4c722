import TriageCore

/// The themes that ship in `themes/`, built in so the console works from any folder. A test keeps these texts
/// identical to the files.
public enum BuiltinThemes {
    public static let darkTOML = #"""
        # Triage console theme: dark (the default). Copy this file to make your own and load it with --theme PATH.
        # Each table is a role; keys: fg, bg (a name, 0-255 or #rrggbb, or "default"), bold, dim, underline, reverse.
        name = "dark"

        [normal]
        fg = "default"
        [muted]
        fg = 245
        [header]
        fg = 255
        bg = 24
        bold = true
        [tab]
        fg = 250
        bg = 236
        [tabActive]
        fg = 16
        bg = 117
        bold = true
        [columnHeader]
        fg = 110
        bold = true
        underline = true
        [selected]
        fg = 255
        bg = 25
        bold = true
        [selectedInactive]
        fg = 255
        bg = 238
        [breached]
        fg = 203
        bold = true
        [warning]
        fg = 214
        bold = true
        [ok]
        fg = 114
        [paused]
        fg = 111
        [critical]
        fg = 199
        bold = true
        [newTicket]
        fg = 16
        bg = 150
        bold = true
        [escalated]
        fg = 203
        bold = true
        [internalNote]
        fg = 221
        bg = 58
        [userMessage]
        fg = 117
        bold = true
        [agentMessage]
        fg = 150
        bold = true
        [title]
        fg = 255
        bold = true
        [border]
        fg = 243
        [statusBar]
        fg = 252
        bg = 236
        [statusError]
        fg = 255
        bg = 124
        bold = true
        [statusInfo]
        fg = 16
        bg = 114
        [prompt]
        fg = 255
        bg = 237
        [hint]
        fg = 246
        [key]
        fg = 117
        bold = true
        [kpiPass]
        fg = 114
        bold = true
        [kpiFail]
        fg = 203
        bold = true
        [bar]
        fg = 74
        [spark]
        fg = 180
        [editor]
        fg = 255
        bg = 235
        [cursor]
        reverse = true
        """#

    public static let lightTOML = #"""
        # Triage console theme: light, for terminals with a light background.
        name = "light"

        [normal]
        fg = "default"
        [muted]
        fg = 242
        [header]
        fg = 255
        bg = 25
        bold = true
        [tab]
        fg = 238
        bg = 253
        [tabActive]
        fg = 16
        bg = 153
        bold = true
        [columnHeader]
        fg = 24
        bold = true
        underline = true
        [selected]
        fg = 16
        bg = 153
        bold = true
        [selectedInactive]
        fg = 16
        bg = 252
        [breached]
        fg = 160
        bold = true
        [warning]
        fg = 130
        bold = true
        [ok]
        fg = 28
        [paused]
        fg = 25
        [critical]
        fg = 125
        bold = true
        [newTicket]
        fg = 16
        bg = 193
        bold = true
        [escalated]
        fg = 160
        bold = true
        [internalNote]
        fg = 94
        bg = 230
        [userMessage]
        fg = 25
        bold = true
        [agentMessage]
        fg = 28
        bold = true
        [title]
        fg = 16
        bold = true
        [border]
        fg = 245
        [statusBar]
        fg = 235
        bg = 252
        [statusError]
        fg = 255
        bg = 160
        bold = true
        [statusInfo]
        fg = 255
        bg = 22
        [prompt]
        fg = 16
        bg = 254
        [hint]
        fg = 242
        [key]
        fg = 25
        bold = true
        [kpiPass]
        fg = 28
        bold = true
        [kpiFail]
        fg = 160
        bold = true
        [bar]
        fg = 24
        [spark]
        fg = 130
        [editor]
        fg = 16
        bg = 255
        [cursor]
        reverse = true
        """#

    public static let highContrastTOML = #"""
        # Triage console theme: high contrast (pure colours, bold text, black background).
        name = "high-contrast"

        [normal]
        fg = "bright-white"
        bg = "black"
        [muted]
        fg = "white"
        bg = "black"
        [header]
        fg = "black"
        bg = "bright-yellow"
        bold = true
        [tab]
        fg = "bright-white"
        bg = "black"
        [tabActive]
        fg = "black"
        bg = "bright-cyan"
        bold = true
        [columnHeader]
        fg = "bright-yellow"
        bg = "black"
        bold = true
        underline = true
        [selected]
        fg = "black"
        bg = "bright-white"
        bold = true
        [selectedInactive]
        fg = "bright-white"
        bg = "black"
        underline = true
        [breached]
        fg = "bright-red"
        bg = "black"
        bold = true
        [warning]
        fg = "bright-yellow"
        bg = "black"
        bold = true
        [ok]
        fg = "bright-green"
        bg = "black"
        bold = true
        [paused]
        fg = "bright-cyan"
        bg = "black"
        [critical]
        fg = "bright-magenta"
        bg = "black"
        bold = true
        [newTicket]
        fg = "black"
        bg = "bright-green"
        bold = true
        [escalated]
        fg = "bright-red"
        bg = "black"
        bold = true
        [internalNote]
        fg = "black"
        bg = "bright-yellow"
        bold = true
        [userMessage]
        fg = "bright-cyan"
        bg = "black"
        bold = true
        [agentMessage]
        fg = "bright-green"
        bg = "black"
        bold = true
        [title]
        fg = "bright-white"
        bg = "black"
        bold = true
        [border]
        fg = "bright-white"
        bg = "black"
        [statusBar]
        fg = "black"
        bg = "bright-white"
        bold = true
        [statusError]
        fg = "bright-white"
        bg = "red"
        bold = true
        [statusInfo]
        fg = "black"
        bg = "bright-green"
        bold = true
        [prompt]
        fg = "bright-white"
        bg = "blue"
        bold = true
        [hint]
        fg = "bright-white"
        bg = "black"
        [key]
        fg = "bright-yellow"
        bg = "black"
        bold = true
        [kpiPass]
        fg = "bright-green"
        bg = "black"
        bold = true
        [kpiFail]
        fg = "bright-red"
        bg = "black"
        bold = true
        [bar]
        fg = "bright-cyan"
        bg = "black"
        [spark]
        fg = "bright-yellow"
        bg = "black"
        [editor]
        fg = "bright-white"
        bg = "black"
        [cursor]
        reverse = true
        """#

    public static let monoTOML = #"""
        # Triage console theme: monochrome. No colour at all: urgency reads from symbols and bold/reverse/underline.
        # This is also what NO_COLOR and terminals without colour get.
        name = "mono"

        [normal]
        [muted]
        dim = true
        [header]
        reverse = true
        [tab]
        [tabActive]
        bold = true
        underline = true
        [columnHeader]
        underline = true
        [selected]
        reverse = true
        [selectedInactive]
        underline = true
        [breached]
        bold = true
        [warning]
        [ok]
        [paused]
        dim = true
        [critical]
        bold = true
        [newTicket]
        bold = true
        underline = true
        [escalated]
        bold = true
        [internalNote]
        bold = true
        [userMessage]
        [agentMessage]
        [title]
        bold = true
        [border]
        [statusBar]
        reverse = true
        [statusError]
        bold = true
        reverse = true
        [statusInfo]
        [prompt]
        bold = true
        [hint]
        [key]
        bold = true
        [kpiPass]
        [kpiFail]
        bold = true
        [bar]
        [spark]
        [editor]
        [cursor]
        reverse = true
        """#

    public static let texts: [String: String] = [
        "dark": darkTOML, "light": lightTOML, "high-contrast": highContrastTOML, "mono": monoTOML,
    ]

    /// The default theme.
    public static let dark: Theme = (try? Theme(toml: darkTOML, fallbackName: "dark", base: Theme.monochrome)) ?? Theme.monochrome

    /// A built-in theme by name.
    public static func named(_ name: String) -> Theme? {
        guard let text = texts[name] else { return nil }
        return try? Theme(toml: text, fallbackName: name, base: name == "mono" ? Theme.monochrome : dark)
    }
}
