// Every SQL string for sealed invitation addresses and for requests to be invited.

/// An invitation to add: the keyed hash of its address and the sealed address and code.
public struct NewInvitation: Sendable, Equatable {
    public var addressMAC: [UInt8]
    public var sealed: [UInt8]

    public init(addressMAC: [UInt8], sealed: [UInt8]) {
        self.addressMAC = addressMAC
        self.sealed = sealed
    }
}

/// A request to be invited, as a facilitator reviews it (the seal is opened by the App).
public struct InvitationRequestRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var sealed: [UInt8]
    public var requestedOn: Int64
}

public struct InvitationStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Which of `macs` the campaign already holds (invited, or unsubscribed and not yet forgotten).
    public func existing(campaignID: Int64, macs: [[UInt8]]) throws -> Set<[UInt8]> {
        var found: Set<[UInt8]> = []
        for mac in macs {
            let exists = try connection.queryOne(
                "SELECT 1 FROM invitations WHERE campaign_id = ? AND address_mac = ?", campaignID, mac) { _ in true } ?? false
            if exists { found.insert(mac) }
        }
        return found
    }

    /// Adds the invitations, to be forgotten on UTC day `deleteOn`, under random ids (returned in order):
    /// the table keeps no upload order.
    public func add(campaignID: Int64, _ invitations: [NewInvitation], deleteOn: Int64) throws -> [Int64] {
        try invitations.map { invitation in
            while true {
                let id = ContributorStore.randomID()
                do {
                    try connection.run(
                        "INSERT INTO invitations (id, campaign_id, address_mac, sealed, delete_on) VALUES (?, ?, ?, ?, ?)",
                        id, campaignID, invitation.addressMAC, invitation.sealed, deleteOn)
                    return id
                } catch let error as SQLiteError where error.isPrimaryKeyConflict {
                    continue  // one chance in 2^62 per row: draw again
                }
            }
        }
    }

    /// The ids of the campaign's invitations that still hold an address (in id order: random).
    public func heldIDs(campaignID: Int64) throws -> [Int64] {
        try connection.query(
            "SELECT id FROM invitations WHERE campaign_id = ? AND sealed IS NOT NULL ORDER BY id", campaignID
        ) { $0.int64(0) }
    }

    /// The sealed address and code of invitation `id`; nil when it is gone or unsubscribed.
    public func sealed(id: Int64) throws -> [UInt8]? {
        try connection.queryOne("SELECT sealed FROM invitations WHERE id = ?", id) { $0.optionalBlob(0) } ?? nil
    }

    /// Forgets the address of invitation `id` (its hash stays until `delete_on`); false when it was already gone.
    @discardableResult
    public func unsubscribe(id: Int64) throws -> Bool {
        try connection.run("UPDATE invitations SET sealed = NULL WHERE id = ? AND sealed IS NOT NULL", id)
        return connection.changes == 1
    }

    /// `(held, unsubscribed)` for the console.
    public func counts(campaignID: Int64) throws -> (held: Int, unsubscribed: Int) {
        try connection.queryOne(
            "SELECT count(sealed), count(*) - count(sealed) FROM invitations WHERE campaign_id = ?", campaignID
        ) { (held: $0.int(0) as Int, unsubscribed: $0.int(1) as Int) } ?? (0, 0)
    }

    /// Deletes invitations whose retention ends on or before UTC day `today`; returns how many.
    public func deleteExpired(today: Int64) throws -> Int {
        try connection.run("DELETE FROM invitations WHERE delete_on <= ?", today)
        return connection.changes
    }

    // MARK: Requests

    /// Adds a request; false when the same address already waits for this campaign.
    public func addRequest(campaignID: Int64, addressMAC: [UInt8], sealed: [UInt8], today: Int64) throws -> Bool {
        try connection.run(
            """
            INSERT INTO invitation_requests (id, campaign_id, address_mac, sealed, requested_on) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (campaign_id, address_mac) DO NOTHING
            """, ContributorStore.randomID(), campaignID, addressMAC, sealed, today)
        return connection.changes == 1
    }

    /// Requests waiting in the campaign, oldest day first, at most `limit`.
    public func requests(campaignID: Int64, limit: Int) throws -> [InvitationRequestRecord] {
        try connection.query(
            """
            SELECT id, campaign_id, sealed, requested_on FROM invitation_requests WHERE campaign_id = ?
            ORDER BY requested_on, id LIMIT ?
            """, campaignID, limit
        ) { row in InvitationRequestRecord(id: row.int(0), campaignID: row.int(1), sealed: row.blob(2), requestedOn: row.int(3)) }
    }

    public func requestCount(campaignID: Int64) throws -> Int {
        try connection.queryOne("SELECT count(*) FROM invitation_requests WHERE campaign_id = ?", campaignID) { $0.int(0) } ?? 0
    }

    /// Removes and returns request `id` of the campaign (a facilitator decided); nil when it is not there.
    public func takeRequest(id: Int64, campaignID: Int64) throws -> InvitationRequestRecord? {
        try connection.queryOne(
            "DELETE FROM invitation_requests WHERE id = ? AND campaign_id = ? RETURNING id, campaign_id, sealed, requested_on",
            id, campaignID
        ) { row in InvitationRequestRecord(id: row.int(0), campaignID: row.int(1), sealed: row.blob(2), requestedOn: row.int(3)) }
    }
}
