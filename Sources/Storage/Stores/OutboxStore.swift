// Every SQL string for the outbox and its tallies: queue, take the next due, settle, count.
import Campaigns

/// A message to queue: its sealed payload (to whom by reference, and what) and when it is first due.
public struct QueuedMail: Sendable, Equatable {
    public var campaignID: Int64
    public var kind: MailKind
    public var messageID: String
    public var sealed: [UInt8]
    public var dueAt: Int64

    public init(campaignID: Int64, kind: MailKind, messageID: String, sealed: [UInt8], dueAt: Int64) {
        self.campaignID = campaignID
        self.kind = kind
        self.messageID = messageID
        self.sealed = sealed
        self.dueAt = dueAt
    }
}

/// A message waiting in the outbox, as the sender reads it.
public struct OutboxRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var kind: MailKind
    public var messageID: String
    public var sealed: [UInt8]
    public var attempts: Int
    public var dueAt: Int64
}

/// The outbox of one campaign or of all, counted for the console: waiting by kind, the oldest's age, and
/// what became of the rest.
public struct OutboxSummary: Sendable, Equatable {
    public var waiting: [MailKind: Int] = [:]
    /// When the longest-waiting message was queued; nil when none waits.
    public var oldestQueuedAt: Int64?
    /// `(kind, outcome, reply code) → count`.
    public var tallies: [MailTally] = []
}

public struct MailTally: Sendable, Equatable {
    public var kind: MailKind
    public var outcome: MailOutcome
    public var code: Int
    public var count: Int
}

public struct OutboxStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Queues `messages` inside the caller's write: they commit, or vanish, with what caused them.
    public func queue(_ messages: [QueuedMail], now: Int64) throws {
        for message in messages {
            try connection.run(
                """
                INSERT INTO outbox (campaign_id, kind, message_id, sealed, attempts, due_at, queued_at)
                VALUES (?, ?, ?, ?, 0, ?, ?)
                """, message.campaignID, message.kind.rawValue, message.messageID, message.sealed, message.dueAt, now)
        }
    }

    /// The oldest message due at `now`, if any.
    public func nextDue(now: Int64) throws -> OutboxRecord? {
        try connection.queryOne(
            """
            SELECT id, campaign_id, kind, message_id, sealed, attempts, due_at FROM outbox
            WHERE due_at <= ? ORDER BY due_at, id LIMIT 1
            """, now
        ) { row in
            guard let kind = MailKind(rawValue: row.text(2)) else { throw StoreError.corrupt(table: "outbox", column: "kind") }
            return OutboxRecord(
                id: row.int(0), campaignID: row.int(1), kind: kind, messageID: row.text(3), sealed: row.blob(4),
                attempts: row.int(5), dueAt: row.int(6))
        }
    }

    /// When the next message falls due (it may be past); nil when the outbox is empty.
    public func nextDueAt() throws -> Int64? {
        try connection.queryOne("SELECT min(due_at) FROM outbox") { $0.optionalInt(0) } ?? nil
    }

    /// Messages waiting, of every campaign.
    public func backlog() throws -> Int {
        try connection.queryOne("SELECT count(*) FROM outbox") { $0.int(0) } ?? 0
    }

    /// Removes message `id` and counts its outcome (as `MailOutcome.counted` says for its kind).
    /// Returns false when it was no longer there.
    @discardableResult
    public func settle(id: Int64, campaignID: Int64, kind: MailKind, outcome: MailOutcome, code: Int = 0) throws -> Bool {
        try connection.run("DELETE FROM outbox WHERE id = ?", id)
        guard connection.changes == 1 else { return false }
        let counted = MailOutcome.counted(outcome, kind: kind)
        try connection.run(
            """
            INSERT INTO mail_tallies (campaign_id, kind, outcome, code, count) VALUES (?, ?, ?, ?, 1)
            ON CONFLICT (campaign_id, kind, outcome, code) DO UPDATE SET count = count + 1
            """, campaignID, kind.rawValue, counted.rawValue, counted == .handled || counted == .sent ? 0 : code)
        return true
    }

    /// Removes message `id` without counting it: its recipient unsubscribed or was erased before it went.
    public func drop(id: Int64) throws {
        try connection.run("DELETE FROM outbox WHERE id = ?", id)
    }

    /// Message `id` tried again at `dueAt`, `attempts` tries so far.
    public func postpone(id: Int64, attempts: Int, dueAt: Int64) throws {
        try connection.run("UPDATE outbox SET attempts = ?, due_at = ? WHERE id = ?", attempts, dueAt, id)
    }

    /// Waiting and settled messages of `campaignID`, or of every campaign when nil.
    public func summary(campaignID: Int64?) throws -> OutboxSummary {
        var summary = OutboxSummary()
        let filter = campaignID == nil ? "" : " WHERE campaign_id = ?"
        let values: [SQLValue] = campaignID.map { [.integer($0)] } ?? []
        let waiting = try connection.query(
            "SELECT kind, count(*), min(queued_at) FROM outbox\(filter) GROUP BY kind", values: values
        ) { row in (row.text(0), row.int(1) as Int, row.int64(2)) }
        for (kind, count, oldest) in waiting {
            guard let kind = MailKind(rawValue: kind) else { throw StoreError.corrupt(table: "outbox", column: "kind") }
            summary.waiting[kind] = count
            summary.oldestQueuedAt = min(summary.oldestQueuedAt ?? oldest, oldest)
        }
        summary.tallies = try connection.query(
            "SELECT kind, outcome, code, sum(count) FROM mail_tallies\(filter) GROUP BY kind, outcome, code ORDER BY kind, outcome, code",
            values: values
        ) { row in
            guard let kind = MailKind(rawValue: row.text(0)), let outcome = MailOutcome(rawValue: row.text(1)) else {
                throw StoreError.corrupt(table: "mail_tallies", column: "kind")
            }
            return MailTally(kind: kind, outcome: outcome, code: row.int(2), count: row.int(3))
        }
        return summary
    }
}
