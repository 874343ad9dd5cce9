// A large votes export keeps the server's memory flat: pages are read and sent, never collected.
import Foundation
import Glibc
import Storage
import Testing
import TestSupport
@testable import App

/// The server runs as its own process (the built `groundswell serve`), so the assertion reads the
/// memory of that process alone: in-process, tests running in parallel would move the numbers.
@Suite("Export memory") struct ExportMemoryTests {
    /// VmRSS of process `pid` in bytes, from /proc/<pid>/status (kB there).
    private static func residentBytes(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return kilobytes * 1024
    }

    /// Ids of the added participants start above this (the fixture's own are random, from 1 to 2^62).
    private static let firstID: Int64 = 1 << 62

    /// Adds 1,000 participants and 800 contributions, each voted on by everyone: 800,000 votes.
    private func fill(_ fixture: ExportFixture) throws -> String {
        let id = fixture.campaign.id
        let now = fixture.clock.now
        let token = "memory-test-organiser"
        try fixture.database.write { connection in
            try connection.run(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
                INSERT INTO contributors (id, campaign_id, joined_on, shuffle_seed) SELECT ?3 + i, ?1, ?2 / 86400, i FROM n
                """, id, now, Self.firstID)
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
                WHERE c.campaign_id = ?2 AND p.campaign_id = ?2 AND c.id > 8 AND p.id > ?3
                """, now, id, Self.firstID)
            let staff = try StaffStore(connection).create(
                NewStaff(name: "organiser", role: .organiser, passwordHash: [1], salt: [2], iterations: 1), now: now)
            _ = try StaffCredentialStore(connection).addToken(staffID: staff, tokenHash: Tokens.hash(token), label: "", now: now)
        }
        return token
    }

    @Test func eightHundredThousandVotesStreamInFlatServerMemory() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let token = try fill(fixture)
        let path = fixture.directory + "/export.sqlite"
        fixture.database.close()

        let server = Process()
        server.executableURL = URL(fileURLWithPath: TestApp.packageRoot + "/.build/debug/groundswell")
        server.arguments = ["serve", "--db", path, "--port", "0", "--migrations", TestApp.packageRoot + "/Migrations"]
        server.environment = ["GROUNDSWELL_ACCESS_LOG": "off", "GROUNDSWELL_RATE_LIMITS": "off"]
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0.filter(\.isNumber)) })


        func download(_ table: String) throws -> Int {
            let client = try RawClient(port: port, timeoutSeconds: 120)
            try client.send("GET /admin/campaigns/fixture/export/\(table).csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            return response.body.count
        }
        // Warm up the server's code paths and a reader with a small export first.
        _ = try download("stats")
        let before = try #require(Self.residentBytes(server.processIdentifier))

        let peak = Peak()
        let pid = server.processIdentifier
        let sampler = Thread {
            while !peak.stopped {
                if let rss = Self.residentBytes(pid) { peak.record(rss) }
                usleep(2_000)
            }
        }
        sampler.start()
        let bytes = try download("votes")
        peak.stop()
        if let rss = Self.residentBytes(pid) { peak.record(rss) }

        #expect(bytes > 13_000_000)  // 800,000 rows of `contribution,value,voted_on`
        // Holding the export or its rows would add well over the 13 MB sent; SQLite's page caches
        // (2 MB per reader connection) and one page of rows are what may grow.
        #expect(peak.value - before < 12_000_000, "server grew by \(peak.value - before) bytes for \(bytes) bytes exported")
    }
}

/// The highest value seen, written by the sampler thread and read by the test.
private final class Peak: @unchecked Sendable {
    private let lock = NSLock()
    private var highest = 0
    private var done = false

    var value: Int { lock.withLock { highest } }
    var stopped: Bool { lock.withLock { done } }
    func record(_ value: Int) { lock.withLock { highest = max(highest, value) } }
    func stop() { lock.withLock { done = true } }
}
