// The campaign's numbers for the published guide: people, contributions and comments per phase.
import Campaigns

/// What happened in one phase, counted over visible contributions and comments.
public struct PhaseNumbers: Sendable, Equatable {
    public var phase: PhaseKind
    /// Distinct contributors who contributed, commented or voted on the phase's contributions.
    public var people: Int
    public var contributions: Int
    public var comments: Int
}

extension GuideStore {
    public func numbers(campaignID: Int64) throws -> [PhaseNumbers] {
        try PhaseKind.allCases.map { phase in
            let counts = try connection.queryOne(
                """
                WITH items AS (SELECT id, contributor_id FROM contributions
                               WHERE campaign_id = ? AND phase = ? AND state = 'visible')
                SELECT (SELECT count(*) FROM items),
                       (SELECT count(*) FROM comments WHERE state = 'visible' AND contribution_id IN (SELECT id FROM items)),
                       (SELECT count(*) FROM (
                            SELECT contributor_id FROM items WHERE contributor_id IS NOT NULL
                            UNION SELECT contributor_id FROM comments
                                  WHERE contributor_id IS NOT NULL AND contribution_id IN (SELECT id FROM items)
                            UNION SELECT contributor_id FROM votes WHERE contribution_id IN (SELECT id FROM items)))
                """, campaignID, phase.rawValue
            ) { row in (contributions: row.int(0) as Int, comments: row.int(1) as Int, people: row.int(2) as Int) }
            return PhaseNumbers(phase: phase, people: counts?.people ?? 0, contributions: counts?.contributions ?? 0,
                                comments: counts?.comments ?? 0)
        }
    }
}
