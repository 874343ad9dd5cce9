// Tokens and codes: random generation, normalising, SHA-256 hashing, constant-time comparison.
import Crypto
import Foundation

/// Tokens are 32 random bytes, base64url without padding. Only a hash is stored, so a copy of the
/// database cannot be used to act as anyone: SHA-256 for staff credentials, keyed hashes under the
/// server key for everything a contributor holds (`ServerKey+Credentials`).
enum Tokens {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64url(bytes)
    }

    static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Codes people type (invite, access, pairing and recovery codes) are compared after upper-casing
    /// and dropping spaces, tabs and dashes, so "ab12-cd34" and "AB12CD34" are the same code.
    static func normalisedCode(_ code: String) -> String {
        let kept = code.uppercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\t" }
        return String(String.UnicodeScalarView(kept))
    }

    /// The unkeyed hash invite and access codes were stored under before the server key
    /// (migration 0006): still looked up, so older invites keep working until used and re-keyed.
    static func legacyCodeHash(_ code: String) -> [UInt8] {
        hash("code:" + normalisedCode(code))
    }

    /// Equality whose running time does not depend on where the inputs differ: every byte pair is
    /// XORed into one accumulator and the loop never exits early. Inputs of different lengths are
    /// unequal at once; only the length can leak, and every value compared here (SHA-256 digests,
    /// PBKDF2 keys) has a fixed, public length. Every credential check in the App goes through it.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func randomSeed() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    /// RFC 4648 §5 base64url without padding, written straight into the string's storage: every
    /// random page's `nextCursor` is one, and `Data` plus three `replacingOccurrences` passes cost
    /// more than the page's SQL for its votes (issue 26).
    static func base64url(_ bytes: [UInt8]) -> String {
        let length = (bytes.count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: length) { out in
            let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            let digit = { (value: UInt32, shift: UInt32) in alphabet.utf8Start[Int(value >> shift & 63)] }
            var written = 0
            var index = 0
            while index < bytes.count {
                let remaining = min(3, bytes.count - index)
                var group = UInt32(bytes[index]) << 16
                if remaining > 1 { group |= UInt32(bytes[index + 1]) << 8 }
                if remaining > 2 { group |= UInt32(bytes[index + 2]) }
                for position in 0...remaining {
                    out[written] = digit(group, UInt32(18 - 6 * position))
                    written += 1
                }
                index += remaining
            }
            return written
        }
    }

    static func fromBase64url(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { Array($0) }
    }
}
