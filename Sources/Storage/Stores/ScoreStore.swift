// Scoring criteria per campaign and facilitators' 0–3 scores of ideas against them.
import Campaigns

public struct ScoreStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The campaign's criteria in order; the method's four defaults while none are set.
    public func criteria(campaignID: Int64) throws -> [Criterion] {
        let stored = try connection.query(
            "SELECT key, label FROM criteria WHERE campaign_id = ? ORDER BY position", campaignID
        ) { row in Criterion(key: row.text(0), label: row.text(1)) }
        return stored.isEmpty ? Criterion.defaults : stored
    }

    /// Replaces the criteria. Scores on removed keys stay stored but no longer count.
    public func setCriteria(campaignID: Int64, _ criteria: [Criterion]) throws {
        try connection.run("DELETE FROM criteria WHERE campaign_id = ?", campaignID)
        for (position, criterion) in criteria.enumerated() {
            try connection.run(
                "INSERT INTO criteria (campaign_id, key, label, position) VALUES (?, ?, ?, ?)",
                campaignID, criterion.key, criterion.label, position)
        }
    }

    /// Sets the facilitator's scores for the idea, one row per criterion given.
    public func setScores(contributionID: Int64, staffID: Int64, _ scores: [String: Int]) throws {
        for (criterion, value) in scores.sorted(by: { $0.key < $1.key }) {
            try connection.run(
                """
                INSERT INTO scores (contribution_id, staff_id, criterion, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (contribution_id, staff_id, criterion) DO UPDATE SET value = excluded.value
                """, contributionID, staffID, criterion, value)
        }
    }

    /// contribution → facilitator → criterion → value, for the campaign's contributions.
    public func scores(campaignID: Int64) throws -> [Int64: [Int64: [String: Int]]] {
        var result: [Int64: [Int64: [String: Int]]] = [:]
        let rows = try connection.query(
            """
            SELECT s.contribution_id, s.staff_id, s.criterion, s.value FROM scores s
            JOIN contributions c ON c.id = s.contribution_id WHERE c.campaign_id = ?
            """, campaignID
        ) { row in (row.int64(0), row.int64(1), row.text(2), row.int(3) as Int) }
        for (contribution, staff, criterion, value) in rows {
            result[contribution, default: [:]][staff, default: [:]][criterion] = value
        }
        return result
    }
}
