// Hashcash on joining an open campaign: the server hands out signed challenges, the page works, one SHA-256 checks.
import Crypto
import Foundation
import Synchronization

/// A proof of work for joining (hashcash): the page asks for a challenge, finds a nonce such
/// that SHA-256 of `challenge:nonce` starts with the campaign's number of zero bits (about 2^bits
/// hashes, a second or two in a phone's browser at 16 bits), and sends both with the join. The
/// server checks it with one hash. It makes minting identities by script cost work per identity;
/// it stops nobody who is willing to pay it — native code hashes far faster than a browser — so
/// it is one layer beside the join ceilings and the weighing of reports, not a wall.
///
/// A challenge is stateless and signed: `campaign id ‖ expiry ‖ 16 random bytes ‖ the first 16
/// bytes of their keyed hash` under the server key (`KeyPurpose.joinChallenge`), in base64url. It
/// names its campaign and expires after `lifetime`; a proof is accepted once. Spent proofs are
/// remembered in memory only — a list of them on disk would say when people joined — so the hash
/// also covers this process's own random `instance`: a restart retires every challenge still out,
/// and a proof spent before it cannot be spent again after (the page asks for a new challenge).
final class JoinProof: Sendable {
    /// Seconds a challenge stays good: time enough to solve it and read the join form. 10 minutes.
    static let lifetime: Int64 = 600
    /// The most zero bits a campaign may ask for (about 16 million hashes).
    static let maxBits = 24
    /// Longest nonce accepted, in characters.
    static let maxNonceLength = 32

    /// Why a proof was not accepted.
    enum Verdict: Equatable {
        case valid
        /// Not a challenge of ours for this campaign, or a nonce that is not one.
        case forged
        case expired
        /// This challenge has already let someone join.
        case spent
        /// The hash has fewer zero bits than the campaign asks for.
        case tooWeak
    }

    private let key: ServerKey
    /// Random bytes of this process, signed into its challenges and never sent.
    private let instance: [UInt8]
    /// Guarded by its mutex: challenges already used, by their text, with when they expire.
    private let spent = Mutex<[String: Int64]>([:])

    init(key: ServerKey) {
        self.key = key
        var generator = SystemRandomNumberGenerator()
        instance = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A new challenge for `campaignID`, good until the returned moment.
    func challenge(campaignID: Int64, now: Int64) -> (text: String, expiresAt: Int64) {
        let expiresAt = now + Self.lifetime
        var generator = SystemRandomNumberGenerator()
        var bytes = Self.bigEndian(campaignID) + Self.bigEndian(expiresAt)
        bytes += (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes += mac(bytes)
        return (Tokens.base64url(bytes), expiresAt)
    }

    /// Checks a proof for `campaignID` asking `bits` zero bits at `now`; a valid one is spent.
    func verify(challenge: String, nonce: String, campaignID: Int64, bits: Int, now: Int64) -> Verdict {
        guard challenge.utf8.count <= 128, (1...Self.maxNonceLength).contains(nonce.utf8.count),
              nonce.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let bytes = Tokens.fromBase64url(challenge), bytes.count == 48,
              Tokens.constantTimeEqual(Array(bytes[32..<48]), mac(Array(bytes[0..<32]))),
              Self.int64(bytes[0..<8]) == campaignID
        else { return .forged }
        let expiresAt = Self.int64(bytes[8..<16])
        guard now < expiresAt else { return .expired }
        guard Self.zeroBits(SHA256.hash(data: Array("\(challenge):\(nonce)".utf8))) >= bits else { return .tooWeak }
        return spent.withLock { spent -> Verdict in
            if spent.count > 10_000 { spent = spent.filter { $0.value > now } }
            guard spent[challenge] == nil else { return .spent }
            spent[challenge] = expiresAt
            return .valid
        }
    }

    /// Leading zero bits of a digest.
    static func zeroBits(_ digest: some Sequence<UInt8>) -> Int {
        var bits = 0
        for byte in digest {
            guard byte == 0 else { return bits + byte.leadingZeroBitCount }
            bits += 8
        }
        return bits
    }

    private func mac(_ bytes: [UInt8]) -> [UInt8] {
        Array(key.keyedHash(instance + bytes, for: .joinChallenge).prefix(16))
    }

    private static func bigEndian(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }

    private static func int64(_ bytes: ArraySlice<UInt8>) -> Int64 {
        bytes.reduce(0) { $0 << 8 | Int64($1) }
    }
}
