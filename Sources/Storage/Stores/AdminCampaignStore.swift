// Campaign set-up by staff: every campaign whatever its state, edits, launch/archive, questions, invites, access code.
import Campaigns

/// The fields of a campaign staff may change; nil leaves a field as it is.
public struct CampaignChanges: Sendable {
    public var title: String?
    public var summary: String?
    public var description: String?
    public var access: AccessMode?
    public var premoderation: Bool?
    public var flagThreshold: Int?
    public var joinProofBits: Int?

    public init(
        title: String? = nil, summary: String? = nil, description: String? = nil, access: AccessMode? = nil,
        premoderation: Bool? = nil, flagThreshold: Int? = nil, joinProofBits: Int? = nil
    ) {
        self.title = title
        self.summary = summary
        self.description = description
        self.access = access
        self.premoderation = premoderation
        self.flagThreshold = flagThreshold
        self.joinProofBits = joinProofBits
    }
}

/// A question row as staff see it, with its campaign.
public struct AdminQuestionRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var phase: PhaseKind
    public var text: String
    public var deleted: Bool
}

/// SQL for what only staff do to campaigns; reading a campaign stays with `CampaignStore`.
public struct AdminCampaignStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Every campaign, drafts and archived ones included, newest first.
    public func allCampaigns() throws -> [CampaignRecord] {
        let ids = try connection.query("SELECT id FROM campaigns ORDER BY created_at DESC, id DESC") { row -> Int64 in
            row.int(0)
        }
        let store = CampaignStore(connection)
        return try ids.compactMap { try store.campaign(id: $0) }
    }

    public func update(campaignID: Int64, _ changes: CampaignChanges) throws {
        try connection.run(
            """
            UPDATE campaigns SET title = coalesce(?, title), summary = coalesce(?, summary),
                description = coalesce(?, description), access = coalesce(?, access),
                premoderation = coalesce(?, premoderation), flag_threshold = coalesce(?, flag_threshold),
                join_proof_bits = coalesce(?, join_proof_bits)
            WHERE id = ?
            """,
            changes.title, changes.summary, changes.description, changes.access?.rawValue, changes.premoderation,
            changes.flagThreshold, changes.joinProofBits, campaignID)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    public func setState(campaignID: Int64, _ state: CampaignState) throws {
        try connection.run("UPDATE campaigns SET state = ? WHERE id = ?", state.rawValue, campaignID)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    public func question(id: Int64) throws -> AdminQuestionRecord? {
        try connection.queryOne("SELECT id, campaign_id, phase, text, deleted FROM questions WHERE id = ?", id) { row in
            AdminQuestionRecord(
                id: row.int(0), campaignID: row.int(1),
                phase: try row.enumeration(2, PhaseKind.self, table: "questions", column: "phase"), text: row.text(3),
                deleted: row.bool(4))
        }
    }

    public func updateQuestion(id: Int64, text: String?, phase: PhaseKind?) throws {
        try connection.run(
            "UPDATE questions SET text = coalesce(?, text), phase = coalesce(?, phase) WHERE id = ? AND deleted = 0",
            text, phase?.rawValue, id)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    /// Hides the question; its contributions keep pointing at it, so it is never removed.
    public func deleteQuestion(id: Int64) throws {
        try connection.run("UPDATE questions SET deleted = 1 WHERE id = ? AND deleted = 0", id)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    /// Sets (or with nil removes) the campaign's shared access code, by its keyed hash.
    public func setAccessCode(campaignID: Int64, mac: [UInt8]?) throws {
        try connection.run("UPDATE campaigns SET access_code_hash = ?, access_code_keyed = 1 WHERE id = ?", mac, campaignID)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }
}

extension AdminCampaignStore {
    /// Replaces an access code's unkeyed SHA-256 by its keyed hash (the code was just presented).
    public func rekeyAccessCode(campaignID: Int64, mac: [UInt8]) throws {
        try connection.run(
            "UPDATE campaigns SET access_code_hash = ?, access_code_keyed = 1 WHERE id = ? AND access_code_keyed = 0", mac, campaignID)
    }
}
