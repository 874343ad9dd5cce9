// The keyed hashes of what contributors hold — device tokens, invite, access, pairing and recovery codes — and the codes themselves.

extension ServerKey {
    /// The stored form of a contributor device token.
    func deviceMAC(_ token: String) -> [UInt8] { keyedHash(token, for: .deviceToken) }

    /// The stored form of an invite code, after `Tokens.normalisedCode`.
    func inviteMAC(_ code: String) -> [UInt8] { keyedHash(Tokens.normalisedCode(code), for: .inviteCode) }

    /// The stored form of a campaign's shared access code, after `Tokens.normalisedCode`.
    func accessCodeMAC(_ code: String) -> [UInt8] { keyedHash(Tokens.normalisedCode(code), for: .accessCode) }

    /// The stored form of a pairing code, after `Tokens.normalisedCrockford`.
    func pairingMAC(_ code: String) -> [UInt8] { keyedHash(Tokens.normalisedCrockford(code), for: .pairingCode) }

    /// The stored form of a recovery key, after `Tokens.normalisedCrockford`.
    func recoveryMAC(_ code: String) -> [UInt8] { keyedHash(Tokens.normalisedCrockford(code), for: .recoveryKey) }
}

extension Tokens {
    /// Crockford's base 32 without I, L, O and U, so a typed code has no look-alike letters.
    static let codeAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A code we made from `codeAlphabet`, as typed: normalised, then the look-alikes it never holds read
    /// as what they look like (Crockford: O is 0, I and L are 1), so "vpp0-84ko" is "VPP0-84K0".
    static func normalisedCrockford(_ code: String) -> String {
        String(normalisedCode(code).map { character -> Character in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        })
    }

    /// `groups` groups of `size` random characters of `codeAlphabet` joined by dashes: 5 bits each.
    static func code(groups: Int, size: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<groups).map { _ in
            String((0..<size).map { _ in codeAlphabet[Int.random(in: 0..<codeAlphabet.count, using: &generator)] })
        }.joined(separator: "-")
    }

    /// An invite code, `XXXXX-XXXXX`: 50 bits, spent once.
    static func inviteCode() -> String { code(groups: 2, size: 5) }

    /// A pairing code, `XXXX-XXXX`: 40 bits, one use within `PairingRoutes.lifetime`, attempts rate-limited.
    static func pairingCode() -> String { code(groups: 2, size: 4) }

    /// A recovery key, five groups of five: 125 bits, kept by the person on paper or in a file.
    static func recoveryKey() -> String { code(groups: 5, size: 5) }
}
