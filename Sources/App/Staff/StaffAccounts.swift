// `groundswell staff add`: creates a staff member and prints a Bearer token for them.
import Campaigns
import Crypto
import CryptoExtras
import Storage

/// Why a staff account could not be created.
public enum StaffAccountError: Error, CustomStringConvertible, Sendable {
    case unknownRole(String)
    case nameTaken(String)
    case invalidName

    public var description: String {
        switch self {
        case .unknownRole(let role): "unknown role \(role): use admin, facilitator, moderator or analyst"
        case .nameTaken(let name): "a staff member called \(name) already exists"
        case .invalidName: "a staff name is 1 to 64 characters"
        }
    }
}

public enum StaffAccounts {
    public static let roles = ["admin", "facilitator", "moderator", "analyst"]
    /// PBKDF2-HMAC-SHA256 rounds for new passwords (OWASP 2023 recommendation: 600,000).
    public static let iterations = 600_000

    /// Creates `name` with `role` and returns a new API token (shown once, stored as SHA-256).
    /// Without `password` the account gets a random one nobody knows: it signs in by token only.
    public static func add(
        database: Database, name: String, role: String, password: String?, clock: any WallClock = SystemClock()
    ) throws -> String {
        guard roles.contains(role) else { throw StaffAccountError.unknownRole(role) }
        let trimmed = TextRules.normalise(name)
        guard !trimmed.isEmpty, trimmed.count <= 64, !trimmed.contains("\n") else { throw StaffAccountError.invalidName }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = password ?? Tokens.generate()
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(secret.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: iterations)
        let hash = key.withUnsafeBytes { Array($0) }
        let token = Tokens.generate()
        let tokenHash = Tokens.hash(token)
        let now = clock.now
        try database.write { connection in
            let store = StaffStore(connection)
            if try store.staffID(name: trimmed) != nil { throw StaffAccountError.nameTaken(trimmed) }
            let id = try store.create(name: trimmed, role: role, passwordHash: hash, salt: salt, iterations: iterations, now: now)
            try store.addToken(staffID: id, tokenHash: tokenHash, label: "command line", now: now)
        }
        return token
    }
}
