// Drafts: the document and its sections, every version's text, amendments, alternatives and the change log.
import Campaigns

public struct DraftStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    static let columns = "id, campaign_id, question_id, title, phases, state, version, created_at, finalised_at"

    static func record(_ row: Row) throws -> DraftRecord {
        guard let phases = DraftPhases(mask: row.int(4)) else { throw StoreError.corrupt(table: "drafts", column: "phases") }
        return DraftRecord(
            id: row.int(0), campaignID: row.int(1), questionID: row.int(2), title: row.text(3), phases: phases,
            state: try row.enumeration(5, DraftState.self, table: "drafts", column: "state"), version: row.int(6),
            createdAt: row.int(7), finalisedAt: row.optionalInt(8))
    }

    /// A new draft at version 1; its sections and their text follow with `addSection` and `addVersion`.
    public func create(campaignID: Int64, questionID: Int64, title: String, phases: DraftPhases, staffID: Int64?, now: Int64) throws -> Int64 {
        try connection.run(
            "INSERT INTO drafts (campaign_id, question_id, title, phases, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            campaignID, questionID, title, phases.mask, staffID, now)
        return connection.lastInsertRowID
    }

    public func addSection(contributionID: Int64, draftID: Int64, position: Int) throws {
        try connection.run(
            "INSERT INTO draft_sections (contribution_id, draft_id, position) VALUES (?, ?, ?)", contributionID, draftID, position)
    }

    /// Records `version` of draft `draftID` — every section's text and the change-log line — and
    /// makes it the draft's current version.
    public func addVersion(
        draftID: Int64, _ version: DraftVersion, amendmentID: Int64?, reason: String, staffID: Int64?, now: Int64
    ) throws {
        try connection.run(
            "INSERT INTO draft_versions (draft_id, version, amendment_id, reason, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            draftID, version.number, amendmentID, reason, staffID, now)
        for section in version.sections {
            try connection.run(
                """
                INSERT INTO draft_texts (draft_id, version, section_id, number, level, heading, body)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                draftID, version.number, section.sectionID, section.text.number, section.text.level,
                section.text.heading, section.text.body)
        }
        try connection.run("UPDATE drafts SET version = ? WHERE id = ?", version.number, draftID)
    }

    public func draft(id: Int64) throws -> DraftRecord? {
        try connection.queryOne("SELECT \(Self.columns) FROM drafts WHERE id = ?", id, row: Self.record)
    }

    /// The campaign's drafts, oldest first.
    public func drafts(campaignID: Int64) throws -> [DraftRecord] {
        try connection.query("SELECT \(Self.columns) FROM drafts WHERE campaign_id = ? ORDER BY id", campaignID, row: Self.record)
    }

    /// The whole document at `number`, sections in reading order; nil when there is no such version.
    public func version(draftID: Int64, number: Int) throws -> DraftVersion? {
        let sections = try connection.query(
            """
            SELECT t.section_id, t.number, t.level, t.heading, t.body FROM draft_texts t
            JOIN draft_sections s ON s.contribution_id = t.section_id
            WHERE t.draft_id = ? AND t.version = ? ORDER BY s.position
            """, draftID, number
        ) { row in
            VersionedSection(
                sectionID: row.int(0),
                text: DraftSectionText(number: row.text(1), level: row.int(2), heading: row.text(3), body: row.text(4)))
        }
        return sections.isEmpty ? nil : DraftVersion(number: number, sections: sections)
    }

    /// The change log, oldest first.
    public func changes(draftID: Int64) throws -> [DraftChange] {
        try connection.query(
            """
            SELECT v.version, v.amendment_id, a.section_id, v.reason, v.created_at FROM draft_versions v
            LEFT JOIN draft_amendments a ON a.contribution_id = v.amendment_id
            WHERE v.draft_id = ? ORDER BY v.version
            """, draftID
        ) { row in
            DraftChange(
                version: row.int(0), amendmentID: row.optionalInt(1), sectionID: row.optionalInt(2), reason: row.text(3),
                createdAt: row.int(4))
        }
    }

    public func finalise(draftID: Int64, now: Int64) throws {
        try connection.run("UPDATE drafts SET state = 'final', finalised_at = ? WHERE id = ? AND state = 'open'", now, draftID)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    // MARK: Amendments and alternatives

    static let amendmentColumns = "contribution_id, draft_id, section_id, base_version, state, reason, decided_version, decided_at"

    static func amendment(_ row: Row) throws -> AmendmentRecord {
        AmendmentRecord(
            contributionID: row.int(0), draftID: row.int(1), sectionID: row.int(2), baseVersion: row.int(3),
            state: try row.enumeration(4, AmendmentState.self, table: "draft_amendments", column: "state"),
            reason: row.optionalText(5), decidedVersion: row.optionalInt(6).map(Int.init), decidedAt: row.optionalInt(7))
    }

    public func addAmendment(contributionID: Int64, draftID: Int64, sectionID: Int64, baseVersion: Int) throws {
        try connection.run(
            "INSERT INTO draft_amendments (contribution_id, draft_id, section_id, base_version) VALUES (?, ?, ?, ?)",
            contributionID, draftID, sectionID, baseVersion)
    }

    public func amendment(id: Int64) throws -> AmendmentRecord? {
        try connection.queryOne(
            "SELECT \(Self.amendmentColumns) FROM draft_amendments WHERE contribution_id = ?", id, row: Self.amendment)
    }

    /// Every amendment to the draft, by section then id, whatever its contribution's state (the
    /// caller shows only those the crowd may read).
    public func amendments(draftID: Int64) throws -> [AmendmentRecord] {
        try connection.query(
            "SELECT \(Self.amendmentColumns) FROM draft_amendments WHERE draft_id = ? ORDER BY section_id, contribution_id",
            draftID, row: Self.amendment)
    }

    /// Answers a pending amendment; false when it was answered already.
    public func decide(
        amendmentID: Int64, _ state: AmendmentState, reason: String, decidedVersion: Int?, staffID: Int64?, now: Int64
    ) throws -> Bool {
        try connection.run(
            """
            UPDATE draft_amendments SET state = ?, reason = ?, decided_version = ?, staff_id = ?, decided_at = ?
            WHERE contribution_id = ? AND state = 'pending'
            """, state.rawValue, reason, decidedVersion, staffID, now, amendmentID)
        return connection.changes == 1
    }

    /// Pending amendments the crowd can read: what must be answered before the final version.
    public func pendingCount(draftID: Int64) throws -> Int {
        try connection.queryOne(
            """
            SELECT count(*) FROM draft_amendments a JOIN contributions c ON c.id = a.contribution_id
            WHERE a.draft_id = ? AND a.state = 'pending' AND c.state = 'visible'
            """, draftID
        ) { row in row.int(0) } ?? 0
    }

    public func addAlternative(contributionID: Int64, draftID: Int64) throws {
        try connection.run("INSERT INTO draft_alternatives (contribution_id, draft_id) VALUES (?, ?)", contributionID, draftID)
    }

    /// The ids of the draft's alternatives, oldest first, whatever their state.
    public func alternatives(draftID: Int64) throws -> [Int64] {
        try connection.query(
            "SELECT contribution_id FROM draft_alternatives WHERE draft_id = ? ORDER BY contribution_id", draftID
        ) { row in row.int(0) }
    }

    /// What contribution `id` is within a draft, with what the draft's rules need; nil when it is not part of one.
    public func target(contributionID id: Int64) throws -> DraftTarget? {
        try connection.queryOne(
            """
            SELECT i.draft_id, i.kind, d.state, d.phases, a.state FROM draft_items i
            JOIN drafts d ON d.id = i.draft_id
            LEFT JOIN draft_amendments a ON a.contribution_id = i.contribution_id
            WHERE i.contribution_id = ?
            """, id
        ) { row in try Self.target(row, from: 0) } ?? nil
    }

    /// A `DraftTarget` from five columns starting at `first` — draft id, item kind, draft state,
    /// phases, amendment state — or nil when the draft id is NULL (a left join that found no draft).
    static func target(_ row: Row, from first: Int32) throws -> DraftTarget? {
        if row.isNull(first) { return nil }
        guard let phases = DraftPhases(mask: row.int(first + 3)) else { throw StoreError.corrupt(table: "drafts", column: "phases") }
        return DraftTarget(
            draftID: row.int(first), kind: try row.enumeration(first + 1, DraftItemKind.self, table: "draft_items", column: "kind"),
            draftState: try row.enumeration(first + 2, DraftState.self, table: "drafts", column: "state"), phases: phases,
            amendment: row.isNull(first + 4)
                ? nil : try row.enumeration(first + 4, AmendmentState.self, table: "draft_amendments", column: "state"))
    }

    // MARK: Exports

    /// Export pages of amendments by id; with `publicOnly`, only those the crowd can read.
    public func amendmentExportPage(campaignID: Int64, after: Int64, limit: Int, publicOnly: Bool) throws -> [AmendmentExportRow] {
        try connection.query(
            """
            SELECT a.contribution_id, a.draft_id, a.section_id, a.base_version, a.state, a.reason, a.decided_version, a.decided_at,
                   coalesce((SELECT t.number FROM draft_texts t
                             WHERE t.draft_id = a.draft_id AND t.version = a.base_version AND t.section_id = a.section_id), '')
            FROM draft_amendments a JOIN contributions c ON c.id = a.contribution_id
            WHERE c.campaign_id = ?1 AND a.contribution_id > ?2 AND (?4 = 0 OR c.state = 'visible')
            ORDER BY a.contribution_id LIMIT ?3
            """, campaignID, after, limit, publicOnly
        ) { row in AmendmentExportRow(amendment: try Self.amendment(row), sectionNumber: row.text(8)) }
    }

    /// Export pages of every draft's text, version by version, sections in reading order.
    public func versionExportPage(campaignID: Int64, after key: DraftTextKey, limit: Int) throws -> [DraftTextExportRow] {
        try connection.query(
            """
            SELECT t.draft_id, t.version, s.position, t.section_id, t.number, t.level, t.heading, t.body,
                   v.amendment_id, v.reason, v.created_at
            FROM draft_texts t JOIN drafts d ON d.id = t.draft_id
            JOIN draft_sections s ON s.contribution_id = t.section_id
            JOIN draft_versions v ON v.draft_id = t.draft_id AND v.version = t.version
            WHERE d.campaign_id = ?1 AND (t.draft_id, t.version, s.position) > (?2, ?3, ?4)
            ORDER BY t.draft_id, t.version, s.position LIMIT ?5
            """, campaignID, key.draftID, key.version, key.position, limit
        ) { row in
            DraftTextExportRow(
                key: DraftTextKey(draftID: row.int(0), version: row.int(1), position: row.int(2), sectionID: row.int(3)),
                text: DraftSectionText(number: row.text(4), level: row.int(5), heading: row.text(6), body: row.text(7)),
                amendmentID: row.optionalInt(8), change: row.text(9), madeAt: row.int(10))
        }
    }
}
