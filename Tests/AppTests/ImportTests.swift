// Imports of invite codes and codebooks: all rows or none, with every bad row reported by line.
import Foundation
import Storage
import Testing
@testable import App

@Suite("Imports") struct ImportTests {
    private func count(_ fixture: ExportFixture, _ table: String) throws -> Int {
        try fixture.database.read { try $0.queryOne("SELECT count(*) FROM \(table)") { row -> Int in row.int(0) } ?? 0 }
    }

    private func invites(_ text: String, _ fixture: ExportFixture) throws -> Int {
        try InviteImport.run(
            csv: Array(text.utf8), slug: "fixture", database: fixture.database, key: ExportFixture.key, clock: fixture.clock)
    }

    private func codebook(_ text: String, _ fixture: ExportFixture) throws -> Int {
        try CodebookImport.run(csv: Array(text.utf8), slug: "fixture", database: fixture.database, clock: fixture.clock)
    }

    private func lines(of error: any Error) -> [Int] {
        guard case ImportError.badRows(let problems) = error else { return [] }
        return problems.map(\.line)
    }

    @Test func inviteCodesAreStoredAsKeyedHashesOnly() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let added = try invites("\u{FEFF}Code\r\nAB12-CD34\r\n\"ef56 gh78\"\r\nzz99zz99\r\n", fixture)
        #expect(added == 3)
        let hashes = try fixture.database.read { try $0.query("SELECT code_mac FROM invites WHERE keyed = 1") { $0.blob(0) } }
        #expect(Set(hashes) == Set(["AB12CD34", "EF56GH78", "ZZ99ZZ99"].map(ExportFixture.key.inviteMAC)))
        #expect(Set(hashes).isDisjoint(with: ["AB12CD34", "EF56GH78", "ZZ99ZZ99"].map(Tokens.legacyCodeHash)))
    }

    @Test func anyBadInviteRowMeansNothingIsWritten() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        _ = try invites("code\nEXISTING1\n", fixture)
        let file = "code\nGOOD0001\n\nab\nGOOD-0001\nbad!code\nexisting1\nGOOD0002\n"
        #expect(throws: ImportError.self) { try invites(file, fixture) }
        do {
            _ = try invites(file, fixture)
        } catch {
            #expect(lines(of: error) == [4, 5, 6, 7])
        }
        #expect(try count(fixture, "invites") == 1)
    }

    @Test func codebookLinksParentsInAnyOrder() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let file = "name,kind,description,parent\nBuses,code,\"Routes, fares\",Transport\nTransport,,,\nNight buses,code,,Buses\nHome care,,,Care\n"
        #expect(try codebook(file, fixture) == 4)
        let rows = try fixture.database.read { connection in
            try connection.query(
                "SELECT t.name, t.kind, t.published, p.name FROM themes t LEFT JOIN themes p ON p.id = t.parent_id ORDER BY t.id"
            ) { row in "\(row.text(0))|\(row.text(1))|\(row.int64(2))|\(row.optionalText(3) ?? "-")" }
        }
        #expect(rows.suffix(4) == ["Buses|code|0|Transport", "Transport|theme|0|-", "Night buses|code|0|Buses", "Home care|theme|0|Care"])
    }

    @Test func anyBadCodebookRowMeansNothingIsWritten() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let before = try count(fixture, "themes")
        let file = """
        name,kind,parent
        Fine,theme,
        ,theme,
        Fine,theme,
        Orphan,theme,Nowhere
        A,theme,B
        B,theme,A
        Care,theme,
        Odd,Two words,
        Self,theme,Self
        """
        do {
            _ = try codebook(file, fixture)
            Issue.record("the import should have failed")
        } catch {
            #expect(lines(of: error) == [3, 4, 5, 6, 7, 8, 9, 10])
            #expect(String(describing: error).contains("line 5: the parent \"Nowhere\""))
        }
        #expect(try count(fixture, "themes") == before)
    }

    @Test(arguments: ["", "title\nx\n", "name,name\nx,y\n", "name,colour\nx,red\n"])
    func badHeadersAreRefused(file: String) throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        #expect {
            _ = try codebook(file, fixture)
        } throws: { error in
            if case ImportError.unreadable = error { return true }
            return false
        }
    }

    @Test func unknownCampaignIsRefused() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        #expect(throws: ImportError.campaignNotFound("nope")) {
            try InviteImport.run(
                csv: Array("code\nABCD1234\n".utf8), slug: "nope", database: fixture.database, key: ExportFixture.key,
                clock: fixture.clock)
        }
    }
}
