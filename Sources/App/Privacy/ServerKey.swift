// The server key: keyed hashes and sealed values made with a secret that never enters the database.
import Crypto

/// What a keyed hash or a seal is made for. Each purpose has its own subkey (HKDF-SHA256 with the
/// purpose as `info`, RFC 5869 §3.2), so a value made for one purpose never verifies as another:
/// an invite code's hash cannot be replayed as a device token's. Add a case for a new use.
public enum KeyPurpose: String, Sendable, CaseIterable {
    /// The database's record that it belongs to this key (`ServerKey.fingerprint`).
    case fingerprint = "groundswell fingerprint"
    /// A contributor device token, looked up by its keyed hash (`devices.token_mac`).
    case deviceToken = "groundswell device token"
    /// An invite code (`invites.code_mac`).
    case inviteCode = "groundswell invite code"
    /// A campaign's shared access code (`campaigns.access_code_hash`).
    case accessCode = "groundswell access code"
    /// A short-lived code that pairs a second device (`pairing_codes.code_mac`).
    case pairingCode = "groundswell pairing code"
    /// A contributor's recovery key (`contributors.recovery_mac`).
    case recoveryKey = "groundswell recovery key"
    /// A contributor's profile answers, sealed (`contributors.profile`).
    case profile = "groundswell profile"
    /// An e-mail address with what goes with it, sealed (`invitations`, `invitation_requests`,
    /// `contributor_addresses`; `MailSeal`).
    case mailAddress = "groundswell mail address"
    /// An e-mail address's keyed hash, to find one already invited or requested (`address_mac`).
    case mailAddressMAC = "groundswell mail address mac"
    /// A queued message's recipient reference and content, sealed (`outbox.sealed`).
    case outbox = "groundswell outbox"
    /// What an unsubscribe link stops, sealed into the link (`UnsubscribeToken`).
    case unsubscribe = "groundswell unsubscribe"
    /// A join's proof-of-work challenge, signed so the server needs to keep none (`JoinProof`).
    case joinChallenge = "groundswell join challenge"
}

/// The secret of one Groundswell installation, read from `GROUNDSWELL_KEY_FILE` (`ServerKeyFile`).
///
/// A copy of the database without this key cannot test a guess at an invite, access, pairing or
/// recovery code, cannot read sealed profile answers, and cannot tell which stored hash belongs to
/// a code it holds (PRIVACY.md). Keyed hashes are HMAC-SHA256 (RFC 2104); seals are AES-256-GCM
/// with a random 96-bit nonce, written `nonce ‖ ciphertext ‖ tag` (NIST SP 800-38D).
public struct ServerKey: Sendable {
    /// Length of the secret and of every keyed hash, in bytes.
    public static let byteCount = 32

    private let subkeys: [KeyPurpose: SymmetricKey]

    /// A key from its 32 secret bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        let master = SymmetricKey(data: bytes)
        var subkeys: [KeyPurpose: SymmetricKey] = [:]
        for purpose in KeyPurpose.allCases {
            subkeys[purpose] = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: master, info: Array(purpose.rawValue.utf8), outputByteCount: Self.byteCount)
        }
        self.subkeys = subkeys
    }

    /// A fresh key from the system's random number generator.
    public static func generate() -> (key: ServerKey, bytes: [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        guard let key = ServerKey(bytes: bytes) else { preconditionFailure("32 bytes always make a key") }
        return (key, bytes)
    }

    private func subkey(_ purpose: KeyPurpose) -> SymmetricKey {
        guard let key = subkeys[purpose] else { preconditionFailure("every purpose has a subkey from init") }
        return key
    }

    /// HMAC-SHA256 of `message` under the purpose's subkey: 32 bytes.
    public func keyedHash(_ message: [UInt8], for purpose: KeyPurpose) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: subkey(purpose)))
    }

    /// `keyedHash` of the text's UTF-8 bytes.
    public func keyedHash(_ text: String, for purpose: KeyPurpose) -> [UInt8] {
        keyedHash(Array(text.utf8), for: purpose)
    }

    /// `plaintext` encrypted and authenticated for `purpose`; 28 bytes longer than the input.
    public func seal(_ plaintext: [UInt8], for purpose: KeyPurpose) throws -> [UInt8] {
        guard let combined = try AES.GCM.seal(plaintext, using: subkey(purpose)).combined else {
            preconditionFailure("a seal with the default 12-byte nonce always has a combined form")
        }
        return Array(combined)
    }

    /// The plaintext of a `seal` made for `purpose` with this key; throws when it was made with
    /// another key or purpose, or was changed.
    public func open(_ sealed: [UInt8], for purpose: KeyPurpose) throws -> [UInt8] {
        Array(try AES.GCM.open(try AES.GCM.SealedBox(combined: sealed), using: subkey(purpose)))
    }

    /// What the database keeps to recognise its key: a keyed hash of a fixed text, which tells
    /// nothing about the key but differs for every other one.
    public var fingerprint: [UInt8] { keyedHash("this database's server key", for: .fingerprint) }
}
