// Thumbs up/down: one vote per contributor and contribution, with the counts and scores kept in step.
import Campaigns

/// A contribution's counts after a vote change, and the caller's vote.
public struct VoteTally: Sendable, Equatable {
    public var id: Int64
    public var counts: VoteCounts
    public var myVote: Vote

    public var up: Int { counts.up }
    public var down: Int { counts.down }
    public var score: Double { counts.score }
}

extension Row {
    /// A `votes.value`-like column (1 or -1, 0 for none in the journal).
    func vote(_ i: Int32, table: String) throws -> Vote {
        guard let vote = Vote(rawValue: int(i)) else { throw StoreError.corrupt(table: table, column: "value") }
        return vote
    }
}

extension Vote: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(rawValue)) }
}

/// Votes are read with the unfolded journal added (`VoteStore+Journal`), so a vote is seen as soon
/// as its transaction committed, whichever way it was written.
public struct VoteStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Sets the caller's vote (`.neither` retracts it) and returns the contribution's counts; its
    /// time is kept as the day (`CoarseTime`). Run it inside `Database.write` so the vote and the
    /// counts commit together or not at all.
    ///
    /// On the group-commit writer the vote is appended to the journal (`recordInJournal`);
    /// elsewhere (group commit off, the CLI) it is written straight into `votes` and the counts:
    /// one read of the counts and the old vote, the vote row, one rewrite of the contribution's row.
    public func set(contributionID: Int64, contributorID: Int64, vote: Vote, now: Int64) throws -> VoteTally {
        let now = CoarseTime.dayStart(now)
        if let journal = journalView?.journal {
            return try recordInJournal(journal, contributionID: contributionID, contributorID: contributorID, vote: vote, now: now)
        }
        guard let current = try storedCounts(contributionID: contributionID, contributorID: contributorID) else {
            throw StoreError.notFound
        }
        try writeVote(contributionID: contributionID, contributorID: contributorID, vote: vote, votedAt: now)
        let counts = current.counts + CountChange(from: current.old, to: vote)
        try setCounts(contributionID: contributionID, counts)
        return VoteTally(id: contributionID, counts: counts, myVote: vote)
    }

    /// The contribution's stored counts and the caller's stored vote, `nil` when the contribution
    /// does not exist. Stored: without the unfolded journal.
    func storedCounts(contributionID: Int64, contributorID: Int64) throws -> (counts: VoteCounts, old: Vote)? {
        try connection.queryOne(
            """
            SELECT up, down, coalesce((SELECT value FROM votes WHERE contribution_id = ?1 AND contributor_id = ?2), 0)
            FROM contributions WHERE id = ?1
            """, contributionID, contributorID
        ) { row -> (counts: VoteCounts, old: Vote) in (VoteCounts(up: row.int(0), down: row.int(1)), try row.vote(2, table: "votes")) }
    }

    /// The vote row: inserted or replaced for up and down, deleted for neither.
    func writeVote(contributionID: Int64, contributorID: Int64, vote: Vote, votedAt: Int64) throws {
        switch vote {
        case .neither:
            try connection.run(
                "DELETE FROM votes WHERE contribution_id = ? AND contributor_id = ?", contributionID, contributorID)
        case .up, .down:
            try connection.run(
                """
                INSERT INTO votes (contribution_id, contributor_id, value, voted_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (contribution_id, contributor_id) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at
                """, contributionID, contributorID, vote, votedAt)
        }
    }

    /// Rewrites the contribution's counts, score and controversy.
    func setCounts(contributionID: Int64, _ counts: VoteCounts) throws {
        try connection.run(
            "UPDATE contributions SET up = ?, down = ?, score = ?, controversy = ? WHERE id = ?",
            counts.up, counts.down, counts.score, counts.controversy, contributionID)
    }

    /// The stored vote alone.
    func storedVote(contributionID: Int64, contributorID: Int64) throws -> Vote {
        try connection.queryOne(
            "SELECT value FROM votes WHERE contribution_id = ? AND contributor_id = ?", contributionID, contributorID
        ) { row in try row.vote(0, table: "votes") } ?? .neither
    }

    public func myVote(contributionID: Int64, contributorID: Int64) throws -> Vote {
        let journaled = try journalVotes(by: contributorID, on: [contributionID])
        if let latest = journaled?[contributionID] { return latest.vote }
        return try storedVote(contributionID: contributionID, contributorID: contributorID)
    }

    /// The caller's votes on the given contributions, as id → vote (absent = none).
    public func myVotes(contributionIDs: [Int64], contributorID: Int64) throws -> [Int64: Vote] {
        guard !contributionIDs.isEmpty else { return [:] }
        let rows = try connection.query(
            "SELECT contribution_id, value FROM votes WHERE contributor_id = ? AND contribution_id IN (\(placeholders(contributionIDs.count)))",
            values: [.integer(contributorID)] + contributionIDs.map { .integer($0) }
        ) { row -> (Int64, Vote) in (row.int(0), try row.vote(1, table: "votes")) }
        var votes = Dictionary(rows, uniquingKeysWith: { first, _ in first })
        for (id, latest) in try journalVotes(by: contributorID, on: contributionIDs) ?? [:] {
            votes[id] = latest.vote == .neither ? nil : latest.vote
        }
        return votes
    }

    /// Every vote of one contributor, newest first.
    public func votes(contributorID: Int64) throws -> [(contributionID: Int64, vote: Vote)] {
        let stored = try connection.query(
            "SELECT contribution_id, value FROM votes WHERE contributor_id = ? ORDER BY voted_at DESC, contribution_id DESC",
            contributorID
        ) { row in (contributionID: row.int(0) as Int64, vote: try row.vote(1, table: "votes")) }
        guard let journaled = try journalVotes(by: contributorID, on: nil), !journaled.isEmpty else { return stored }
        let newest = journaled.sorted { $0.value.seq > $1.value.seq }
            .filter { $0.value.vote != .neither }
            .map { (contributionID: $0.key, vote: $0.value.vote) }
        return newest + stored.filter { journaled[$0.contributionID] == nil }
    }
}
