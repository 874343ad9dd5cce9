// What became of one hand-over to the relay, classified the way the outbox must act on it.

/// The relay's answer to one message (or probe), as the outbox acts on it.
public enum SendOutcome: Sendable, Equatable {
    /// The relay took the message (250 after DATA): it is now the relay's to deliver.
    case delivered
    /// The relay refused this message for good (a 5xx to RCPT or DATA, RFC 5321 §4.2.1): retrying
    /// cannot help. `code` is the reply code, the only part of the reply kept (its text may hold the address).
    case refused(code: Int)
    /// The relay refused this message for now (a 4xx to RCPT or DATA): try it again later.
    case deferred(code: Int)
    /// The relay could not be used at all — down, unreachable, TLS or login failing, refusing our
    /// sender: nothing about this message; every message waits until it is back.
    case relayUnavailable(RelayProblem)
}

/// Why the relay could not be used, in terms an administrator can act on.
public enum RelayProblem: Sendable, Equatable {
    /// No connection (refused, unreachable, name unknown) or it broke.
    case unreachable
    /// No answer within `SMTPRelay.transferTimeout`.
    case timedOut
    /// TLS was required and the relay does not offer STARTTLS.
    case noStartTLS
    /// The TLS handshake failed or the certificate did not verify (see GROUNDSWELL_SMTP_CA_FILE).
    case tlsFailed
    /// The relay refused our login (or offers no mechanism we know).
    case loginRefused
    /// The relay refused our sender (MAIL FROM), often because a login is required: reply code given.
    case senderRefused(code: Int)
    /// Anything else the relay answered that we did not expect: reply code given (0 when none).
    case protocolError(code: Int)

    /// One line for the console and the log; names no address.
    public var summary: String {
        switch self {
        case .unreachable: "cannot connect to the relay"
        case .timedOut: "the relay did not answer in time"
        case .noStartTLS: "the relay does not offer STARTTLS, which GROUNDSWELL_SMTP_TLS=required needs"
        case .tlsFailed: "TLS with the relay failed: its certificate did not verify (see GROUNDSWELL_SMTP_CA_FILE)"
        case .loginRefused: "the relay refused the login in GROUNDSWELL_SMTP_URL"
        case .senderRefused(let code): "the relay refused the sender GROUNDSWELL_MAIL_FROM (reply \(code))"
        case .protocolError(let code): code == 0 ? "the relay answered unexpectedly" : "the relay answered \(code)"
        }
    }
}

/// Something that hands messages over: the SMTP relay (`SMTPTransport`), or the demo's preview.
public protocol MailTransport: Sendable {
    /// Hands `message` to the relay with `envelopeFrom` as the SMTP sender.
    func send(_ message: MailMessage, envelopeFrom: MailAddress) -> SendOutcome
    /// Talks to the relay without sending anything (an SMTP NOOP): `.delivered` when it answered.
    func probe() -> SendOutcome
}
