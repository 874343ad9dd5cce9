// Reports of unsuitable contributions: once per contributor, each with its weight, and holding a contribution for review.
import Campaigns

/// What a flag did.
public enum FlagOutcome: Sendable, Equatable {
    /// Recorded; what the contribution's unresolved reports now weigh, by identities a day old or
    /// more and by younger ones (`ReportRules.decide` says whether that holds it).
    case recorded(established: Double, fresh: Double)
    /// This contributor had already flagged it; nothing changed.
    case duplicate
}

public struct FlagStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Records one report weighing `weight` (`ReportWeighing`), its time kept as the day
    /// (`CoarseTime`), and sums the open ones.
    public func flagContribution(id: Int64, contributorID: Int64, reason: String, weight: Double, now: Int64) throws -> FlagOutcome {
        try connection.run(
            """
            INSERT INTO flags (contribution_id, contributor_id, reason, weight, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, id, contributorID, reason, weight, CoarseTime.dayStart(now))
        guard connection.changes == 1 else { return .duplicate }
        try connection.run("UPDATE contributions SET flag_count = flag_count + 1 WHERE id = ?", id)
        let open = try connection.queryOne(
            """
            SELECT total(CASE WHEN f.created_at / 86400 - k.joined_on >= ?2 THEN f.weight END),
                   total(CASE WHEN f.created_at / 86400 - k.joined_on < ?2 THEN f.weight END)
            FROM flags f JOIN contributors k ON k.id = f.contributor_id
            WHERE f.contribution_id = ?1 AND f.resolved_at IS NULL
            """, id, ReportWeighing.establishedDays
        ) { row in (row.double(0), row.double(1)) } ?? (0, 0)
        return .recorded(established: open.0, fresh: open.1)
    }

    /// Records one report of a comment, as `flagContribution` does a contribution's: once per
    /// contributor, its day only. A reported comment waits in the moderation queue; reports never
    /// hide a comment by themselves.
    public func flagComment(id: Int64, contributorID: Int64, reason: String, weight: Double, now: Int64) throws -> Bool {
        try connection.run(
            """
            INSERT INTO flags (comment_id, contributor_id, reason, weight, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, id, contributorID, reason, weight, CoarseTime.dayStart(now))
        guard connection.changes == 1 else { return false }
        try connection.run("UPDATE comments SET flag_count = flag_count + 1 WHERE id = ?", id)
        return true
    }

    /// What one contributor has reported, dealt with or not (a report is once per item either way):
    /// the ids of contributions and of comments, for their own page to say "Reported" (`GET /api/me` only).
    public func reports(contributorID: Int64) throws -> (contributions: [Int64], comments: [Int64]) {
        let rows = try connection.query(
            "SELECT contribution_id, comment_id FROM flags WHERE contributor_id = ? ORDER BY id", contributorID
        ) { row in (row.optionalInt(0) as Int64?, row.optionalInt(1) as Int64?) }
        return (rows.compactMap(\.0), rows.compactMap(\.1))
    }

    /// Holds a visible contribution for review; false when it was already held or is not visible.
    /// The moment is kept as the day: to the second, it would be the moment of the report that
    /// crossed the threshold, and so a moment of its reporter's activity (PRIVACY.md).
    public func hold(contributionID id: Int64, now: Int64) throws -> Bool {
        try connection.run(
            "UPDATE contributions SET held_at = ? WHERE id = ? AND state = 'visible' AND held_at IS NULL",
            CoarseTime.dayStart(now), id)
        return connection.changes == 1
    }
}
