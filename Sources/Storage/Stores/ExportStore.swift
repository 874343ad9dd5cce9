// Read-only queries for exports, each one page after a keyset so an export never holds a connection between pages.
// None reads a contributor id, except the linked export's, which an admin asks for on purpose (PRIVACY.md).
import Campaigns

/// Pages through a campaign's rows in a stable order (`WHERE key > ? ORDER BY key LIMIT ?`).
/// Each call is meant to run in its own `Database.read`; a page costs the same wherever it starts.
///
/// `CROSS JOIN` keeps SQLite's planner from reordering the loops: the outer table is scanned
/// by its primary key, so the `ORDER BY` needs no sort of the whole campaign on every page.
/// <https://www.sqlite.org/optoverview.html#crossjoin>
public struct ExportStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Text columns that hold several names are joined with the ASCII unit separator, which
    /// names cannot usefully contain.
    static let separator: Character = "\u{1F}"

    public func campaign(slug: String) throws -> ExportCampaign? {
        try connection.queryOne(
            """
            SELECT id, slug, title, summary, description, state, created_at, pseudonym_secret
            FROM campaigns WHERE slug = ?
            """, slug
        ) { row in
            ExportCampaign(
                id: row.int(0), slug: row.text(1), title: row.text(2), summary: row.text(3),
                description: row.text(4),
                state: try row.enumeration(5, CampaignState.self, table: "campaigns", column: "state"), createdAt: row.int(6), pseudonymSecret: row.blob(7))
        }
    }

    public func contributions(campaignID: Int64, after: Int64, limit: Int) throws -> [ExportContribution] {
        try connection.query(
            """
            SELECT c.id, c.phase, q.text, c.official, c.title, c.body, c.state, c.merged_into,
                   (SELECT group_concat(t.name, char(31)) FROM contribution_themes ct JOIN themes t ON t.id = ct.theme_id
                    WHERE ct.contribution_id = c.id),
                   c.up, c.down, c.score, c.comment_count,
                   (SELECT group_concat(r.round) FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
                    WHERE e.contribution_id = c.id),
                   c.created_at, c.held_at IS NOT NULL
            FROM contributions c CROSS JOIN questions q ON q.id = c.question_id
            WHERE c.id > ? AND c.campaign_id = ? ORDER BY c.id LIMIT ?
            """, after, campaignID, limit
        ) { row in
            ExportContribution(
                id: row.int(0), phase: try row.enumeration(1, PhaseKind.self, table: "contributions", column: "phase"),
                question: row.text(2),
                official: row.bool(3), title: row.optionalText(4), body: row.text(5),
                state: try row.enumeration(6, ContributionState.self, table: "contributions", column: "state"),
                mergedInto: row.optionalInt(7), themes: Self.names(row.optionalText(8)), up: row.int(9),
                down: row.int(10), score: row.double(11), comments: row.int(12),
                shortlistRounds: row.idList(13).sorted(), createdAt: row.int(14), held: row.bool(15))
        }
    }

    public func comments(campaignID: Int64, after: Int64, limit: Int) throws -> [ExportComment] {
        try connection.query(
            """
            SELECT m.id, m.contribution_id, m.parent_id, m.staff_id IS NOT NULL, m.body, m.state, m.created_at
            FROM comments m CROSS JOIN contributions c ON c.id = m.contribution_id
            WHERE m.id > ? AND c.campaign_id = ? ORDER BY m.id LIMIT ?
            """, after, campaignID, limit
        ) { row in
            ExportComment(
                id: row.int(0), contributionID: row.int(1), parentID: row.optionalInt(2),
                official: row.bool(3), body: row.text(4),
                state: try row.enumeration(5, CommentState.self, table: "comments", column: "state"), createdAt: row.int(6))
        }
    }

    /// The votes on the campaign's next `limit` contributions after id `after`, counted per
    /// contribution, day and value, in that order; and the last contribution id looked at (nil when
    /// there were none), which is where the next page starts.
    public func voteGroups(campaignID: Int64, after: Int64, limit: Int) throws -> (groups: [ExportVoteGroup], last: Int64?) {
        let ids = try connection.query(
            "SELECT id FROM contributions WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?", campaignID, after, limit
        ) { row -> Int64 in row.int(0) }
        guard let first = ids.first, let last = ids.last else { return ([], nil) }
        let groups = try connection.query(
            """
            SELECT v.contribution_id, v.voted_at, v.value, count(*) FROM votes v
            WHERE v.contribution_id BETWEEN ? AND ?
              AND v.contribution_id IN (SELECT id FROM contributions WHERE campaign_id = ? AND id BETWEEN ? AND ?)
            GROUP BY v.contribution_id, v.voted_at, v.value ORDER BY v.contribution_id, v.voted_at, v.value
            """, first, last, campaignID, first, last
        ) { row in ExportVoteGroup(contributionID: row.int(0), day: row.int(1), value: row.int(2), count: row.int(3)) }
        return (groups, last)
    }

    /// Crowd contributions created before `before`, after id `after`, with their authors' join day
    /// and sealed profile (the linked export).
    public func linkedContributions(
        campaignID: Int64, before: Int64, after: Int64, limit: Int
    ) throws -> [ExportLinkedContribution] {
        try connection.query(
            """
            SELECT c.id, c.phase, q.text, c.state, p.id, p.joined_on, p.profile
            FROM contributions c CROSS JOIN questions q ON q.id = c.question_id
            CROSS JOIN contributors p ON p.id = c.contributor_id
            WHERE c.id > ? AND c.campaign_id = ? AND c.official = 0 AND c.created_at < ?
            ORDER BY c.id LIMIT ?
            """, after, campaignID, before, limit
        ) { row in
            ExportLinkedContribution(
                id: row.int(0), phase: try row.enumeration(1, PhaseKind.self, table: "contributions", column: "phase"),
                question: row.text(2),
                state: try row.enumeration(3, ContributionState.self, table: "contributions", column: "state"),
                contributorID: row.int(4),
                joinedOn: row.int(5), profile: row.isNull(6) ? nil : row.blob(6))
        }
    }

    public func auditEntries(campaignID: Int64, after: Int64, limit: Int) throws -> [ExportAuditEntry] {
        try connection.query(
            """
            SELECT id, at, actor, action, target, reason, hash FROM audit_log
            WHERE id > ? AND campaign_id = ? ORDER BY id LIMIT ?
            """, after, campaignID, limit
        ) { row in
            ExportAuditEntry(
                id: row.int(0), at: row.int(1), actor: row.text(2), action: row.text(3), target: row.text(4),
                reason: row.text(5), hash: row.blob(6))
        }
    }

    static func names(_ joined: String?) -> [String] {
        guard let joined else { return [] }
        return joined.split(separator: separator, omittingEmptySubsequences: false).map(String.init).sorted()
    }
}
