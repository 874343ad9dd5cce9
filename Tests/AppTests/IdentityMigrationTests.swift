// Migration 0006 and the first start after it: old rows moved into the privacy model, nothing lost, nothing left behind.
import Campaigns
import Foundation
import Storage
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct IdentityMigrationTests {
    /// A database as it was before issue 17: sequential contributor ids, SHA-256 token and code
    /// hashes, invite use times equal to join times, profile answers in clear, second-precision votes.
    private static func legacyDatabase(in directory: String) throws -> String {
        let old = directory + "/migrations-0005"
        try FileManager.default.createDirectory(atPath: old, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: TestApp.packageRoot + "/Migrations")
        where name < "0006" {
            try FileManager.default.copyItem(atPath: TestApp.packageRoot + "/Migrations/" + name, toPath: old + "/" + name)
        }
        let path = directory + "/legacy.sqlite"
        var options = DatabaseOptions(path: path)
        options.synchronous = .normal
        let database = try Database(options: options, migrationsDirectory: old)
        defer { database.close() }
        try database.write { c in
            try c.execute(
                """
                INSERT INTO campaigns (id, slug, title, state, access, access_code_hash, pseudonym_secret, created_at)
                VALUES (1, 'test', 'Test', 'live', 'invite', \(Self.hex(Tokens.legacyCodeHash("SHARED-CODE-1"))), x'01', 0);
                INSERT INTO phases (campaign_id, kind, state) VALUES (1, 'understand', 'open'), (1, 'answer', 'pending'),
                    (1, 'prioritise', 'pending'), (1, 'act', 'pending');
                INSERT INTO questions (id, campaign_id, phase, text) VALUES (1, 1, 'understand', 'What is hard?');
                INSERT INTO profile_questions (id, campaign_id, key, label, choices) VALUES (1, 1, 'age', 'Age', '["Under 40","40 or over"]');
                """)
            for person in 1...6 {
                let token = "legacy-token-\(person)"
                let joined: Int64 = 1_795_000_000 + Int64(person) * 3_671
                try c.run(
                    "INSERT INTO contributors (id, campaign_id, token_hash, joined_at, shuffle_seed) VALUES (?, 1, ?, ?, ?)",
                    Int64(person), Tokens.hash(token), joined, Int64(person))
                try c.run(
                    "INSERT INTO invites (campaign_id, code_hash, created_at, used_at) VALUES (1, ?, 0, ?)",
                    Tokens.legacyCodeHash("USED-CODE-\(person)"), joined)
                try c.run(
                    "INSERT INTO profile_answers (contributor_id, profile_question_id, choice) VALUES (?, 1, ?)",
                    Int64(person), person <= 5 ? "Under 40" : "40 or over")
                try c.run(
                    """
                    INSERT INTO contributions (id, campaign_id, question_id, contributor_id, phase, body, created_at)
                    VALUES (?, 1, 1, ?, 'understand', ?, ?)
                    """, Int64(person), Int64(person), "Idea \(person)", joined + 60)
            }
            try c.run("INSERT INTO invites (campaign_id, code_hash, created_at) VALUES (1, ?, 0)", Tokens.legacyCodeHash("FRESH-CODE-1"))
            try c.execute(
                """
                INSERT INTO votes (contribution_id, contributor_id, value, voted_at) VALUES (1, 2, 1, 1795100123), (1, 3, -1, 1795100456);
                UPDATE contributions SET up = 1, down = 1 WHERE id = 1;
                INSERT INTO comments (id, contribution_id, contributor_id, body, created_at) VALUES (1, 1, 4, 'A comment', 1795100789);
                INSERT INTO flags (contribution_id, contributor_id, reason, created_at) VALUES (2, 5, 'rude', 1795100999);
                INSERT INTO merges (source_id, target_id, source_state, source_votes, target_votes, moved_comments, created_at)
                VALUES (6, 1, 'visible', '[[6,1]]', '[[2,1],[3,-1]]', '[]', 0);
                """)
        }
        return path
    }

    private static func hex(_ bytes: [UInt8]) -> String { "x'" + bytes.map { String(format: "%02x", $0) }.joined() + "'" }

    @Test func oldRowsMoveIntoTheModelAndKeepWorking() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gs-legacy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try Self.legacyDatabase(in: directory)

        var config = AppConfiguration()
        config.port = 0
        config.databasePath = path
        config.migrationsDirectory = TestApp.packageRoot + "/Migrations"
        config.publicDirectory = TestApp.packageRoot + "/Public"
        config.synchronous = .normal
        config.rateLimits = false
        config.accessLog = false
        let clock = ManualClock(1_795_200_000)
        let app = try Application(configuration: config, clock: clock) { _ in }
        let port = try app.start()
        defer {
            let done = DispatchSemaphore(value: 0)
            app.shutdown { done.signal() }
            done.wait()
        }

        let (ids, days, legacy, votes, authors, commenter, flagger, merge) = try app.database.read { c in
            (try c.query("SELECT id FROM contributors ORDER BY id") { row -> Int64 in row.int(0) },
             try c.query("SELECT DISTINCT joined_on FROM contributors") { row -> Int64 in row.int(0) },
             try c.queryOne("SELECT count(*) FROM legacy_profile_answers") { row -> Int in row.int(0) },
             try c.query("SELECT contributor_id, voted_at FROM votes ORDER BY value DESC") { row -> (Int64, Int64) in (row.int(0), row.int(1)) },
             try c.query("SELECT contributor_id FROM contributions ORDER BY id") { row -> Int64 in row.int(0) },
             try c.queryOne("SELECT contributor_id FROM comments") { row -> Int64 in row.int(0) },
             try c.queryOne("SELECT contributor_id || ' ' || created_at FROM flags") { row -> String in row.text(0) },
             try c.queryOne("SELECT source_votes || ' ' || target_votes FROM merges") { row -> String in row.text(0) })
        }
        #expect(ids.count == 6)
        #expect(ids != Array(1...6), "ids are random now, not the join order")
        #expect(days == [1_795_000_000 / 86_400], "join times are cut to the day")
        #expect(legacy == 0, "the answers waiting for their seal are gone")
        // Every reference follows its contributor to the new id.
        #expect(authors.count == 6 && Set(authors) == Set(ids))
        #expect(votes.map(\.1).allSatisfy { $0 % 86_400 == 0 }, "vote times are cut to the day")
        #expect(votes.map(\.0) == [authors[1], authors[2]])
        #expect(commenter == authors[3])
        #expect(flagger == "\(authors[4]) \(1_795_100_999 - 1_795_100_999 % 86_400)")
        #expect(merge == "[[\(authors[5]),1]] [[\(authors[1]),1],[\(authors[2]),-1]]")

        let client = APIClient(port: port)
        // An old device token still signs in, and its stored hash is re-keyed.
        client.token = "legacy-token-1"
        let me = try client.send("GET", "/api/me?campaign=test")
        #expect(me.status == 200)
        #expect((me.json["contributions"] as? [[String: Any]])?.first?["body"] as? String == "Idea 1")
        try app.database.foldVotes()
        _ = try app.database.write { _ in }
        let keyed = try app.database.read { try $0.queryOne("SELECT count(*) FROM devices WHERE keyed = 1") { row -> Int in row.int(0) } }
        #expect(keyed == 1)
        // Old codes: a used invite stays used, a fresh one works once and is re-keyed, the shared code works.
        #expect(try APIClient(port: port).join(json: #"{"code":"USED-CODE-1"}"#).errorCode == "code_used")
        #expect(try APIClient(port: port).join(json: #"{"code":"fresh code 1"}"#).status == 201)
        #expect(try APIClient(port: port).join(json: #"{"code":"FRESH-CODE-1"}"#).errorCode == "code_used")
        #expect(try APIClient(port: port).join(json: #"{"code":"SHARED-CODE-1"}"#).status == 201)
        #expect(try APIClient(port: port).join(json: #"{"code":"SHARED-CODE-1"}"#).status == 201)
        let unkeyed = try app.database.read { c in
            (try c.queryOne("SELECT count(*) FROM invites WHERE keyed = 0 AND used = 0") { row -> Int in row.int(0) },
             try c.queryOne("SELECT access_code_keyed FROM campaigns") { row -> Bool in row.bool(0) })
        }
        #expect(unkeyed.0 == 0 && unkeyed.1 == true)
        // The sealed answers still count: five under 40 and one over, released at once (they joined on an
        // earlier day; the scheduler's first tick may have released them already), today's joins not yet.
        _ = try app.releaseStatistics()
        let release = try app.database.read { try StatisticsReleaseStore($0).latest(campaignID: 1) }
        #expect(release?.groups == ["=Under 40": 5, "=40 or over": 1])
        #expect(release?.participants == 6)
    }
}
