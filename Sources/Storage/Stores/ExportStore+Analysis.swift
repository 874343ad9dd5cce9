// Export queries over the small per-campaign tables: themes, profile questions, codes and activity counts.
import Campaigns

extension ExportStore {
    /// Every theme of the campaign, published or not, by id.
    public func themes(campaignID: Int64) throws -> [ExportTheme] {
        try connection.query(
            "SELECT id, name, kind, description, parent_id, published FROM themes WHERE campaign_id = ? ORDER BY id",
            campaignID
        ) { row in
            ExportTheme(
                id: row.int(0), name: row.text(1), kind: try row.themeKind(2, table: "themes"), description: row.text(3),
                parentID: row.optionalInt(4), published: row.bool(5))
        }
    }

    /// Profile questions in display order: (id, key).
    public func profileKeys(campaignID: Int64) throws -> [(id: Int64, key: String)] {
        try connection.query(
            "SELECT id, key FROM profile_questions WHERE campaign_id = ? ORDER BY position, id", campaignID
        ) { row in (id: row.int(0), key: row.text(1)) }
    }

    /// Questions in order: (id, phase, text).
    public func questions(campaignID: Int64) throws -> [(id: Int64, phase: PhaseKind, text: String)] {
        try connection.query(
            "SELECT id, phase, text FROM questions WHERE campaign_id = ? AND deleted = 0 ORDER BY position, id",
            campaignID
        ) { row in
            (id: row.int(0), phase: try row.enumeration(1, PhaseKind.self, table: "questions", column: "phase"), text: row.text(2))
        }
    }

    /// Analysts' codes after the key (contributionID, staffID), each with its item's reconciliation.
    public func codes(campaignID: Int64, after: (Int64, Int64), limit: Int) throws -> [ExportCode] {
        try connection.query(
            """
            SELECT k.contribution_id, k.staff_id, (SELECT group_concat(j.value) FROM json_each(k.themes) j),
                   k.not_relevant, k.memo, k.coded_at, c.phase, k.coder, r.not_relevant,
                   (SELECT group_concat(t.theme_id) FROM reconciliation_themes t WHERE t.contribution_id = r.contribution_id)
            FROM codes k CROSS JOIN contributions c ON c.id = k.contribution_id
            LEFT JOIN reconciliations r ON r.contribution_id = k.contribution_id
            WHERE (k.contribution_id, k.staff_id) > (?, ?) AND c.campaign_id = ?
            ORDER BY k.contribution_id, k.staff_id LIMIT ?
            """, after.0, after.1, campaignID, limit
        ) { row in
            ExportCode(
                contributionID: row.int(0), staffID: row.int(1),
                phase: try row.enumeration(6, PhaseKind.self, table: "contributions", column: "phase"), coder: row.text(7),
                themeIDs: row.idList(2).sorted(), notRelevant: row.bool(3), memo: row.text(4), codedAt: row.int(5),
                reconciled: row.optionalInt(8).map { (themeIDs: row.idList(9).sorted(), notRelevant: $0 != 0) })
        }
    }

    /// Every coding team of the campaign with its members' names, by team then name.
    public func teamMembers(campaignID: Int64) throws -> [(team: String, member: String, role: String)] {
        try connection.query(
            """
            SELECT t.name, s.name, s.role FROM coding_teams t
            JOIN coding_team_members m ON m.team_id = t.id JOIN staff s ON s.id = m.staff_id
            WHERE t.campaign_id = ? ORDER BY t.name, s.name
            """, campaignID
        ) { row in (team: row.text(0), member: row.text(1), role: row.text(2)) }
    }

    /// The machine coder's codes after contribution `after`, each with its run.
    public func machineCodes(campaignID: Int64, after: Int64, limit: Int) throws -> [ExportMachineCode] {
        try connection.query(
            """
            SELECT m.contribution_id, (SELECT group_concat(theme_id) FROM machine_code_themes t
                                       WHERE t.contribution_id = m.contribution_id),
                   m.not_relevant, m.confidence, r.id, r.created_at, r.kappa, r.held_out
            FROM machine_codes m JOIN machine_runs r ON r.id = m.run_id
            WHERE r.campaign_id = ? AND m.contribution_id > ? ORDER BY m.contribution_id LIMIT ?
            """, campaignID, after, limit
        ) { row in
            ExportMachineCode(
                contributionID: row.int(0), themeIDs: row.idList(1).sorted(), notRelevant: row.bool(2),
                confidence: row.double(3), runID: row.int(4), runAt: row.int(5), runKappa: row.optionalDouble(6),
                runHeldOut: row.int(7))
        }
    }

    /// Counts per phase: distinct people who contributed, commented or voted there, and each kind of row.
    public func activityByPhase(campaignID: Int64) throws -> [ExportActivity] {
        try connection.query(
            """
            WITH acts(key, who, kind) AS (
                SELECT phase, contributor_id, 'c' FROM contributions WHERE campaign_id = ?1
                UNION ALL SELECT c.phase, m.contributor_id, 'm' FROM comments m
                    JOIN contributions c ON c.id = m.contribution_id WHERE c.campaign_id = ?1
                UNION ALL SELECT c.phase, v.contributor_id, 'v' FROM votes v
                    JOIN contributions c ON c.id = v.contribution_id WHERE c.campaign_id = ?1)
            SELECT key, count(DISTINCT who), sum(kind = 'c'), sum(kind = 'm'), sum(kind = 'v') FROM acts GROUP BY key
            """, campaignID, row: Self.activity)
    }

    /// Counts per UTC day (the key is whole days since 1970-01-01): people who joined, and each kind of row.
    public func activityByDay(campaignID: Int64) throws -> [ExportActivity] {
        try connection.query(
            """
            WITH acts(key, kind) AS (
                SELECT joined_on, 'p' FROM contributors WHERE campaign_id = ?1
                UNION ALL SELECT created_at / 86400, 'c' FROM contributions WHERE campaign_id = ?1
                UNION ALL SELECT m.created_at / 86400, 'm' FROM comments m
                    JOIN contributions c ON c.id = m.contribution_id WHERE c.campaign_id = ?1
                UNION ALL SELECT v.voted_at / 86400, 'v' FROM votes v
                    JOIN contributions c ON c.id = v.contribution_id WHERE c.campaign_id = ?1)
            SELECT key, sum(kind = 'p'), sum(kind = 'c'), sum(kind = 'm'), sum(kind = 'v') FROM acts
            GROUP BY key ORDER BY key
            """, campaignID, row: Self.activity)
    }

    private static func activity(_ row: Row) -> ExportActivity {
        ExportActivity(
            key: row.text(0), participants: row.int(1), contributions: row.int(2), comments: row.int(3), votes: row.int(4))
    }
}
