// The append-only audit log: append (chaining each entry to the last), list, and read all for verification.
import Campaigns

/// What a new audit entry says; the store adds the id and the hashes.
public struct NewAuditEntry: Sendable {
    public var campaignID: Int64?
    public var actor: String
    public var action: AuditAction
    public var target: String
    public var reason: String

    public init(campaignID: Int64? = nil, actor: String, action: AuditAction, target: String, reason: String = "") {
        self.campaignID = campaignID
        self.actor = actor
        self.action = action
        self.target = target
        self.reason = reason
    }
}

/// Every SQL string for `audit_log`. Appends must run on the writer (inside `Database.write`),
/// which serialises them, so each entry chains to the one committed before it. The schema's
/// triggers refuse UPDATE and DELETE.
public struct AuditStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let columns = "id, at, campaign_id, actor, action, target, reason, prev_hash, hash"

    private static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(
            id: row.int(0), at: row.int(1), campaignID: row.optionalInt(2), actor: row.text(3), action: row.text(4),
            target: row.text(5), reason: row.text(6), prevHash: row.blob(7), hash: row.blob(8))
    }

    @discardableResult
    public func append(_ new: NewAuditEntry, now: Int64) throws -> AuditEntry {
        let last = try connection.queryOne("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") { row in
            (id: row.int(0) as Int64, hash: row.blob(1))
        }
        let id = (last?.id ?? 0) + 1
        let prev = last?.hash ?? AuditChain.genesis
        let hash = AuditChain.hash(
            prev: prev, id: id, at: now, campaignID: new.campaignID, actor: new.actor, action: new.action.rawValue,
            target: new.target, reason: new.reason)
        try connection.run(
            """
            INSERT INTO audit_log (id, at, campaign_id, actor, action, target, reason, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, id, now, new.campaignID, new.actor, new.action.rawValue, new.target, new.reason, prev, hash)
        return AuditEntry(
            id: id, at: now, campaignID: new.campaignID, actor: new.actor, action: new.action.rawValue, target: new.target,
            reason: new.reason, prevHash: prev, hash: hash)
    }

    /// Newest first, at most `limit`, older than `beforeID` when given; one campaign's when given.
    public func list(campaignID: Int64?, beforeID: Int64?, limit: Int) throws -> [AuditEntry] {
        var filter = "id < ?"
        var values: [SQLValue] = [.integer(beforeID ?? Int64.max)]
        if let campaignID {
            filter += " AND campaign_id = ?"
            values.append(.integer(campaignID))
        }
        values.append(.integer(Int64(max(1, min(limit, 500)))))
        return try connection.query(
            "SELECT \(Self.columns) FROM audit_log WHERE \(filter) ORDER BY id DESC LIMIT ?", values: values,
            row: Self.entry)
    }

    /// The whole log, oldest first, for `AuditChain.verify`.
    public func all() throws -> [AuditEntry] {
        try connection.query("SELECT \(Self.columns) FROM audit_log ORDER BY id", row: Self.entry)
    }
}
