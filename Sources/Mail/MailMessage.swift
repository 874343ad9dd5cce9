// One outgoing message and its wire form: RFC 5322 headers, a MIME multipart/alternative body, CRLF lines.

/// A message as Groundswell sends it: from the configured sender to one recipient, a UTF-8 subject,
/// plain text with an HTML alternative, a `Message-ID` fixed when it was queued (so a copy resent
/// after a crash is recognisably the same message), and for anything that is not a one-off, the
/// one-click unsubscribe of RFC 8058.
public struct MailMessage: Sendable, Equatable {
    public var from: Mailbox
    public var to: MailAddress
    public var subject: String
    public var body: MailBody
    /// The `id-left@id-right` of `Message-ID` (RFC 5322 §3.6.4), without angle brackets.
    public var messageID: String
    /// Seconds since 1970, for the `Date` header.
    public var date: Int64
    /// An https URL that unsubscribes with a bare POST (RFC 8058 §3.1): adds `List-Unsubscribe` and
    /// `List-Unsubscribe-Post`. Nil for one-off messages.
    public var unsubscribe: String?
    /// `List-Id` (RFC 2919): what list the message belongs to, e.g. `demo.invitations.ideas.example.org`.
    public var listID: String?

    public init(
        from: Mailbox, to: MailAddress, subject: String, body: MailBody, messageID: String, date: Int64,
        unsubscribe: String? = nil, listID: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
        self.unsubscribe = unsubscribe
        self.listID = listID
    }

    /// The message as SMTP's DATA carries it (before dot-stuffing, which libcurl does): 7-bit lines
    /// ending in CRLF, none longer than 998 characters (RFC 5322 §2.1.1). `boundary` separates the
    /// parts; quoted-printable output never contains `=_`, so a boundary starting with it cannot occur
    /// inside a part (RFC 2046 §5.1.1).
    public func rendered(boundary: String = MailMessage.randomBoundary()) -> [UInt8] {
        var headers: [(String, String)] = [
            ("Date", MailDate.format(date)),
            ("From", from.header),
            ("To", to.text),
            ("Subject", EncodedWords.unstructured(subject)),
            ("Message-ID", "<" + messageID + ">"),
            ("MIME-Version", "1.0"),
            // RFC 3834 §5: sent by software, so vacation responders stay quiet.
            ("Auto-Submitted", "auto-generated"),
        ]
        if let listID { headers.append(("List-Id", "<" + listID + ">")) }
        if let unsubscribe {
            headers.append(("List-Unsubscribe", "<" + unsubscribe + ">"))
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        }
        headers.append(("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\""))
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        for (name, value) in headers { out += Array((name + ": " + value + "\r\n").utf8) }
        out += Array("\r\nThis is a message in MIME format: plain text with an HTML alternative.\r\n".utf8)
        for (type, content) in [("text/plain", body.plainText), ("text/html", body.html)] {
            out += Array("\r\n--\(boundary)\r\n".utf8)
            out += Array("Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            out += QuotedPrintable.encode(content)
        }
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    /// `=_` and 24 random hexadecimal digits.
    public static func randomBoundary() -> String {
        "=_gs_" + randomHex(bytes: 12)
    }

    /// A fresh `id-left` for a `Message-ID`: 128 random bits in hexadecimal.
    public static func newMessageIDLeft() -> String {
        randomHex(bytes: 16)
    }

    private static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for _ in 0..<bytes {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
