// What the analysis aids read about a campaign's coding: the texts to analyse, who coded what and when.
import Campaigns

extension CodeStore {
    /// The text of every visible Understand contribution of the campaign, title and body, by id.
    public func understandTexts(campaignID: Int64) throws -> [AnalysisText] {
        try connection.query(
            """
            SELECT id, title, body FROM contributions
            WHERE campaign_id = ? AND phase = 'understand' AND state = 'visible' ORDER BY id
            """, campaignID
        ) { row in
            let title = row.optionalText(1)
            return AnalysisText(id: row.int(0), text: title.map { $0 + "\n" + row.text(2) } ?? row.text(2))
        }
    }

    /// Coder → the times its current codes were saved, over the campaign's visible Understand contributions.
    public func codeTimes(campaignID: Int64) throws -> [String: [Int64]] {
        let rows = try connection.query(
            """
            SELECT k.coder, k.coded_at FROM codes k JOIN contributions c ON c.id = k.contribution_id
            WHERE c.campaign_id = ? AND c.phase = 'understand' AND c.state = 'visible'
            """, campaignID
        ) { row in (row.text(0), row.int64(1)) }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }

    /// The coders that have coded contribution `id`.
    public func coders(contributionID: Int64) throws -> Set<String> {
        Set(try connection.query("SELECT coder FROM codes WHERE contribution_id = ?", contributionID) { $0.text(0) })
    }

    /// Whether the staff member has saved any code in the campaign as themselves (not in a team).
    public func hasCodedAlone(staffID: Int64, campaignID: Int64) throws -> Bool {
        try connection.queryOne(
            """
            SELECT EXISTS (SELECT 1 FROM codes k JOIN contributions c ON c.id = k.contribution_id
                           WHERE k.coder = ? AND c.campaign_id = ?)
            """, "s\(staffID)", campaignID, row: { $0.bool(0) }) ?? false
    }
}

extension CodeStore {
    /// Visible Understand contributions no team has coded and no facilitator reconciled: the items a
    /// campaign may let the machine coder code.
    public func uncodedItems(campaignID: Int64) throws -> [Int64] {
        try connection.query(
            """
            SELECT c.id FROM contributions c
            WHERE c.campaign_id = ? AND c.phase = 'understand' AND c.state = 'visible'
              AND NOT EXISTS (SELECT 1 FROM codes k WHERE k.contribution_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM reconciliations r WHERE r.contribution_id = c.id)
            ORDER BY c.id
            """, campaignID
        ) { $0.int64(0) }
    }
}
