import Foundation
import Testing
import TriageCore

@testable import TriageTerminal

/// Canned replies are found like themes: `$TRIAGE_REPLIES`, then `replies/`; the shipped ones read well.
@Suite struct ReplyLoaderTests {
    static let repoReplies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("replies").path

    @Test func theShippedRepliesComeInFrenchAndEnglishAndUseOnlyKnownPlaceholders() throws {
        let loaded = ReplyLoader.load(environment: ["TRIAGE_REPLIES": Self.repoReplies])
        #expect(loaded.problems.isEmpty)
        let ids = Set(loaded.templates.map(\.id))
        #expect(loaded.templates.count >= 8)
        for template in loaded.templates {
            // every reply exists in both languages
            let name = template.id.split(separator: "/").last.map(String.init) ?? ""
            #expect(ids.contains("fr/\(name)") && ids.contains("en/\(name)"), "\(template.id)")
            var rest = template.body
            for placeholder in ReplyTemplate.placeholders { rest = rest.replacingOccurrences(of: placeholder, with: "") }
            #expect(!rest.contains("{") && !rest.contains("}"), "\(template.id): unknown placeholder")
        }
    }

    @Test func theEnvironmentFolderWinsAndBadFilesAreNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("triage-replies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("en"), withIntermediateDirectories: true)
        try "# Mine\nMy own text".write(to: dir.appendingPathComponent("en/refund-delay.md"), atomically: true, encoding: .utf8)
        try "just a title".write(to: dir.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
        try "ignored".write(to: dir.appendingPathComponent("notes.json"), atomically: true, encoding: .utf8)
        let loaded = ReplyLoader.load(environment: ["TRIAGE_REPLIES": dir.path])
        #expect(loaded.templates.first { $0.id == "en/refund-delay" }?.title == "Mine")
        #expect(loaded.problems == [dir.appendingPathComponent("broken.md").path])
        #expect(!loaded.templates.contains { $0.id == "notes" })
    }
}
