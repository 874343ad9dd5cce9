// The hook through which contributors who opted in hear that an idea they took part in changed status.
import Campaigns
import Storage

/// What changed: an idea's public status.
public struct OutcomeChange: Sendable, Equatable {
    public var campaignID: Int64
    public var contributionID: Int64
    public var status: OutcomeStatus
}

/// Implemented by the mail outbox (issue 22) to alert contributors who asked to hear about their
/// ideas. Called inside the write that records the change, so what it queues on `connection`
/// commits with the change or not at all; throwing refuses the change.
///
/// `audience` is every contributor who wrote, voted on or commented on the idea (ids inside the
/// server only): the outbox keeps those who opted in. A message must not name the idea or quote it,
/// and the staff side must learn nothing from it about who took part (PRIVACY.md, "Outcomes").
public protocol OutcomeAlerts: Sendable {
    func statusChanged(_ change: OutcomeChange, audience: [Int64], in connection: Connection) throws
}

/// The mail outbox as the outcome alerts hook: one personal alert to each contributor who took part,
/// queued whether or not they left an address or asked for alerts (the sender sends only to those who
/// did, and counts every one as handled), so the staff side learns nothing about who can be reached.
struct OutboxOutcomeAlerts: OutcomeAlerts {
    let key: ServerKey
    let clock: any WallClock

    func statusChanged(_ change: OutcomeChange, audience: [Int64], in connection: Connection) throws {
        try OutboxWriter(connection, key: key, now: clock.now)
            .alert(contributors: audience.map { (change.campaignID, $0) }, .statusChanged)
    }
}
