// Anonymous contributors: a token hash, a join time and a shuffle seed; plus invites and profile answers.

/// A contributor as the App sees one: enough to authorise and to personalise, nothing that identifies.
public struct ContributorRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var tokenHash: [UInt8]
    public var shuffleSeed: UInt64
}

/// The outcome of spending an invite code.
public enum InviteUse: Sendable, Equatable {
    case used
    case unknown
    case alreadyUsed
}

public struct ContributorStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The contributor whose token hashes to `tokenHash` (a unique index lookup).
    public func contributor(tokenHash: [UInt8]) throws -> ContributorRecord? {
        try connection.queryOne(
            "SELECT id, campaign_id, token_hash, shuffle_seed FROM contributors WHERE token_hash = ?", tokenHash
        ) { row in
            let seed: Int64 = row.int(3)
            return ContributorRecord(
                id: row.int(0), campaignID: row.int(1), tokenHash: row.blob(2), shuffleSeed: UInt64(bitPattern: seed))
        }
    }

    public func create(campaignID: Int64, tokenHash: [UInt8], shuffleSeed: UInt64, now: Int64) throws -> Int64 {
        try connection.run(
            "INSERT INTO contributors (campaign_id, token_hash, joined_at, shuffle_seed) VALUES (?, ?, ?, ?)",
            campaignID, tokenHash, now, Int64(bitPattern: shuffleSeed))
        return connection.lastInsertRowID
    }

    /// Stores one answer per profile question; `answers` maps profile question ids to the chosen text.
    public func saveProfile(contributorID: Int64, answers: [Int64: String]) throws {
        for (questionID, choice) in answers.sorted(by: { $0.key < $1.key }) {
            try connection.run(
                "INSERT INTO profile_answers (contributor_id, profile_question_id, choice) VALUES (?, ?, ?)",
                contributorID, questionID, choice)
        }
    }

    /// Spends the invite code with this hash for this campaign, once. The `used_at IS NULL`
    /// guard makes two simultaneous joins with one code succeed at most once.
    public func useInvite(campaignID: Int64, codeHash: [UInt8], now: Int64) throws -> InviteUse {
        let usedAt = try connection.queryOne(
            "SELECT used_at FROM invites WHERE campaign_id = ? AND code_hash = ?", campaignID, codeHash
        ) { row in row.optionalInt(0) }
        guard let usedAt else { return .unknown }
        if usedAt != nil { return .alreadyUsed }
        try connection.run(
            "UPDATE invites SET used_at = ? WHERE campaign_id = ? AND code_hash = ? AND used_at IS NULL",
            now, campaignID, codeHash)
        return connection.changes == 1 ? .used : .alreadyUsed
    }

    public func addInvite(campaignID: Int64, codeHash: [UInt8], now: Int64) throws {
        try connection.run(
            "INSERT INTO invites (campaign_id, code_hash, created_at) VALUES (?, ?, ?)", campaignID, codeHash, now)
    }
}
