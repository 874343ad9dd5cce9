// Addresses as the database keeps them: a few strings, padded to one fixed size and sealed with the server key.
import Mail

/// The sealed records of `invitations`, `invitation_requests` and `contributor_addresses`.
///
/// Before sealing a record is a version byte, then each field as a 2-byte big-endian length and its
/// UTF-8, zero-padded to the record's fixed size: every seal of a table is as long as every other, so
/// its length tells nothing about the address inside (PRIVACY.md, "Mail"). Sealed with AES-GCM under
/// the `mailAddress` subkey; a copy of the database without the key file holds no address.
enum MailSeal {
    static let version: UInt8 = 1
    /// Longest note a request to be invited may carry, in characters (so `Shape.request` holds any).
    static let maxNote = 500

    /// The fixed plaintext sizes, in bytes; each holds its largest record.
    enum Shape: Int {
        /// An address (≤ 254) and its invite code.
        case invitation = 320
        /// An address and the requester's note (≤ `maxNote` characters, 4 bytes each at most).
        case request = 2304
        /// A contributor's own address.
        case contributor = 288
    }

    static func seal(_ fields: [String], shape: Shape, key: ServerKey) throws -> [UInt8] {
        var plain: [UInt8] = [version]
        for field in fields {
            let bytes = Array(field.utf8)
            plain += [UInt8(bytes.count >> 8 & 0xFF), UInt8(bytes.count & 0xFF)] + bytes
        }
        guard plain.count <= shape.rawValue else { throw MailSealError() }
        plain += [UInt8](repeating: 0, count: shape.rawValue - plain.count)
        return try key.seal(plain, for: .mailAddress)
    }

    /// The `count` fields inside `sealed`; throws when it was made with another key or is not such a record.
    static func open(_ sealed: [UInt8], count: Int, key: ServerKey) throws -> [String] {
        let plain = try key.open(sealed, for: .mailAddress)
        guard plain.first == version else { throw MailSealError() }
        var fields: [String] = []
        var index = 1
        for _ in 0..<count {
            guard index + 2 <= plain.count else { throw MailSealError() }
            let length = Int(plain[index]) << 8 | Int(plain[index + 1])
            index += 2
            guard index + length <= plain.count, let field = String(validating: plain[index..<(index + length)], as: UTF8.self)
            else { throw MailSealError() }
            fields.append(field)
            index += length
        }
        return fields
    }

    /// The keyed hash that finds an address again without opening any seal: of its lower-case form.
    static func mac(_ address: MailAddress, key: ServerKey) -> [UInt8] {
        key.keyedHash(address.comparable, for: .mailAddressMAC)
    }

    /// An invitation's address and code.
    static func invitation(_ address: MailAddress, code: String, key: ServerKey) throws -> [UInt8] {
        try seal([address.text, code], shape: .invitation, key: key)
    }

    static func openInvitation(_ sealed: [UInt8], key: ServerKey) throws -> (address: MailAddress, code: String) {
        let fields = try open(sealed, count: 2, key: key)
        guard let address = MailAddress(fields[0]) else { throw MailSealError() }
        return (address, fields[1])
    }

    /// A contributor's own address.
    static func contributor(_ address: MailAddress, key: ServerKey) throws -> [UInt8] {
        try seal([address.text], shape: .contributor, key: key)
    }

    static func openContributor(_ sealed: [UInt8], key: ServerKey) throws -> MailAddress {
        guard let address = MailAddress(try open(sealed, count: 1, key: key)[0]) else { throw MailSealError() }
        return address
    }

    /// A request's address and note.
    static func request(_ address: MailAddress, note: String, key: ServerKey) throws -> [UInt8] {
        try seal([address.text, note], shape: .request, key: key)
    }

    static func openRequest(_ sealed: [UInt8], key: ServerKey) throws -> (address: MailAddress, note: String) {
        let fields = try open(sealed, count: 2, key: key)
        guard let address = MailAddress(fields[0]) else { throw MailSealError() }
        return (address, fields[1])
    }
}

/// A sealed address record that does not open to what it should (another key, another format).
struct MailSealError: Error, CustomStringConvertible {
    var description: String { "a sealed address has an unknown format" }
}
