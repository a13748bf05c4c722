import Foundation
import Hummingbird
import Testing
import TriageCore

@testable import TriageAPI

/// The OpenAPI document stays true to the router: the same paths with the same methods, and the examples it gives
/// are accepted by the API.
@Suite struct OpenAPITests {
    /// `METHOD /path` for every operation in the document (paths at two spaces, methods at four, under `paths:`).
    static func documentedRoutes() -> Set<String> {
        var routes: Set<String> = []
        var inPaths = false
        var path: String?
        for line in OpenAPIDocument.yaml.split(separator: "\n", omittingEmptySubsequences: false) {
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
