// Campaign statistics for staff: totals, and activity per phase, per question and per day (profile figures: releases).
import Campaigns

/// Crowd activity in one slice of a campaign. Official statements and staff comments are not
/// counted; nor are withdrawn or merged contributions.
public struct ActivityCounts: Sendable, Equatable {
    /// Distinct contributors who posted, commented or voted in the slice (for the whole
    /// campaign: everyone who joined).
    public var participants: Int
    public var contributions: Int
    public var comments: Int
    public var votes: Int

    public init(participants: Int, contributions: Int, comments: Int, votes: Int) {
        self.participants = participants
        self.contributions = contributions
        self.comments = comments
        self.votes = votes
    }
}

/// Every SQL string for statistics. Read-only; run it inside `Database.read` for one snapshot.
public struct StatsStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Each act of a contributor in the campaign: who, which phase and question, which UTC day, what.
    private static let activity = """
        WITH activity (who, phase, question_id, day, kind) AS (
            SELECT k.contributor_id, k.phase, k.question_id, date(k.created_at, 'unixepoch'), 'contribution'
            FROM contributions k
            WHERE k.campaign_id = ?1 AND k.official = 0 AND k.contributor_id IS NOT NULL
              AND k.state NOT IN ('withdrawn', 'merged')
            UNION ALL
            SELECT m.contributor_id, c.phase, c.question_id, date(m.created_at, 'unixepoch'), 'comment'
            FROM comments m JOIN contributions c ON c.id = m.contribution_id
            WHERE c.campaign_id = ?1 AND m.contributor_id IS NOT NULL
            UNION ALL
            SELECT v.contributor_id, c.phase, c.question_id, date(v.voted_at, 'unixepoch'), 'vote'
            FROM votes v JOIN contributions c ON c.id = v.contribution_id
            WHERE c.campaign_id = ?1
        )
        """

    /// The slice column is one of our own fixed names, never caller input.
    private enum Slice: String {
        case phase, question = "question_id", day
    }

    private func grouped(_ slice: Slice, campaignID: Int64) throws -> [(String, ActivityCounts)] {
        try connection.query(
            """
            \(Self.activity)
            SELECT \(slice.rawValue), count(DISTINCT who), sum(kind = 'contribution'), sum(kind = 'comment'), sum(kind = 'vote')
            FROM activity GROUP BY \(slice.rawValue) ORDER BY \(slice.rawValue)
            """, campaignID
        ) { row in
            (row.text(0), ActivityCounts(participants: row.int(1), contributions: row.int(2), comments: row.int(3), votes: row.int(4)))
        }
    }

    public func overall(campaignID: Int64) throws -> ActivityCounts {
        let joined = try connection.queryOne("SELECT count(*) FROM contributors WHERE campaign_id = ?", campaignID) {
            row -> Int in row.int(0)
        } ?? 0
        let totals = try connection.queryOne(
            """
            \(Self.activity)
            SELECT sum(kind = 'contribution'), sum(kind = 'comment'), sum(kind = 'vote') FROM activity
            """, campaignID
        ) { row in (row.int(0) as Int, row.int(1) as Int, row.int(2) as Int) } ?? (0, 0, 0)
        return ActivityCounts(participants: joined, contributions: totals.0, comments: totals.1, votes: totals.2)
    }

    /// All four phases, in order, zeros included.
    public func perPhase(campaignID: Int64) throws -> [(PhaseKind, ActivityCounts)] {
        let found = Dictionary(try grouped(.phase, campaignID: campaignID), uniquingKeysWith: { first, _ in first })
        return PhaseKind.allCases.map { ($0, found[$0.rawValue] ?? ActivityCounts(participants: 0, contributions: 0, comments: 0, votes: 0)) }
    }

    /// Questions with any activity, by question id.
    public func perQuestion(campaignID: Int64) throws -> [(Int64, ActivityCounts)] {
        try grouped(.question, campaignID: campaignID).compactMap { key, counts in Int64(key).map { ($0, counts) } }
    }

    /// Days (`YYYY-MM-DD`, UTC) with any activity, oldest first.
    public func perDay(campaignID: Int64) throws -> [(String, ActivityCounts)] {
        try grouped(.day, campaignID: campaignID)
    }
}
