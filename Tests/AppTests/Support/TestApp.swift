// A real Groundswell server on 127.0.0.1:0 with a temporary database, a manual clock and a seeded campaign.
import Campaigns
import Foundation
import Glibc
@testable import App
import Storage

/// One running application per test. `close()` shuts it down and removes the temporary directory.
final class TestApp: @unchecked Sendable {
    let app: Application
    let port: Int
    let directory: String
    let clock: ManualClock
    /// Log lines the server wrote (for the anonymity scan).
    let logLines = LockedLines()
    /// Ids of the seeded campaign "test": an Understand question and an Answer question.
    private(set) var campaignID: Int64 = 0
    private(set) var understandQuestion: Int64 = 0
    private(set) var answerQuestion: Int64 = 0

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `configure` changes the configuration last, for tests of one setting.
    init(
        rateLimits: Bool = false, flagThreshold: Int = 2, access: AccessMode = .open, metricsPort: Int? = nil,
        outcomeAlerts: (any OutcomeAlerts)? = nil, configure: (inout AppConfiguration) -> Void = { _ in }
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gs-app-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = AppConfiguration()
        config.port = 0
        config.databasePath = directory + "/test.sqlite"
        config.migrationsDirectory = TestApp.packageRoot + "/Migrations"
        config.publicDirectory = TestApp.packageRoot + "/Public"
        config.synchronous = .normal
        config.rateLimits = rateLimits
        config.heartbeatInterval = 3600
        config.scheduleInterval = 3600
        config.accessLog = false
        config.metricsPort = metricsPort
        configure(&config)
        clock = ManualClock(1_795_000_000)
        let lines = logLines
        app = try Application(configuration: config, clock: clock, outcomeAlerts: outcomeAlerts) { line in lines.append(line) }
        port = try app.start()
        try seed(flagThreshold: flagThreshold, access: access)
    }

    private func seed(flagThreshold: Int, access: AccessMode) throws {
        let now = clock.now
        let ids = try app.database.write { connection -> (Int64, Int64, Int64) in
            let store = CampaignStore(connection)
            let id = try store.create(
                NewCampaign(
                    slug: "test", title: "Test campaign", summary: "Summary", description: "Description", state: .live,
                    access: access, accessCodeHash: nil, pseudonymSecret: [1, 2, 3], flagThreshold: flagThreshold),
                now: now)
            var phases = Phase.initial
            phases[0].state = .open
            try store.setPhases(campaignID: id, phases)
            let understand = try store.addQuestion(campaignID: id, phase: .understand, text: "What is hard?")
            let answer = try store.addQuestion(campaignID: id, phase: .answer, text: "What would help?")
            try store.setProfileQuestions(campaignID: id, [
                ProfileQuestionRecord(key: "age", label: "Age", choices: ["Under 40", "40 or over"], required: false),
            ])
            return (id, understand, answer)
        }
        (campaignID, understandQuestion, answerQuestion) = ids
    }

    func client() -> APIClient { APIClient(port: port) }

    /// Polls `condition` every millisecond until it holds; false if it never did within 10 s
    /// (a failure bound for a broken server, not a timing assertion).
    func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<10_000 {
            if condition() { return true }
            usleep(1000)
        }
        return condition()
    }

    /// Replaces the phases of the test campaign (e.g. to close Understand).
    func setPhases(_ phases: [Phase]) throws {
        let id = campaignID
        try app.database.write { connection in try CampaignStore(connection).setPhases(campaignID: id, phases) }
    }

    /// Adds invite codes to the test campaign as the invites route does (keyed hashes only).
    func addInvites(_ codes: [String]) throws {
        let id = campaignID
        let macs = codes.map(app.context.key.inviteMAC)
        try app.database.write { connection in try ContributorStore(connection).addInvites(campaignID: id, macs: macs) }
    }

    /// Makes the statistics releases due a day from now (moving the clock there), as the scheduler
    /// would after midnight; returns how many were made.
    @discardableResult
    func releaseStatistics() throws -> Int {
        clock.advance(by: 86_400)
        return try app.releaseStatistics()
    }

    /// Row counts of the tables a contributor writes to, to prove a refused request wrote nothing.
    func rowCounts() throws -> [String: Int] {
        try app.database.read { connection in
            var counts: [String: Int] = [:]
            for table in ["contributors", "devices", "contributions", "votes", "comments", "flags", "invites"] {
                counts[table] = try connection.queryOne("SELECT count(*) FROM \(table)") { row -> Int in row.int(0) }
            }
            counts["edited"] = try connection.queryOne(
                "SELECT count(*) FROM contributions WHERE edited_at IS NOT NULL OR state <> 'visible'"
            ) { row -> Int in row.int(0) }
            counts["used_invites"] = try connection.queryOne("SELECT count(*) FROM invites WHERE used = 1") {
                row -> Int in row.int(0)
            }
            return counts
        }
    }

    func close() {
        let done = DispatchSemaphore(value: 0)
        app.shutdown { done.signal() }
        done.wait()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
