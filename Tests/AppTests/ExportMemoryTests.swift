// A large votes export keeps the process's memory flat: pages are read and sent, never collected.
import Foundation
import Testing
@testable import App

@Suite("Export memory") struct ExportMemoryTests {
    /// This process's resident set size in bytes, from /proc/self/status (VmRSS, in kB).
    private func residentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        let kilobytes = try #require(Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty }.map(String.init) ?? ""))
        return kilobytes * 1024
    }

    @Test func fourHundredThousandVotesStreamInFlatMemory() throws {
        let fixture = try ExportFixture(readerCount: 1)
        defer { fixture.close() }
        let id = fixture.campaign.id
        let now = fixture.clock.now
        try fixture.database.write { connection in
            try connection.run(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                INSERT INTO contributors (campaign_id, token_hash, joined_at, shuffle_seed) SELECT ?, randomblob(32), ?, i FROM n
                """, id, now)
            let question = try connection.queryOne("SELECT min(id) FROM questions WHERE campaign_id = ?", id) { row -> Int64 in row.int(0) }
            try connection.run(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800)
                INSERT INTO contributions (campaign_id, question_id, phase, body, created_at)
                SELECT ?, ?, 'understand', 'idea ' || i, ? FROM n
                """, id, question, now)
            try connection.run(
                """
                INSERT INTO votes (contribution_id, contributor_id, value, voted_at)
                SELECT c.id, p.id, CASE WHEN (c.id + p.id) % 3 = 0 THEN -1 ELSE 1 END, ?1
                FROM contributions c, contributors p
                WHERE c.campaign_id = ?2 AND p.campaign_id = ?2 AND c.id > 8 AND p.id > 7
                """, now, id)
        }
        let stream = CSVExportStream(source: try fixture.sources().source(for: .votes), log: { _ in })
        // Warm up: the header and a first page, so prepared statements and SQLite's page cache
        // (at most ~2 MB per connection, one reader here) are part of the baseline.
        var bytes = 0
        for _ in 0..<2 {
            guard case .chunk(let chunk) = stream.next(wake: {}) else { Issue.record("ended early"); return }
            bytes += chunk.count
        }
        let before = try residentBytes()
        var peak = before
        var pulls = 0
        while case .chunk(let chunk) = stream.next(wake: {}) {
            bytes += chunk.count
            pulls += 1
            if pulls % 20 == 0 { peak = max(peak, try residentBytes()) }
        }
        peak = max(peak, try residentBytes())
        #expect(stream.rowsWritten == 400_000 + 14)
        #expect(bytes > 16_000_000)
        // Holding the export (or its rows) would grow by more than the ~16 MB of bytes produced.
        #expect(peak - before < 6_000_000, "grew by \(peak - before) bytes for \(bytes) bytes exported")
    }
}
