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

public struct VoteStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Sets the caller's vote to `value` (1, -1, or 0 to retract) and updates `up`, `down`,
    /// `score` and `controversy`: one read of the counts and the old vote, the vote row, one
    /// rewrite of the contribution's row. Run it inside `Database.write` so the vote row and the
    /// counts commit together or not at all (the writer is the only one changing them meanwhile).
    public func set(contributionID: Int64, contributorID: Int64, value: Int, now: Int64) throws -> VoteTally {
        precondition((-1...1).contains(value), "vote value is checked by the caller")
        let current = try connection.queryOne(
            """
            SELECT up, down, coalesce((SELECT value FROM votes WHERE contribution_id = ?1 AND contributor_id = ?2), 0)
            FROM contributions WHERE id = ?1
            """, contributionID, contributorID
        ) { row -> (up: Int, down: Int, old: Int) in (row.int(0), row.int(1), row.int(2)) }
        guard let current else { throw StoreError.notFound }
        if value == 0 {
            try connection.run(
                "DELETE FROM votes WHERE contribution_id = ? AND contributor_id = ?", contributionID, contributorID)
        } else {
            try connection.run(
                """
                INSERT INTO votes (contribution_id, contributor_id, value, voted_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (contribution_id, contributor_id) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at
                """, contributionID, contributorID, value, now)
        }
        let up = current.up + (value == 1 ? 1 : 0) - (current.old == 1 ? 1 : 0)
        let down = current.down + (value == -1 ? 1 : 0) - (current.old == -1 ? 1 : 0)
        let score = Ranking.wilsonLowerBound(up: up, down: down)
        try connection.run(
            "UPDATE contributions SET up = ?, down = ?, score = ?, controversy = ? WHERE id = ?",
            up, down, score, Ranking.controversy(up: up, down: down), contributionID)
        return VoteTally(id: contributionID, up: up, down: down, score: score, myVote: value)
    }

    public func myVote(contributionID: Int64, contributorID: Int64) throws -> Int {
        try connection.queryOne(
            "SELECT value FROM votes WHERE contribution_id = ? AND contributor_id = ?", contributionID, contributorID
        ) { row -> Int in row.int(0) } ?? 0
    }

    /// The caller's votes on the given contributions, as id → value (absent = no vote).
    public func myVotes(contributionIDs: [Int64], contributorID: Int64) throws -> [Int64: Int] {
        guard !contributionIDs.isEmpty else { return [:] }
        let rows = try connection.query(
            "SELECT contribution_id, value FROM votes WHERE contributor_id = ? AND contribution_id IN (\(placeholders(contributionIDs.count)))",
            values: [.integer(contributorID)] + contributionIDs.map { .integer($0) }
        ) { row -> (Int64, Int) in (row.int(0), row.int(1)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Every vote of one contributor, newest first.
    public func votes(contributorID: Int64) throws -> [(contributionID: Int64, value: Int)] {
        try connection.query(
            "SELECT contribution_id, value FROM votes WHERE contributor_id = ? ORDER BY voted_at DESC, contribution_id DESC",
            contributorID
        ) { row in (contributionID: row.int(0), value: row.int(1)) }
    }
}
