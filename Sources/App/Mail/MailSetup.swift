// How this server sends mail, checked once at start-up from the GROUNDSWELL_SMTP_*, MAIL_* and PUBLIC_URL settings.
import Mail

/// The mail settings, validated: where messages go, who they are from, what their links start with.
struct MailSetup: Sendable {
    enum Delivery: Sendable {
        /// GROUNDSWELL_SMTP_URL is unset: messages wait in the outbox; the console says nothing is sent.
        case none
        /// GROUNDSWELL_MAIL_PREVIEW=on (the demo): the console shows the last messages instead of sending them.
        case preview
        /// Messages go to this relay.
        case relay(SMTPRelay)
    }

    var delivery: Delivery
    var from: Mailbox
    /// GROUNDSWELL_PUBLIC_URL without a trailing slash; nil when unset (allowed without a relay: links then
    /// start with the address the server listens on, `MailSender.linkBase`).
    var publicURL: String?
    /// Messages per second at most.
    var rate: Int

    /// Throws `ConfigurationError` naming the setting to fix.
    init(configuration: AppConfiguration) throws {
        rate = configuration.mailRate
        if let text = configuration.mailFrom {
            guard let mailbox = Mailbox(parsing: text) else {
                throw ConfigurationError(name: "GROUNDSWELL_MAIL_FROM", expected: "an address, or Name <address>")
            }
            from = mailbox
        } else {
            guard configuration.smtpURL == nil, let placeholder = MailAddress("groundswell@localhost.invalid") else {
                throw ConfigurationError(name: "GROUNDSWELL_MAIL_FROM", expected: "set whenever GROUNDSWELL_SMTP_URL is")
            }
            from = Mailbox(name: "Groundswell", address: placeholder)
        }
        if let base = configuration.publicURL {
            guard base.hasPrefix("https://") || base.hasPrefix("http://"), !base.contains(where: { $0 == " " || $0 == "\"" }) else {
                throw ConfigurationError(name: "GROUNDSWELL_PUBLIC_URL", expected: "an http:// or https:// address")
            }
            publicURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        } else {
            guard configuration.smtpURL == nil else {
                throw ConfigurationError(
                    name: "GROUNDSWELL_PUBLIC_URL", expected: "set whenever GROUNDSWELL_SMTP_URL is: it starts every link in a message")
            }
            publicURL = nil
        }
        switch (configuration.smtpURL, configuration.mailPreview) {
        case (let url?, false):
            do {
                delivery = .relay(try SMTPRelay(url: url, security: configuration.smtpTLS, caFile: configuration.smtpCAFile))
            } catch let error as SMTPRelayError {
                throw ConfigurationError(name: "GROUNDSWELL_SMTP_URL", expected: "usable: " + error.description)
            }
        case (_?, true):
            throw ConfigurationError(name: "GROUNDSWELL_MAIL_PREVIEW", expected: "off when GROUNDSWELL_SMTP_URL is set")
        case (nil, true): delivery = .preview
        case (nil, false): delivery = .none
        }
    }

    /// The part of Message-IDs after `@`: the sender's domain.
    var messageIDDomain: String { String(from.address.domain) }

    /// The host of `base` (the links' start), for List-Id.
    static func host(of base: String) -> String {
        let rest = base.split(separator: "://", maxSplits: 1).last ?? ""
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        return host.isEmpty ? "localhost" : String(host)
    }
}
