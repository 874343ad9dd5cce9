// Reports of unsuitable contributions: once per contributor, auto-hiding at the campaign's threshold.

/// What a flag did.
public enum FlagOutcome: Sendable, Equatable {
    /// Recorded; `hidden` says whether this flag took the contribution over the threshold.
    case recorded(hidden: Bool)
    /// This contributor had already flagged it; nothing changed.
    case duplicate
}

public struct FlagStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Records one flag (its time kept as the day, `CoarseTime`) and hides the contribution once `threshold` distinct contributors have flagged it.
    public func flagContribution(
        id: Int64, contributorID: Int64, reason: String, threshold: Int, now: Int64
    ) throws -> FlagOutcome {
        try connection.run(
            """
            INSERT INTO flags (contribution_id, contributor_id, reason, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, id, contributorID, reason, CoarseTime.dayStart(now))
        guard connection.changes == 1 else { return .duplicate }
        try connection.run("UPDATE contributions SET flag_count = flag_count + 1 WHERE id = ?", id)
        try connection.run(
            "UPDATE contributions SET state = 'hidden' WHERE id = ? AND state = 'visible' AND flag_count >= ?", id, threshold)
        return .recorded(hidden: connection.changes == 1)
    }
}
