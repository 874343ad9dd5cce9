// The analysis aids' tables hold nothing about a contributor: the database holder learns no more from them.
import Testing
@testable import App

@Suite struct AssistPrivacyTests {
    static let tables = ["candidate_drafts", "candidates", "candidate_members", "machine_runs", "machine_codes",
                         "machine_code_themes"]

    /// No column of these tables points at a contributor, names one, or dates one: contribution, theme and staff
    /// ids, and times of staff actions, only (PRIVACY.md, "Assisted analysis").
    @Test func noColumnLinksAContributor() throws {
        let server = try TestApp()
        defer { server.close() }
        try server.app.database.read { connection in
            for table in Self.tables {
                let columns = try connection.query("SELECT name FROM pragma_table_info(?)", table) { $0.text(0) }
                #expect(!columns.isEmpty, "\(table) exists")
                for column in columns {
                    #expect(!["contributor", "token", "joined", "device", "profile", "invite"].contains { column.contains($0) },
                            "\(table).\(column)")
                }
                let targets = try connection.query("SELECT \"table\" FROM pragma_foreign_key_list(?)", table) { $0.text(0) }
                #expect(!targets.contains("contributors"), "\(table) references contributors")
                #expect(Set(targets).isSubset(of: ["campaigns", "candidate_drafts", "candidates", "contributions", "themes",
                                                   "staff", "machine_runs", "machine_codes"]), "\(table): \(targets)")
            }
        }
    }
}
