// Every SQL string for campaign-wide sends: one row per announcement event and per reminder.

/// A campaign-wide send: what (an announcement's event, or `reminder:N`), when, to how many.
public struct MailSendRecord: Sendable, Equatable {
    public var event: String
    public var queuedAt: Int64
    public var recipients: Int
}

public struct MailSendStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Records the send; false when `event` was already sent for this campaign (nothing changes then).
    public func record(campaignID: Int64, event: String, recipients: Int, now: Int64) throws -> Bool {
        try connection.run(
            """
            INSERT INTO mail_sends (campaign_id, event, queued_at, recipients) VALUES (?, ?, ?, ?)
            ON CONFLICT (campaign_id, event) DO NOTHING
            """, campaignID, event, now, recipients)
        return connection.changes == 1
    }

    public func sends(campaignID: Int64) throws -> [MailSendRecord] {
        try connection.query(
            "SELECT event, queued_at, recipients FROM mail_sends WHERE campaign_id = ? ORDER BY queued_at, event", campaignID
        ) { row in MailSendRecord(event: row.text(0), queuedAt: row.int(1), recipients: row.int(2)) }
    }

    public func sent(campaignID: Int64, event: String) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM mail_sends WHERE campaign_id = ? AND event = ?", campaignID, event) { _ in true } ?? false
    }

    /// How many reminders the campaign has had, and when the last was queued.
    public func reminders(campaignID: Int64) throws -> (count: Int, lastAt: Int64?) {
        try connection.queryOne(
            "SELECT count(*), max(queued_at) FROM mail_sends WHERE campaign_id = ? AND event LIKE 'reminder:%'", campaignID
        ) { (count: $0.int(0) as Int, lastAt: $0.optionalInt(1)) } ?? (0, nil)
    }
}
