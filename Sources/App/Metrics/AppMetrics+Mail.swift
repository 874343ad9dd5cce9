// The mail counters: what became of messages by kind, deferrals, relay failures. Nothing per person.
import Campaigns
import CoreMetrics

extension AppMetrics {
    static let mailMessagesTotal = "groundswell_mail_messages_total"
    static let mailDeferredTotal = "groundswell_mail_deferred_total"
    static let mailRelayFailuresTotal = "groundswell_mail_relay_failures_total"

    /// A message left the outbox: `outcome` as the tallies count it, so a personal message is only ever
    /// `handled` and these counters cannot tell whether an author had an address.
    func mailSettled(kind: MailKind, outcome: MailOutcome) {
        CoreMetrics.Counter(
            label: Self.mailMessagesTotal, dimensions: [("kind", kind.rawValue), ("outcome", outcome.rawValue)],
            factory: factory
        ).increment()
    }

    /// The relay deferred a message (4xx) and it waits for another try. Personal messages are left out:
    /// one without an address is never deferred, so counting theirs would tell.
    func mailDeferred(kind: MailKind) {
        switch kind {
        case .personal: return
        case .invitation, .reminder, .announcement: break
        }
        CoreMetrics.Counter(label: Self.mailDeferredTotal, dimensions: [("kind", kind.rawValue)], factory: factory).increment()
    }

    /// The relay could not be used at all (down, TLS, login).
    func mailRelayFailed() {
        CoreMetrics.Counter(label: Self.mailRelayFailuresTotal, factory: factory).increment()
    }
}
