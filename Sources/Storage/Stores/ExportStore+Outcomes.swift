// Export pages of outcomes and implementation updates: staff-written rows with no contributor in them.
import Campaigns

/// With `publicOnly` (open data), only rows about ideas the public can read, as the progress page shows.
extension ExportStore {
    static let ideaIsPublic = """
        (?4 = 0 OR EXISTS (SELECT 1 FROM contributions c WHERE c.id = contribution_id AND c.phase = 'answer' AND c.state = 'visible'))
        """

    public func outcomes(campaignID: Int64, after: Int64, limit: Int, publicOnly: Bool) throws -> [OutcomeEntry] {
        try connection.query(
            """
            SELECT id, contribution_id, status, response, created_at FROM outcomes
            WHERE campaign_id = ?1 AND id > ?2 AND \(Self.ideaIsPublic) ORDER BY id LIMIT ?3
            """, campaignID, after, limit, publicOnly
        ) { row in
            OutcomeEntry(
                id: row.int(0), contributionID: row.int(1),
                status: try row.enumeration(2, OutcomeStatus.self, table: "outcomes", column: "status"),
                response: row.text(3), createdAt: row.int(4))
        }
    }

    public func progressUpdates(campaignID: Int64, after: Int64, limit: Int, publicOnly: Bool) throws -> [ProgressUpdate] {
        try connection.query(
            """
            SELECT id, contribution_id, role, site, note, percent, noted_on FROM progress_updates
            WHERE campaign_id = ?1 AND id > ?2 AND \(Self.ideaIsPublic) ORDER BY id LIMIT ?3
            """, campaignID, after, limit, publicOnly
        ) { row in
            ProgressUpdate(
                id: row.int(0), contributionID: row.int(1), role: row.text(2), site: row.text(3), note: row.text(4),
                percent: row.optionalInt(5).map { Int($0) }, notedOn: row.text(6))
        }
    }
}
