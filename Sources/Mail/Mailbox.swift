// A sender or recipient as a header shows one: an optional display name and an address.

/// `Name <address>` or a bare address (RFC 5322 §3.4 `mailbox`).
public struct Mailbox: Sendable, Hashable {
    public var name: String?
    public var address: MailAddress

    public init(name: String? = nil, address: MailAddress) {
        self.name = name.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0.trimmingSpaces }
        self.address = address
    }

    /// Parses `Name <a@example.org>`, `"Name" <a@example.org>` or `a@example.org` (as
    /// GROUNDSWELL_MAIL_FROM is written); nil when there is no acceptable address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            guard let address = MailAddress(inner) else { return nil }
            var name = String(trimmed[..<open]).trimmingSpaces
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacing("\\\"", with: "\"")
            }
            self.init(name: name, address: address)
        } else {
            guard let address = MailAddress(trimmed) else { return nil }
            self.init(address: address)
        }
    }

    /// The header form: `Name <address>` with the name encoded as RFC 2047 asks, or the address.
    public var header: String {
        guard let name else { return address.text }
        return EncodedWords.phrase(name) + " <" + address.text + ">"
    }
}
