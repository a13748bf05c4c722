import Testing

@testable import TriagePostgres

/// Migration files are cut into statements as psql cuts them.
@Suite struct SQLScriptTests {
    @Test("statements end at semicolons outside quotes, dollar bodies and comments", arguments: [
        ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
        ("SELECT 'a;b'; SELECT 'it''s;'", ["SELECT 'a;b'", "SELECT 'it''s;'"]),
        ("SELECT \"we;ird\" FROM t", ["SELECT \"we;ird\" FROM t"]),
        ("-- a; comment\nSELECT 1; /* x; /* nested; */ y; */ SELECT 2", ["-- a; comment\nSELECT 1", "/* x; /* nested; */ y; */ SELECT 2"]),
        ("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql; SELECT 3",
         ["CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql", "SELECT 3"]),
        ("DO $body$ BEGIN PERFORM '$$;'; END $body$; SELECT 4", ["DO $body$ BEGIN PERFORM '$$;'; END $body$", "SELECT 4"]),
        ("SELECT E'a\\';b'; SELECT 5", ["SELECT E'a\\';b'", "SELECT 5"]),
        ("SELECT a$b FROM t; SELECT $1", ["SELECT a$b FROM t", "SELECT $1"]),
        ("  ;; -- only comments\n /* and space */ ;", []),
    ])
    func cuts(sql: String, expected: [String]) throws {
        #expect(try SQLScript.statements(sql) == expected)
    }

    @Test func psqlCommandsAreRefusedWithTheirLine() {
        #expect(throws: SQLScript.Unsupported.self) { try SQLScript.statements("SELECT 1;\n\\echo hi\nSELECT 2;") }
        do {
            _ = try SQLScript.statements("SELECT 1;\n\\set x 1")
        } catch {
            #expect(error.line == 2 && error.text == "\\set x 1")
        }
    }

    @Test func theShippedFilesAreCutWithoutLoss() throws {
        for sql in [PostgresSchema.roles] + PostgresSchema.migrations.map(\.sql) {
            let statements = try SQLScript.statements(sql)
            #expect(!statements.isEmpty)
            // Every statement keeps its text: joined back, only separators, comments and space are gone.
            let strip = { (text: String) in text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != ";" }.count }
            #expect(statements.map(strip).reduce(0, +) <= strip(sql))
        }
    }
}
