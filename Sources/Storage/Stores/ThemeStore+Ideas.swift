// Ideas with the themes contributors linked them to: the rows of the barriers × ideas matrix and
// of the shortlist table.
import Campaigns

/// A visible Answer-phase idea with its counts and the themes its author linked it to.
public struct LinkedIdea: Sendable, Equatable {
    public var id: Int64
    public var title: String?
    public var body: String
    public var up: Int
    public var down: Int
    /// Wilson lower bound, as stored with the counts.
    public var score: Double
    public var comments: Int
    public var themes: [Int64]
}

extension ThemeStore {
    /// The campaign's visible Answer-phase ideas, best Wilson score first.
    public func linkedIdeas(campaignID: Int64) throws -> [LinkedIdea] {
        try connection.query(
            """
            SELECT c.id, c.title, c.body, c.up, c.down, c.score, c.comment_count,
                   (SELECT group_concat(theme_id) FROM contribution_themes WHERE contribution_id = c.id)
            FROM contributions c
            WHERE c.campaign_id = ? AND c.phase = 'answer' AND c.state = 'visible'
            ORDER BY c.score DESC, c.id
            """, campaignID
        ) { row in
            LinkedIdea(
                id: row.int(0), title: row.optionalText(1), body: row.text(2), up: row.int(3), down: row.int(4),
                score: row.double(5), comments: row.int(6), themes: row.idList(7).sorted())
        }
    }
}
