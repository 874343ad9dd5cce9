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
