// Every SQL string for the addresses contributors left for themselves (announcements, alerts).

/// A contributor's own address row; the App opens the seal.
public struct ContributorAddressRecord: Sendable, Equatable {
    public var contributorID: Int64
    public var sealed: [UInt8]
    public var announcements: Bool
    public var alerts: Bool
    public var refused: Bool
}

/// What a one-click unsubscribe from a contributor's message stops.
public enum AddressSubscription: String, Sendable, CaseIterable {
    case announcements, alerts
}

public struct MailAddressStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Sets (or replaces) the contributor's address and what they want to hear; a new address is not refused.
    public func set(contributorID: Int64, sealed: [UInt8], announcements: Bool, alerts: Bool) throws {
        try connection.run(
            """
            INSERT INTO contributor_addresses (contributor_id, sealed, announcements, alerts, refused) VALUES (?, ?, ?, ?, 0)
            ON CONFLICT (contributor_id) DO UPDATE SET sealed = excluded.sealed, announcements = excluded.announcements,
                alerts = excluded.alerts, refused = 0
            """, contributorID, sealed, announcements, alerts)
    }

    public func address(contributorID: Int64) throws -> ContributorAddressRecord? {
        try connection.queryOne(
            "SELECT contributor_id, sealed, announcements, alerts, refused FROM contributor_addresses WHERE contributor_id = ?",
            contributorID
        ) { row in
            ContributorAddressRecord(
                contributorID: row.int(0), sealed: row.blob(1), announcements: row.bool(2), alerts: row.bool(3), refused: row.bool(4))
        }
    }

    /// Erases the contributor's address; false when there was none.
    @discardableResult
    public func remove(contributorID: Int64) throws -> Bool {
        try connection.run("DELETE FROM contributor_addresses WHERE contributor_id = ?", contributorID)
        return connection.changes == 1
    }

    /// Stops `subscription` for the contributor; the address is erased when nothing is left to send to it.
    /// Returns false when there was no address.
    @discardableResult
    public func unsubscribe(contributorID: Int64, from subscription: AddressSubscription) throws -> Bool {
        switch subscription {
        case .announcements:
            try connection.run("UPDATE contributor_addresses SET announcements = 0 WHERE contributor_id = ?", contributorID)
        case .alerts:
            try connection.run("UPDATE contributor_addresses SET alerts = 0 WHERE contributor_id = ?", contributorID)
        }
        guard connection.changes == 1 else { return false }
        try connection.run(
            "DELETE FROM contributor_addresses WHERE contributor_id = ? AND announcements = 0 AND alerts = 0", contributorID)
        return true
    }

    /// The relay refused the address for good: kept only to tell its owner, never used again.
    public func markRefused(contributorID: Int64) throws {
        try connection.run("UPDATE contributor_addresses SET refused = 1 WHERE contributor_id = ?", contributorID)
    }

    /// Contributors of the campaign who asked for announcements (and whose address was not refused).
    public func announcementRecipients(campaignID: Int64) throws -> [Int64] {
        try connection.query(
            """
            SELECT a.contributor_id FROM contributor_addresses a JOIN contributors c ON c.id = a.contributor_id
            WHERE c.campaign_id = ? AND a.announcements = 1 AND a.refused = 0 ORDER BY a.contributor_id
            """, campaignID
        ) { $0.int64(0) }
    }

    /// Deletes every address the campaign holds — invitations, requests, contributors' own — when it is
    /// archived (PRIVACY.md, "Mail"); queued messages to them are then dropped as they come due.
    public func forgetCampaign(campaignID: Int64) throws {
        try connection.run("DELETE FROM invitations WHERE campaign_id = ?", campaignID)
        try connection.run("DELETE FROM invitation_requests WHERE campaign_id = ?", campaignID)
        try connection.run(
            "DELETE FROM contributor_addresses WHERE contributor_id IN (SELECT id FROM contributors WHERE campaign_id = ?)",
            campaignID)
    }
}
