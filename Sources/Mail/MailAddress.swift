// An e-mail address as Groundswell accepts one: an RFC 5321 mailbox of ASCII atoms, checked before it is stored.

/// A mailbox `local@domain` that an SMTP relay can be given as it is (RFC 5321 §4.1.2): a dot-atom local
/// part and a domain of LDH labels (internationalised domains in their `xn--` form), at most 254
/// characters (RFC 5321 §4.5.3.1.3, less the angle brackets). No quoted local parts, no address
/// literals, no SMTPUTF8: what staff lists and contributors type in practice, and nothing that could
/// smuggle a line break or a second recipient into a header or an SMTP command.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address as given (trimmed), local part's case kept: some relays treat it as significant.
    public let text: String

    /// Longest address accepted, in characters.
    public static let maxLength = 254

    /// Nil when `candidate` is not such an address; surrounding spaces are ignored.
    public init?(_ candidate: String) {
        let trimmed = candidate.trimmingSpaces
        guard Self.problem(trimmed) == nil else { return nil }
        text = trimmed
    }

    public var description: String { text }

    /// The part after `@`.
    public var domain: Substring { text.split(separator: "@").last ?? "" }

    /// The form two addresses are compared in (for "already invited"): all lower-case. Strictly the
    /// local part may be case-sensitive (RFC 5321 §2.4); no relay a trust uses treats it so.
    public var comparable: String { text.lowercased() }

    /// Why `text` is not an acceptable address, in words a person can act on; nil when it is.
    public static func problem(_ text: String) -> String? {
        guard !text.isEmpty else { return "the address is empty." }
        guard text.utf8.count <= maxLength else { return "an address has at most \(maxLength) characters." }
        let bytes = Array(text.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            return "an address looks like name@example.org."
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard local.count <= 64 else { return "the part before @ has at most 64 characters." }
        guard isDotAtom(local) else {
            return "the part before @ may hold only letters, digits and . ! # $ % & ' * + - / = ? ^ _ ` { | } ~"
        }
        guard isDomain(domain) else { return "the part after @ must be a domain name such as example.org." }
        return nil
    }

    /// RFC 5322 §3.2.3 dot-atom: atext runs separated by single dots, none at either end.
    private static func isDotAtom(_ bytes: ArraySlice<UInt8>) -> Bool {
        var previousDot = true
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else if isAtext(byte) {
                previousDot = false
            } else {
                return false
            }
        }
        return !previousDot
    }

    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    /// RFC 5321 §4.1.2 Domain: two or more labels of letters, digits and inner hyphens, 63 at most each.
    private static func isDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return false
            }
            for byte in label {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                    continue
                default:
                    return false
                }
            }
        }
        return true
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (no Foundation in this module).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
