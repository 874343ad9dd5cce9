// The demo's stand-in for a relay (GROUNDSWELL_MAIL_PREVIEW=on): it keeps the last messages for the console.
import Mail
import Synchronization

/// A transport that sends nothing: each message is kept, newest first, for the console's Mail section,
/// with its recipient withheld (staff never see an address, not even in a demo).
final class PreviewMailbox: MailTransport {
    /// A message as the console shows it.
    struct Preview: Sendable, Equatable {
        var subject: String
        var text: String
        var html: String
        var messageID: String
        var date: Int64
        var oneClickUnsubscribe: Bool
        /// A personal message whose author could not be reached, shown as the message it stands for so
        /// that the console's preview does not tell who can be reached. Never in an answer; for tests.
        var blank = false
    }

    /// How many messages are kept.
    static let capacity = 50

    /// Guarded by its mutex: the kept messages, newest first.
    private let kept = Mutex<[Preview]>([])

    var messages: [Preview] { kept.withLock { $0 } }

    func send(_ message: MailMessage, envelopeFrom: MailAddress) -> SendOutcome {
        keep(message, blank: false)
        return .delivered
    }

    /// Shows a blank (`MailSender.Resolved.blank`) as `message`, which was written for nobody.
    func showBlank(_ message: MailMessage) {
        keep(message, blank: true)
    }

    private func keep(_ message: MailMessage, blank: Bool) {
        let preview = Preview(
            subject: message.subject, text: Self.withoutSecrets(message.body.plainText),
            html: Self.withoutSecrets(message.body.html), messageID: message.messageID, date: message.date,
            oneClickUnsubscribe: message.unsubscribe != nil, blank: blank)
        kept.withLock { kept in
            kept.insert(preview, at: 0)
            if kept.count > Self.capacity { kept.removeLast(kept.count - Self.capacity) }
        }
    }

    func probe() -> SendOutcome { .delivered }

    /// Where a link carries a secret: the personal invite code, a sign-in code, an unsubscribe token.
    private static let secretMarkers = ["#code=", "#pair=", "/unsubscribe.html#", "/api/unsubscribe/"]

    /// `text` with every secret in a link replaced by dots: staff reading a preview cannot join as an
    /// invitee, sign in as an author or unsubscribe anyone.
    static func withoutSecrets(_ text: String) -> String {
        var out = text
        for marker in secretMarkers {
            var result = ""
            var rest = out[...]
            while let range = rest.firstRange(of: marker) {
                result += rest[..<range.upperBound]
                rest = rest[range.upperBound...].drop { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                result += "…"
            }
            out = result + rest
        }
        return out
    }
}
