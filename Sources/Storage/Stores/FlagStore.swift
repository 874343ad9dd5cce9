// Reports of unsuitable contributions: once per contributor, with the count of distinct reports kept.

/// What a flag did.
public enum FlagOutcome: Sendable, Equatable {
    /// Recorded; `reports` is how many distinct contributors have now reported it since it was last
    /// restored (`FlagRules.hides` decides whether that hides it).
    case recorded(reports: Int)
    /// This contributor had already flagged it; nothing changed.
    case duplicate
}

public struct FlagStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Records one flag (its time kept as the day, `CoarseTime`) and counts it.
    public func flagContribution(id: Int64, contributorID: Int64, reason: String, now: Int64) throws -> FlagOutcome {
        try connection.run(
            """
            INSERT INTO flags (contribution_id, contributor_id, reason, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, id, contributorID, reason, CoarseTime.dayStart(now))
        guard connection.changes == 1 else { return .duplicate }
        let reports = try connection.queryOne(
            "UPDATE contributions SET flag_count = flag_count + 1 WHERE id = ? RETURNING flag_count", id
        ) { row -> Int in row.int(0) }
        guard let reports else { throw StoreError.notFound }
        return .recorded(reports: reports)
    }
}
