// Staff passwords: PBKDF2-SHA256 with a random 16-byte salt, verified in constant time.
import Crypto
import CryptoExtras
import Storage

/// Derives and checks password hashes. The round count is stored with each hash, so raising
/// `rounds` later only affects new and changed passwords.
struct PasswordHasher: Sendable {
    /// OWASP's 2023 minimum for PBKDF2-HMAC-SHA256.
    static let defaultRounds = 210_000
    static let saltBytes = 16
    /// Shortest password a person may choose; generated ones are longer.
    static let minimumLength = 12

    var rounds: Int = PasswordHasher.defaultRounds

    func hash(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }

    /// A fresh salt and the hash of `password` with it: (hash, salt, rounds).
    func make(_ password: String) throws -> (hash: [UInt8], salt: [UInt8], rounds: Int) {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return (try hash(password, salt: salt, rounds: rounds), salt, rounds)
    }

    /// Whether `password` matches the account's hash; for an unknown account pass nil and the
    /// same work is done against a dummy hash, so timing does not tell which names exist.
    func verify(_ password: String, against account: StaffRecord?) -> Bool {
        let salt = account?.salt ?? [UInt8](repeating: 0, count: Self.saltBytes)
        let expected = account?.passwordHash ?? [UInt8](repeating: 0, count: 32)
        guard let derived = try? hash(password, salt: salt, rounds: account?.iterations ?? rounds) else { return false }
        return Tokens.constantTimeEqual(derived, expected) && account != nil
    }

    /// A random password of 24 base64url characters (144 bits), for new accounts.
    static func generatePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return Tokens.base64url((0..<18).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
