// Thumbs up/down: one vote per contributor and contribution, with the counts and scores kept in step.
import Campaigns

/// A contribution's counts after a vote change.
public struct VoteTally: Sendable, Equatable {
    public var id: Int64
    public var up: Int
    public var down: Int
    public var score: Double
    public var myVote: Int
}

/// What one vote change does to its contribution's `up` and `down`.
struct CountChange: Equatable {
    var up = 0
    var down = 0

    init(up: Int = 0, down: Int = 0) {
        self.up = up
        self.down = down
    }

    /// Replacing `old` by `new` (each 1, -1, or 0 for none).
    init(from old: Int, to new: Int) {
        up = (new == 1 ? 1 : 0) - (old == 1 ? 1 : 0)
        down = (new == -1 ? 1 : 0) - (old == -1 ? 1 : 0)
    }

    var isZero: Bool { up == 0 && down == 0 }

    static func += (lhs: inout CountChange, rhs: CountChange) {
        lhs.up += rhs.up
        lhs.down += rhs.down
    }
}

/// Votes are read with the unfolded journal added (`VoteStore+Journal`), so a vote is seen as soon
/// as its transaction committed, whichever way it was written.
public struct VoteStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Sets the caller's vote to `value` (1, -1, or 0 to retract) and returns the contribution's
    /// counts. Run it inside `Database.write` so the vote and the counts commit together or not at all.
    ///
    /// On the group-commit writer the vote is appended to the journal (`recordInJournal`);
    /// elsewhere (group commit off, the CLI) it is written straight into `votes` and the counts:
    /// one read of the counts and the old vote, the vote row, one rewrite of the contribution's row.
    /// Sets the contributor's vote; its time is kept as the day (`CoarseTime`).
    public func set(contributionID: Int64, contributorID: Int64, value: Int, now: Int64) throws -> VoteTally {
        precondition((-1...1).contains(value), "vote value is checked by the caller")
        let now = CoarseTime.dayStart(now)
        if let journal = connection.voteJournal {
            return try recordInJournal(journal, contributionID: contributionID, contributorID: contributorID, value: value, now: now)
        }
        guard let current = try storedCounts(contributionID: contributionID, contributorID: contributorID) else {
            throw StoreError.notFound
        }
        try writeVote(contributionID: contributionID, contributorID: contributorID, value: value, votedAt: now)
        let (up, down) = try setCounts(
            contributionID: contributionID, up: current.up, down: current.down, change: CountChange(from: current.old, to: value))
        return VoteTally(id: contributionID, up: up, down: down, score: Ranking.wilsonLowerBound(up: up, down: down), myVote: value)
    }

    /// The contribution's stored counts and the caller's stored vote (0 for none), `nil` when the
    /// contribution does not exist. Stored: without the unfolded journal.
    func storedCounts(contributionID: Int64, contributorID: Int64) throws -> (up: Int, down: Int, old: Int)? {
        try connection.queryOne(
            """
            SELECT up, down, coalesce((SELECT value FROM votes WHERE contribution_id = ?1 AND contributor_id = ?2), 0)
            FROM contributions WHERE id = ?1
            """, contributionID, contributorID
        ) { row -> (up: Int, down: Int, old: Int) in (row.int(0), row.int(1), row.int(2)) }
    }

    /// The vote row: inserted or replaced for 1 and -1, deleted for 0.
    func writeVote(contributionID: Int64, contributorID: Int64, value: Int, votedAt: Int64) throws {
        if value == 0 {
            try connection.run(
                "DELETE FROM votes WHERE contribution_id = ? AND contributor_id = ?", contributionID, contributorID)
        } else {
            try connection.run(
                """
                INSERT INTO votes (contribution_id, contributor_id, value, voted_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (contribution_id, contributor_id) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at
                """, contributionID, contributorID, value, votedAt)
        }
    }

    /// Rewrites the contribution's counts, score and controversy as `up`/`down` plus `change`.
    func setCounts(contributionID: Int64, up: Int, down: Int, change: CountChange) throws -> (up: Int, down: Int) {
        let up = up + change.up, down = down + change.down
        try connection.run(
            "UPDATE contributions SET up = ?, down = ?, score = ?, controversy = ? WHERE id = ?",
            up, down, Ranking.wilsonLowerBound(up: up, down: down), Ranking.controversy(up: up, down: down), contributionID)
        return (up, down)
    }

    /// The stored vote alone, 0 for none.
    func storedVote(contributionID: Int64, contributorID: Int64) throws -> Int {
        try connection.queryOne(
            "SELECT value FROM votes WHERE contribution_id = ? AND contributor_id = ?", contributionID, contributorID
        ) { row -> Int in row.int(0) } ?? 0
    }

    public func myVote(contributionID: Int64, contributorID: Int64) throws -> Int {
        let journaled = try journalVotes(by: contributorID, on: [contributionID])
        if let latest = journaled?[contributionID] { return latest.value }
        return try storedVote(contributionID: contributionID, contributorID: contributorID)
    }

    /// The caller's votes on the given contributions, as id → value (absent = no vote).
    public func myVotes(contributionIDs: [Int64], contributorID: Int64) throws -> [Int64: Int] {
        guard !contributionIDs.isEmpty else { return [:] }
        let rows = try connection.query(
            "SELECT contribution_id, value FROM votes WHERE contributor_id = ? AND contribution_id IN (\(placeholders(contributionIDs.count)))",
            values: [.integer(contributorID)] + contributionIDs.map { .integer($0) }
        ) { row -> (Int64, Int) in (row.int(0), row.int(1)) }
        var votes = Dictionary(rows, uniquingKeysWith: { first, _ in first })
        for (id, latest) in try journalVotes(by: contributorID, on: contributionIDs) ?? [:] {
            votes[id] = latest.value == 0 ? nil : latest.value
        }
        return votes
    }

    /// Every vote of one contributor, newest first.
    public func votes(contributorID: Int64) throws -> [(contributionID: Int64, value: Int)] {
        let stored = try connection.query(
            "SELECT contribution_id, value FROM votes WHERE contributor_id = ? ORDER BY voted_at DESC, contribution_id DESC",
            contributorID
        ) { row in (contributionID: row.int(0) as Int64, value: row.int(1) as Int) }
        guard let journaled = try journalVotes(by: contributorID, on: nil), !journaled.isEmpty else { return stored }
        let newest = journaled.sorted { $0.value.seq > $1.value.seq }
            .filter { $0.value.value != 0 }
            .map { (contributionID: $0.key, value: $0.value.value) }
        return newest + stored.filter { journaled[$0.contributionID] == nil }
    }
}
