// Read-only queries for exports, each one page after a keyset so an export never holds a connection between pages.

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
                description: row.text(4), state: row.text(5), createdAt: row.int(6), pseudonymSecret: row.blob(7))
        }
    }

    public func contributions(campaignID: Int64, after: Int64, limit: Int) throws -> [ExportContribution] {
        try connection.query(
            """
            SELECT c.id, c.phase, q.text, c.contributor_id, c.official, c.title, c.body, c.state, c.merged_into,
                   (SELECT group_concat(t.name, char(31)) FROM contribution_themes ct JOIN themes t ON t.id = ct.theme_id
                    WHERE ct.contribution_id = c.id),
                   c.up, c.down, c.score, c.comment_count,
                   (SELECT group_concat(r.round) FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
                    WHERE e.contribution_id = c.id),
                   c.created_at
            FROM contributions c CROSS JOIN questions q ON q.id = c.question_id
            WHERE c.id > ? AND c.campaign_id = ? ORDER BY c.id LIMIT ?
            """, after, campaignID, limit
        ) { row in
            ExportContribution(
                id: row.int(0), phase: row.text(1), question: row.text(2), contributorID: row.optionalInt(3),
                official: row.bool(4), title: row.optionalText(5), body: row.text(6), state: row.text(7),
                mergedInto: row.optionalInt(8), themes: Self.names(row.optionalText(9)), up: row.int(10),
                down: row.int(11), score: row.double(12), comments: row.int(13),
                shortlistRounds: row.idList(14).sorted(), createdAt: row.int(15))
        }
    }

    public func comments(campaignID: Int64, after: Int64, limit: Int) throws -> [ExportComment] {
        try connection.query(
            """
            SELECT m.id, m.contribution_id, m.parent_id, m.contributor_id, m.staff_id IS NOT NULL, m.body, m.state, m.created_at
            FROM comments m CROSS JOIN contributions c ON c.id = m.contribution_id
            WHERE m.id > ? AND c.campaign_id = ? ORDER BY m.id LIMIT ?
            """, after, campaignID, limit
        ) { row in
            ExportComment(
                id: row.int(0), contributionID: row.int(1), parentID: row.optionalInt(2), contributorID: row.optionalInt(3),
                official: row.bool(4), body: row.text(5), state: row.text(6), createdAt: row.int(7))
        }
    }

    /// Votes after the key (contributionID, contributorID), in primary-key order.
    public func votes(campaignID: Int64, after: (Int64, Int64), limit: Int) throws -> [ExportVote] {
        try connection.query(
            """
            SELECT v.contribution_id, v.contributor_id, v.value, v.voted_at
            FROM votes v CROSS JOIN contributions c ON c.id = v.contribution_id
            WHERE (v.contribution_id, v.contributor_id) > (?, ?) AND c.campaign_id = ?
            ORDER BY v.contribution_id, v.contributor_id LIMIT ?
            """, after.0, after.1, campaignID, limit
        ) { row in
            ExportVote(contributionID: row.int(0), contributorID: row.int(1), value: row.int(2), votedAt: row.int(3))
        }
    }

    /// Participants after `after` by id, each with their profile answers.
    public func participants(campaignID: Int64, after: Int64, limit: Int) throws -> [ExportParticipant] {
        var people = try connection.query(
            "SELECT id, joined_at FROM contributors WHERE id > ? AND campaign_id = ? ORDER BY id LIMIT ?",
            after, campaignID, limit
        ) { row in ExportParticipant(id: row.int(0), joinedAt: row.int(1), answers: [:]) }
        guard let first = people.first, let last = people.last else { return [] }
        let answers = try connection.query(
            """
            SELECT a.contributor_id, a.profile_question_id, a.choice FROM profile_answers a
            CROSS JOIN contributors p ON p.id = a.contributor_id
            WHERE a.contributor_id BETWEEN ? AND ? AND p.campaign_id = ?
            """, first.id, last.id, campaignID
        ) { row -> (Int64, Int64, String) in (row.int(0), row.int(1), row.text(2)) }
        var index: [Int64: Int] = [:]
        for (position, person) in people.enumerated() { index[person.id] = position }
        for (contributor, question, choice) in answers {
            if let position = index[contributor] { people[position].answers[question] = choice }
        }
        return people
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
