import Foundation
import Hummingbird
import Testing
import TriageCore

@testable import TriageAPI

/// The OpenAPI document stays true to the router: the same paths with the same methods, and the examples it gives
/// are accepted by the API.
@Suite struct OpenAPITests {
    /// `METHOD /path` for every operation in the document (paths at two spaces, methods at four, under `paths:`).
    static func documentedRoutes(_ yaml: String = OpenAPIDocument.yaml) -> Set<String> {
        var routes: Set<String> = []
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())  // "  /api/tickets:" → "/api/tickets"
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(key) { routes.insert("\(key.uppercased()) \(path)") }
            }
        }
        return routes
    }

    @Test func documentMatchesTheRouter() throws {
        let store = try APIFixture().store
        let router = buildRouter(store: store)
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(served.count == 14)
        #expect(Self.documentedRoutes() == served)
        for role in Role.allCases {
            #expect(Self.documentedRoutes(OpenAPIDocument.byRole[role]!) == served, "\(role)")
        }
    }

    /// `?role=service` is the API as the bot calls it: `user_id` required in every query and body that acts for a
    /// user; staff documents require it only to open a ticket for someone; an unknown role is a 422 naming `role`.
    @Test func eachRoleHasItsDocument() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let service = try await api.call(.get, "/api/openapi.yaml?role=service")
            #expect(service.status == .ok)
            #expect(service.text.contains("title: Triage API (as a service token)"))
            #expect(service.text.contains(#"{ name: user_id, in: query, required: true"#))
            for required in ["[user_id, message]", "[user_id, rating]", "[user_id, text]", "[user_id]", "[user_id, category, subject, description]"] {
                #expect(service.text.contains("required: \(required)"), "\(required)")
            }
            let agent = try await api.call(.get, "/api/openapi.yaml?role=agent")
            #expect(agent.text.contains("required: [user_id, category, subject, description]"))
            #expect(agent.text.contains("required: [message]"))
            #expect(!agent.text.contains("in: query, required: true"))
            let user = try await api.call(.get, "/api/openapi.yaml?role=user")
            #expect(user.text.contains("required: [category, subject, description]"))
            let all = try await api.call(.get, "/api/openapi.yaml?role=")
            #expect(all.text == OpenAPIDocument.yaml)
            let bogus = try await api.call(.get, "/api/openapi.yaml?role=bot")
            #expect(bogus.status == .unprocessableContent)
            #expect(bogus.errorField == "role")
            #expect(bogus.error["message"] as? String == "'bot' is not a role; allowed: user, service, agent, admin")
        }
    }

    /// A required text's pattern and the name's pattern accept exactly what the validation accepts: blank text (any
    /// whitespace the trimming removes, the zero-width space included) is refused by both.
    @Test(arguments: [
        "Paiement refusé 🌸", " x ", "\u{3000}\u{A0}", "\u{200B}", " \t\r\n", "\u{2028}", "\u{200D}", "\u{301}", "a\u{0}b",
        "\u{202E}evil", "Amélie\u{2066}", "line\nbreak", "tab\tname", "\u{85}", "\u{FEFF}", "\u{1680}x", "é\u{2029}",
    ])
    func theRequiredPatternsAreTheValidationsRules(_ text: String) throws {
        func matches(_ pattern: String) throws -> Bool {
            try NSRegularExpression(pattern: pattern).firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        let validText = (try? Validation.text(text, field: "subject", length: 1...200)) != nil
        #expect(try matches(OpenAPIDocument.requiredTextPattern) == validText)
        let validName = (try? Validation.userName(text)) != nil
        #expect(try matches(OpenAPIDocument.userNamePattern) == validName)
    }

    /// The text fields' pattern accepts exactly what `Validation.text` accepts (so generated valid text is valid).
    @Test func theTextPatternIsTheValidationsRule() throws {
        let regex = try NSRegularExpression(pattern: OpenAPIDocument.textPattern)
        for text in ["Paiement refusé 🌸", "tab\there", "lines\nand\r\nmore", "a\u{0}b", "bell\u{7}", "del\u{7F}", "c1\u{85}", "esc\u{1B}[31m", "nbsp\u{A0}ok"] {
            let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            let valid = (try? Validation.text(text, field: "subject", length: 1...200)) != nil
            #expect(matches == valid, "\(text.debugDescription)")
        }
    }

    @Test func documentDeclaresTheVocabularies() {
        let yaml = OpenAPIDocument.yaml
        #expect(yaml.contains("enum: [\(TriageCore.Category.allCases.map(\.rawValue).joined(separator: ", "))]"))
        #expect(yaml.contains("enum: [\(Priority.allCases.map(\.rawValue).joined(separator: ", "))]"))
        #expect(yaml.contains("enum: [\(TicketStatus.allCases.map(\.rawValue).joined(separator: ", "))]"))
        #expect(yaml.contains("maximum: \(FieldHints.limitRange.upperBound)"))
        #expect(yaml.contains("maxLength: \(Validation.subjectLength.upperBound)"))
    }
}
