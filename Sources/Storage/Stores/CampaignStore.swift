// Campaigns, their phases, questions, profile questions and published themes: every SQL string for them.
import Campaigns

/// Reads and writes the campaign aggregate through one connection (a reader or the writer).
public struct CampaignStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let columns = """
        id, slug, title, summary, description, state, access, access_code_hash, flag_threshold, premoderation, created_at,
        access_code_keyed, join_proof_bits
        """

    private static func record(_ row: Row) throws -> CampaignRecord {
        CampaignRecord(
            id: row.int(0), slug: row.text(1), title: row.text(2), summary: row.text(3), description: row.text(4),
            state: try row.enumeration(5, CampaignState.self, table: "campaigns", column: "state"),
            access: try row.enumeration(6, AccessMode.self, table: "campaigns", column: "access"),
            accessCodeHash: row.isNull(7) ? nil : row.blob(7), flagThreshold: row.int(8),
            premoderation: row.bool(9), joinProofBits: row.int(12), createdAt: row.int(10), accessCodeKeyed: row.bool(11))
    }

    public func campaign(slug: String) throws -> CampaignRecord? {
        try connection.queryOne("SELECT \(Self.columns) FROM campaigns WHERE slug = ?", slug, row: Self.record)
    }

    public func campaign(id: Int64) throws -> CampaignRecord? {
        try connection.queryOne("SELECT \(Self.columns) FROM campaigns WHERE id = ?", id, row: Self.record)
    }

    /// Live campaigns, newest first.
    public func liveCampaigns() throws -> [CampaignRecord] {
        try connection.query(
            "SELECT \(Self.columns) FROM campaigns WHERE state = 'live' ORDER BY created_at DESC, id DESC",
            row: Self.record)
    }

    public func campaignCount() throws -> Int {
        try connection.queryOne("SELECT count(*) FROM campaigns") { row -> Int in row.int(0) } ?? 0
    }

    /// Inserts a campaign with its four phases, all pending.
    public func create(_ new: NewCampaign, now: Int64) throws -> Int64 {
        try connection.run(
            """
            INSERT INTO campaigns (slug, title, summary, description, state, access, access_code_hash, access_code_keyed,
                                   pseudonym_secret, flag_threshold, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
            """,
            new.slug, new.title, new.summary, new.description, new.state.rawValue, new.access.rawValue,
            new.accessCodeHash, new.pseudonymSecret, new.flagThreshold, now)
        let id = connection.lastInsertRowID
        for kind in PhaseKind.allCases {
            try connection.run("INSERT INTO phases (campaign_id, kind) VALUES (?, ?)", id, kind.rawValue)
        }
        return id
    }

    /// The four phases in order; a missing row reads as pending.
    public func phases(campaignID: Int64) throws -> [Phase] {
        try connection.query(
            "SELECT kind, state, opens_at, closes_at FROM phases WHERE campaign_id = ?", campaignID
        ) { row in
            Phase(
                kind: try row.enumeration(0, PhaseKind.self, table: "phases", column: "kind"),
                state: try row.enumeration(1, PhaseState.self, table: "phases", column: "state"),
                opensAt: row.optionalInt(2), closesAt: row.optionalInt(3))
        }.normalised
    }

    public func setPhases(campaignID: Int64, _ phases: [Phase]) throws {
        for phase in phases {
            try connection.run(
                """
                INSERT INTO phases (campaign_id, kind, state, opens_at, closes_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (campaign_id, kind) DO UPDATE
                SET state = excluded.state, opens_at = excluded.opens_at, closes_at = excluded.closes_at
                """,
                campaignID, phase.kind.rawValue, phase.state.rawValue, phase.opensAt, phase.closesAt)
        }
    }

    /// Live campaigns with a phase whose opening or closing time is set: the scheduler's work list.
    public func scheduledCampaignIDs() throws -> [Int64] {
        try connection.query(
            """
            SELECT DISTINCT c.id FROM campaigns c JOIN phases p ON p.campaign_id = c.id
            WHERE c.state = 'live'
              AND ((p.state = 'pending' AND p.opens_at IS NOT NULL) OR (p.state = 'open' AND p.closes_at IS NOT NULL))
            """
        ) { row -> Int64 in row.int(0) }
    }

    public func questions(campaignID: Int64) throws -> [QuestionRecord] {
        try connection.query(
            """
            SELECT id, phase, text FROM questions WHERE campaign_id = ? AND deleted = 0
            ORDER BY CASE phase WHEN 'understand' THEN 0 WHEN 'answer' THEN 1 WHEN 'prioritise' THEN 2 ELSE 3 END,
                     position, id
            """, campaignID
        ) { row in
            QuestionRecord(
                id: row.int(0), phase: try row.enumeration(1, PhaseKind.self, table: "questions", column: "phase"),
                text: row.text(2))
        }
    }

    public func addQuestion(campaignID: Int64, phase: PhaseKind, text: String) throws -> Int64 {
        try connection.run(
            """
            INSERT INTO questions (campaign_id, phase, text, position)
            VALUES (?, ?, ?, (SELECT count(*) FROM questions WHERE campaign_id = ?))
            """, campaignID, phase.rawValue, text, campaignID)
        return connection.lastInsertRowID
    }

    public func profileQuestions(campaignID: Int64) throws -> [ProfileQuestionRecord] {
        let questions = try connection.query(
            "SELECT id, key, label, required FROM profile_questions WHERE campaign_id = ? ORDER BY position, id",
            campaignID
        ) { row in
            ProfileQuestionRecord(id: row.int(0), key: row.text(1), label: row.text(2), choices: [], required: row.bool(3))
        }
        return try questions.map { question in
            var question = question
            question.choices = try connection.query(
                "SELECT j.value FROM profile_questions p, json_each(p.choices) j WHERE p.id = ? ORDER BY j.key",
                question.id
            ) { row in row.text(0) }
            return question
        }
    }

    /// Replaces the campaign's profile questions (answers to removed ones go with them).
    public func setProfileQuestions(campaignID: Int64, _ questions: [ProfileQuestionRecord]) throws {
        try connection.run("DELETE FROM profile_questions WHERE campaign_id = ?", campaignID)
        for (position, question) in questions.enumerated() {
            try connection.run(
                """
                INSERT INTO profile_questions (campaign_id, key, label, choices, required, position)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                campaignID, question.key, question.label, jsonStringArray(question.choices), question.required, position)
        }
    }

    public func publishedThemes(campaignID: Int64) throws -> [ThemeRecord] {
        try connection.query(
            "SELECT id, name, kind, description FROM themes WHERE campaign_id = ? AND published = 1 ORDER BY id",
            campaignID
        ) { row in ThemeRecord(id: row.int(0), name: row.text(1), kind: try row.themeKind(2, table: "themes"), description: row.text(3)) }
    }

    public func addTheme(campaignID: Int64, name: String, description: String, published: Bool, now: Int64) throws -> Int64 {
        try connection.run(
            "INSERT INTO themes (campaign_id, name, description, published, created_at) VALUES (?, ?, ?, ?, ?)",
            campaignID, name, description, published, now)
        return connection.lastInsertRowID
    }

    /// Participants, visible contributions and comments, and votes — the votes the journal has
    /// not folded yet included, so the count never lags an acknowledged vote.
    public func counts(campaignID: Int64) throws -> CampaignCounts {
        var counts = try storedCounts(campaignID: campaignID)
        counts.votes += try unfoldedVoteCount(campaignID: campaignID)
        return counts
    }

    private func storedCounts(campaignID: Int64) throws -> CampaignCounts {
        try connection.queryOne(
            """
            SELECT (SELECT count(*) FROM contributors WHERE campaign_id = ?1),
                   (SELECT count(*) FROM contributions WHERE campaign_id = ?1 AND state = 'visible'),
                   (SELECT count(*) FROM comments m JOIN contributions c ON c.id = m.contribution_id
                     WHERE c.campaign_id = ?1 AND m.state = 'visible'),
                   (SELECT count(*) FROM votes v JOIN contributions c ON c.id = v.contribution_id
                     WHERE c.campaign_id = ?1)
            """, campaignID
        ) { row in
            CampaignCounts(participants: row.int(0), contributions: row.int(1), comments: row.int(2), votes: row.int(3))
        } ?? CampaignCounts(participants: 0, contributions: 0, comments: 0, votes: 0)
    }

    /// What the unfolded journal rows add to the campaign's number of votes: a new vote adds one,
    /// a retracted one takes one away, a changed one neither. The journal holds only unfolded
    /// rows, so the scan is short.
    private func unfoldedVoteCount(campaignID: Int64) throws -> Int {
        let ids = try connection.query(
            """
            SELECT DISTINCT j.contribution_id FROM vote_journal j JOIN contributions c ON c.id = j.contribution_id
            WHERE c.campaign_id = ?
            """, campaignID
        ) { row -> Int64 in row.int(0) }
        return try VoteStore(connection).journalCountChanges(for: ids).values.reduce(0) { $0 + $1.up + $1.down }
    }
}

extension CampaignStore {
    /// Visible contributions per phase.
    public func contributionsPerPhase(campaignID: Int64) throws -> [PhaseKind: Int] {
        let rows = try connection.query(
            "SELECT phase, count(*) FROM contributions WHERE campaign_id = ? AND state = 'visible' GROUP BY phase",
            campaignID
        ) { row in (try row.enumeration(0, PhaseKind.self, table: "contributions", column: "phase"), row.int(1) as Int) }
        return Dictionary(rows, uniquingKeysWith: +)
    }
}
