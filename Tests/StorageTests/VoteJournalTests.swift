// The vote journal: votes read the same before and after folding, survive a crash, and roll back alone.
import Campaigns
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Storage

struct VoteJournalTests {
    struct Refused: Error {}

    static let migrations = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Migrations").path

    /// One campaign with `contributions` contributions and `contributors` contributors, ids from 1.
    /// `keep`: the journal folds only when asked (or before a write that is not a vote).
    private func database(
        _ directory: TemporaryDirectory, name: String = "votes.sqlite", keep: Bool = true,
        contributions: Int = 4, contributors: Int = 6, _ configure: (inout DatabaseOptions) -> Void = { _ in }
    ) throws -> Database {
        let database = try directory.openDatabase(name, migrations: Self.migrations) { options in
            if keep {
                options.journalLightLoadVotes = 0
                options.journalFoldVotes = 1 << 30
                options.journalFoldMilliseconds = 1 << 30
            }
            configure(&options)
        }
        try database.write { connection in
            try connection.execute(
                """
                INSERT INTO campaigns (slug, title, state, pseudonym_secret, created_at) VALUES ('c', 'C', 'live', x'00', 0);
                INSERT INTO questions (campaign_id, phase, text) VALUES (1, 'understand', 'Q?');
                """)
            for index in 0..<contributions {
                try connection.run(
                    """
                    INSERT INTO contributions (campaign_id, question_id, phase, body, state, official, created_at)
                    VALUES (1, 1, 'understand', ?, 'visible', 0, 0)
                    """, "idea \(index)")
            }
            for index in 0..<contributors {
                try connection.run(
                    "INSERT INTO contributors (id, campaign_id, joined_on, shuffle_seed) VALUES (?, 1, 0, 0)", Int64(index + 1))
            }
        }
        return database
    }

    /// Sets a vote through the journal, as the vote route does, and waits for its completion.
    @discardableResult
    private func vote(
        _ database: Database, _ contribution: Int64, _ contributor: Int64, _ value: Int, fail: Bool = false
    ) throws -> VoteTally {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<VoteTally, any Error>?>(nil)
        database.writeVote({ connection in
            let tally = try VoteStore(connection).set(contributionID: contribution, contributorID: contributor, vote: Vote(rawValue: value)!, now: 7)
            if fail { throw Refused() }
            return tally
        }, completion: { result in
            outcome.withLock { $0 = result }
            done.signal()
        })
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Queues votes while a write holds the writer, then lets it go: they run as one batch.
    /// `failing` are the positions whose body throws after its vote was written.
    private func voteInOneBatch(
        _ database: Database, _ votes: [(Int64, Int64, Int)], failing: Set<Int> = []
    ) -> [Result<VoteTally, any Error>] {
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let held = DispatchGroup()
        DispatchQueue.global().async(group: held) {
            _ = try? database.write { _ in
                started.signal()
                release.wait()
            }
        }
        started.wait()
        let outcomes = Mutex<[Int: Result<VoteTally, any Error>]>([:])
        let done = DispatchGroup()
        for (position, (contribution, contributor, value)) in votes.enumerated() {
            done.enter()
            database.writeVote({ connection in
                let tally = try VoteStore(connection).set(contributionID: contribution, contributorID: contributor, vote: Vote(rawValue: value)!, now: 7)
                if failing.contains(position) { throw Refused() }
                return tally
            }, completion: { result in
                outcomes.withLock { $0[position] = result }
                done.leave()
            })
        }
        #expect(database.pendingWriteCount == votes.count, "queued behind the held write")
        release.signal()
        held.wait()
        done.wait()
        return outcomes.withLock { outcomes in votes.indices.map { outcomes[$0]! } }
    }

    /// The votes as a plain dictionary: what every read must agree with.
    private struct Model {
        var votes: [VoteKey: Int] = [:]

        mutating func set(_ contribution: Int64, _ contributor: Int64, _ value: Int) {
            votes[VoteKey(contributionID: contribution, contributorID: contributor)] = value == 0 ? nil : value
        }

        func counts(_ contribution: Int64) -> (up: Int, down: Int) {
            let values = votes.filter { $0.key.contributionID == contribution }.map(\.value)
            return (values.filter { $0 == 1 }.count, values.filter { $0 == -1 }.count)
        }

        func votes(by contributor: Int64) -> [Int64: Vote] {
            Dictionary(uniqueKeysWithValues: votes.filter { $0.key.contributorID == contributor }.map {
                ($0.key.contributionID, Vote(rawValue: $0.value)!)
            })
        }
    }

    /// Every way a reader sees votes agrees with `model`.
    private func expectReads(_ database: Database, _ model: Model, contributions: Int64 = 4, contributors: Int64 = 6) throws {
        try database.read { connection in
            for id in 1...contributions {
                let record = try #require(try ContributionStore(connection).contribution(id: id))
                let counts = model.counts(id)
                #expect((record.up, record.down) == counts, "contribution \(id)")
                #expect(record.score == Ranking.wilsonLowerBound(up: counts.up, down: counts.down))
            }
            // The public campaign's vote count too: it read the votes table alone and lagged (issue 19).
            #expect(try CampaignStore(connection).counts(campaignID: 1).votes == model.votes.count, "counts.votes")
            let ids = Array(1...contributions)
            for contributor in 1...contributors {
                let votes = VoteStore(connection)
                #expect(try votes.myVotes(contributionIDs: ids, contributorID: contributor) == model.votes(by: contributor))
                let listed = try votes.votes(contributorID: contributor)
                #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.contributionID, $0.vote) }) == model.votes(by: contributor))
                #expect(Set(listed.map(\.contributionID)).count == listed.count, "each contribution once")
                for id in ids {
                    #expect(try votes.myVote(contributionID: id, contributorID: contributor) == model.votes(by: contributor)[id] ?? .neither)
                }
            }
        }
    }

    /// What is stored, without the journal: the tables themselves.
    private func expectStored(_ database: Database, _ model: Model, contributions: Int64 = 4) throws {
        try database.read { connection in
            let rows = try connection.query("SELECT contribution_id, contributor_id, value FROM votes") { row in
                (VoteKey(contributionID: row.int(0), contributorID: row.int(1)), row.int(2) as Int)
            }
            #expect(Dictionary(uniqueKeysWithValues: rows) == model.votes)
            for id in 1...contributions {
                let stored = try connection.queryOne("SELECT up, down, score FROM contributions WHERE id = ?", id) { row in
                    (row.int(0) as Int, row.int(1) as Int, row.double(2))
                }
                let counts = model.counts(id)
                #expect(stored?.0 == counts.up && stored?.1 == counts.down, "contribution \(id)")
                #expect(stored?.2 == Ranking.wilsonLowerBound(up: counts.up, down: counts.down))
            }
        }
    }

    private func journalRows(_ database: Database) throws -> Int {
        try database.read { try $0.queryOne("SELECT count(*) FROM vote_journal") { $0.int(0) as Int } ?? -1 }
    }

    /// Casts `script(count:)` one vote at a time and returns the model of what it leaves.
    private func voteScript(_ database: Database, count: Int) throws -> Model {
        var model = Model()
        for (contribution, contributor, value) in script(count: count) {
            try vote(database, contribution, contributor, value)
            model.set(contribution, contributor, value)
        }
        return model
    }

    /// A fixed pseudo-random script of votes, retractions and changes of mind.
    private func script(count: Int, contributions: Int64 = 4, contributors: Int64 = 6) -> [(Int64, Int64, Int)] {
        var generator = SplitMix(seed: 42)
        return (0..<count).map { _ in
            (Int64.random(in: 1...contributions, using: &generator), Int64.random(in: 1...contributors, using: &generator),
             Int.random(in: -1...1, using: &generator))
        }
    }

    @Test func readsAddTheUnfoldedVotesAndFoldingStoresThem() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        var model = Model()
        for (step, (contribution, contributor, value)) in script(count: 240).enumerated() {
            let tally = try vote(database, contribution, contributor, value)
            model.set(contribution, contributor, value)
            let counts = model.counts(contribution)
            #expect((tally.up, tally.down, tally.myVote.rawValue) == (counts.up, counts.down, value), "step \(step)")
            if step % 40 == 39 { try expectReads(database, model) }
        }
        #expect(try journalRows(database) == 240, "the votes waited in the journal")
        #expect(database.writeStatistics.hookTransactions == 0)

        try database.foldVotes()
        #expect(try journalRows(database) == 0)
        #expect(database.writeStatistics.hookTransactions == 1)
        try expectStored(database, model)
        try expectReads(database, model)
        database.close()
    }

    @Test func aWriteThatIsNotAVoteFindsEveryEarlierVoteInTheTables() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let model = try voteScript(database, count: 30)
        let seen = try database.write { connection in
            try connection.query("SELECT up, down FROM contributions ORDER BY id") { row in [row.int(0) as Int, row.int(1) as Int] }
        }
        #expect(seen == (1...4).map { [model.counts($0).up, model.counts($0).down] })
        #expect(try journalRows(database) == 0)
    }

    @Test func aLoneVoterIsFoldedAtOnce() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory, keep: false)
        try vote(database, 1, 1, 1)
        try vote(database, 2, 1, -1)
        #expect(try journalRows(database) == 0)
        #expect(database.writeStatistics.hookTransactions >= 2)
        var model = Model()
        model.set(1, 1, 1)
        model.set(2, 1, -1)
        try expectStored(database, model)
    }

    @Test func aVoteWhoseWriteFailsLeavesNoTrace() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        try vote(database, 1, 1, 1)
        #expect(throws: Refused.self) { try vote(database, 1, 2, 1, fail: true) }
        #expect(throws: Refused.self) { try vote(database, 1, 1, -1, fail: true) }
        let tally = try vote(database, 1, 3, -1)
        #expect((tally.up, tally.down) == (1, 1))
        var model = Model()
        model.set(1, 1, 1)
        model.set(1, 3, -1)
        try expectReads(database, model)
        try database.foldVotes()
        try expectStored(database, model)
    }

    /// Votes run without a savepoint each; one whose body throws after its vote was written
    /// (breaking `writeVote`'s contract) cannot be undone alone, so the batch starts over without it.
    @Test func aVoteThatThrowsAfterWritingLeavesItsBatchIntact() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let votes: [(Int64, Int64, Int)] = [(1, 1, 1), (1, 2, -1), (2, 3, 1), (1, 4, 1), (99, 5, 1), (2, 1, -1)]
        let outcomes = voteInOneBatch(database, votes, failing: [2])
        var model = Model()
        for (position, outcome) in outcomes.enumerated() {
            switch position {
            case 2: #expect(throws: Refused.self) { try outcome.get() }
            case 4: #expect(throws: StoreError.self) { try outcome.get() }  // no such contribution: nothing written
            default:
                #expect(throws: Never.self) { try outcome.get() }
                model.set(votes[position].0, votes[position].1, votes[position].2)
            }
        }
        #expect(try outcomes[3].get().up == 2, "the batch's earlier vote on 1 counted")
        try expectReads(database, model)
        try database.foldVotes()
        try expectStored(database, model)
        database.close()
    }

    /// A due fold runs after the batch's COMMIT, in a transaction of its own.
    @Test func aDueFoldCommitsOnItsOwnAfterTheBatch() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory) { $0.journalFoldVotes = 4 }
        let before = database.writeStatistics
        let votes = script(count: 4)
        let outcomes = voteInOneBatch(database, votes)
        var model = Model()
        for (contribution, contributor, value) in votes { model.set(contribution, contributor, value) }
        #expect(outcomes.allSatisfy { (try? $0.get()) != nil })
        try vote(database, 3, 6, 1)  // runs after the fold: the writer is serial
        model.set(3, 6, 1)
        let after = database.writeStatistics
        #expect(after.hookTransactions == before.hookTransactions + 1)
        #expect(after.commits == before.commits + 4, "the held write, the batch, its fold, the last vote")
        #expect(try journalRows(database) == 1, "the last vote waits for the next fold")
        try expectReads(database, model)
        try database.foldVotes()
        try expectStored(database, model)
        database.close()
    }

    /// Votes left in the journal when the writer goes idle are folded a fold interval later.
    @Test func votesLeftWhenTheWriterGoesIdleAreFolded() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory) { $0.journalFoldMilliseconds = 50 }
        try vote(database, 1, 1, 1)
        try vote(database, 2, 2, -1)
        let deadline = DispatchTime.now().uptimeNanoseconds + 10_000_000_000
        while try journalRows(database) > 0, DispatchTime.now().uptimeNanoseconds < deadline { usleep(10_000) }
        #expect(try journalRows(database) == 0)
        var model = Model()
        model.set(1, 1, 1)
        model.set(2, 2, -1)
        try expectStored(database, model)
        database.close()
    }

    /// A copy of the files taken while votes wait in the journal is what a crash leaves behind.
    @Test func openingFoldsWhatACrashLeftInTheJournal() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        var model = try voteScript(database, count: 50)
        #expect(try journalRows(database) == 50)
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: directory.file("votes.sqlite" + suffix), toPath: directory.file("crashed.sqlite" + suffix))
        }
        database.close()

        let reopened = try directory.openDatabase("crashed.sqlite", migrations: Self.migrations)
        #expect(try journalRows(reopened) == 0)
        try expectStored(reopened, model)
        try expectReads(reopened, model)
        let tally = try vote(reopened, 1, 1, 1)
        model.set(1, 1, 1)
        #expect((tally.up, tally.down) == model.counts(1))
        reopened.close()
    }

    /// A reader whose snapshot predates a fold that memory has already let go of reads the
    /// journal rows of its own snapshot instead, and still adds them exactly once.
    @Test func aReaderOlderThanTheFoldReplaysItsSnapshot() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory) { $0.journalRetentionMilliseconds = 0 }
        let model = try voteScript(database, count: 60)
        try database.read { connection in
            let before = try #require(try VoteStore(connection).journalWindow())
            #expect(before.hi - before.lo == 59)
            try database.foldVotes()  // commits while this snapshot stays open
            #expect(VoteStore(connection).journalView?.journal.countChanges(for: [1], in: before) == nil, "memory let go of the window")
            for id in Int64(1)...4 {
                let record = try #require(try ContributionStore(connection).contribution(id: id))
                #expect((record.up, record.down) == model.counts(id))
            }
            #expect(try VoteStore(connection).myVotes(contributionIDs: [1, 2, 3, 4], contributorID: 2) == model.votes(by: 2))
        }
        try expectReads(database, model)
        try expectStored(database, model)
    }

    @Test func memoryDropsRolledBackVotesAndKeepsFoldedOnesForTheirRetention() {
        let journal = VoteJournal(retentionMilliseconds: 1)
        journal.start(after: 10)
        journal.record(seq: 11, contributionID: 1, contributorID: 1, vote: .up, old: .neither)
        journal.record(seq: 12, contributionID: 1, contributorID: 2, vote: .down, old: .neither)
        journal.committed(folded: nil, now: 0)
        journal.record(seq: 13, contributionID: 1, contributorID: 1, vote: .neither, old: .up)
        journal.discard(after: 12)  // its savepoint rolled back
        let window = JournalWindow(lo: 11, hi: 13)
        #expect(journal.countChanges(for: [1, 2], in: window) == [1: CountChange(up: 1, down: 1)])
        #expect(journal.latestVotes(by: 1, on: nil, in: window) == [1: JournaledVote(vote: .up, seq: 11)])
        #expect(journal.unfolded(now: 3_000_000) == (2, 3_000_000))

        journal.committed(folded: 12, now: 1_000_000)
        #expect(journal.unfolded(now: 1_500_000).count == 0)
        #expect(journal.countChanges(for: [1], in: window) != nil, "still held for snapshots older than the fold")
        journal.record(seq: 14, contributionID: 2, contributorID: 1, vote: .down, old: .neither)
        journal.committed(folded: nil, now: 2_000_001)
        #expect(journal.countChanges(for: [1], in: window) == nil, "retention passed: a reader must replay")
        #expect(journal.countChanges(for: [1, 2], in: JournalWindow(lo: 13, hi: 14)) == [2: CountChange(up: 0, down: 1)])
        #expect(journal.unfolded(now: 2_000_001).count == 2, "counted by seq, the rolled-back 13 included")
    }

    @Test func votersAtOnceAgreeWithTheTablesWhenTheDustSettles() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory, keep: false, contributions: 20, contributors: 40) {
            $0.journalFoldVotes = 64
        }
        let finalVotes = Mutex<[VoteKey: Int]>([:])
        DispatchQueue.concurrentPerform(iterations: 40) { contributor in
            var generator = SplitMix(seed: UInt64(contributor))
            for _ in 0..<25 {
                let contribution = Int64.random(in: 1...20, using: &generator)
                let value = Int.random(in: -1...1, using: &generator)
                if (try? vote(database, contribution, Int64(contributor + 1), value)) != nil {
                    finalVotes.withLock { $0[VoteKey(contributionID: contribution, contributorID: Int64(contributor + 1))] = value }
                }
            }
        }
        var model = Model()
        for (key, value) in finalVotes.withLock({ $0 }) { model.set(key.contributionID, key.contributorID, value) }
        try expectReads(database, model, contributions: 20, contributors: 40)
        try database.foldVotes()
        try expectStored(database, model, contributions: 20)
        #expect(database.writeStatistics.hookTransactions >= 1)
    }
}
