// What kinds of message the outbox carries and what became of each, as the tallies count them.

/// A message's kind: how it is counted, shown and unsubscribed from.
public enum MailKind: String, Sendable, CaseIterable, Codable {
    /// A personal invitation from an uploaded list (or an approved request): the join link with its code.
    case invitation
    /// The same link again, to everyone on the list who has not unsubscribed.
    case reminder
    /// News of the campaign (a phase opened, the shortlist or the guide published) to contributors who asked.
    case announcement
    /// To one contributor about their own contributions — an alert, or a facilitator's message to "the
    /// author of idea N". Queued whether or not the author left an address, and counted as `handled`
    /// either way, so nobody on the staff side learns whether there was one (PRIVACY.md, "Mail").
    case personal
}

/// What became of a message, as `mail_tallies` counts it.
public enum MailOutcome: String, Sendable, CaseIterable {
    /// The relay took it.
    case sent
    /// The relay refused it for good (a 5xx).
    case refused
    /// It was deferred (4xx) until `RetryPolicy.maxAttempts` ran out.
    case gaveUp = "gave_up"
    /// A personal message, whatever happened to it.
    case handled

    /// How an outcome is counted for `kind`: personal messages are only ever `handled`.
    public static func counted(_ outcome: MailOutcome, kind: MailKind) -> MailOutcome {
        switch kind {
        case .personal: .handled
        case .invitation, .reminder, .announcement: outcome
        }
    }
}
