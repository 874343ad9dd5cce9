// Anonymous contributors: random ids, the day they joined, a sealed profile, their devices and invites.

/// A contributor as the App sees one: enough to authorise and to personalise, nothing that identifies.
public struct ContributorRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var shuffleSeed: UInt64
    /// The device the request came from: its keyed token hash, whether that hash is still the
    /// unkeyed SHA-256 of a device signed in before migration 0006, and whether it is a shared
    /// computer's session.
    public var device: DeviceRecord
}

/// One signed-in device of a contributor.
public struct DeviceRecord: Sendable, Equatable {
    public var tokenMAC: [UInt8]
    public var keyed: Bool
    public var persistent: Bool
}

/// What a contributor may ask about their own sign-in: how many devices, whether a recovery key exists.
public struct DeviceSummary: Sendable, Equatable {
    public var devices: Int
    public var hasRecoveryKey: Bool
}

/// A contributor's sealed profile, for statistics releases: the day they joined and the seal.
public struct SealedProfile: Sendable, Equatable {
    public var contributorID: Int64
    public var joinedOn: Int64
    public var profile: [UInt8]?
}

/// The outcome of spending an invite code.
public enum InviteUse: Sendable, Equatable {
    case used
    case unknown
    case alreadyUsed
}

/// Every SQL string for contributors, their devices, recovery keys, pairing codes and invites. No row
/// written here holds a time finer than a day beside a contributor, or anything in an order that
/// follows joining (PRIVACY.md): ids are random and the other tables are keyed by keyed hashes.
public struct ContributorStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let selectByDevice = """
        SELECT c.id, c.campaign_id, c.shuffle_seed, d.token_mac, d.keyed, d.persistent
        FROM devices d JOIN contributors c ON c.id = d.contributor_id
        """

    private static func record(_ row: Row) -> ContributorRecord {
        let seed: Int64 = row.int(2)
        return ContributorRecord(
            id: row.int(0), campaignID: row.int(1), shuffleSeed: UInt64(bitPattern: seed),
            device: DeviceRecord(tokenMAC: row.blob(3), keyed: row.bool(4), persistent: row.bool(5)))
    }

    /// The contributor signed in with the device whose token hashes to `tokenMAC` (keyed), or, for
    /// devices signed in before the server key, to `legacyHash` (SHA-256). A unique index lookup each.
    public func contributor(tokenMAC: [UInt8], legacyHash: [UInt8]) throws -> ContributorRecord? {
        if let found = try connection.queryOne(
            Self.selectByDevice + " WHERE d.token_mac = ? AND d.keyed = 1", tokenMAC, row: Self.record) {
            return found
        }
        return try connection.queryOne(Self.selectByDevice + " WHERE d.token_mac = ? AND d.keyed = 0", legacyHash, row: Self.record)
    }

    /// A new contributor with a random id; returns the id. `joinedOn` is the UTC day (Unix days).
    public func create(campaignID: Int64, joinedOn: Int64, shuffleSeed: UInt64, profile: [UInt8]?) throws -> Int64 {
        while true {
            let id = Self.randomID()
            do {
                try connection.run(
                    "INSERT INTO contributors (id, campaign_id, joined_on, shuffle_seed, profile) VALUES (?, ?, ?, ?, ?)",
                    id, campaignID, joinedOn, Int64(bitPattern: shuffleSeed), profile)
                return id
            } catch let error as SQLiteError where error.isPrimaryKeyConflict {
                continue  // one chance in 2^62 per existing row: draw again
            }
        }
    }

    /// An id from 1 to 2^62, so ids say nothing of the order people joined in.
    static func randomID() -> Int64 {
        var generator = SystemRandomNumberGenerator()
        return Int64.random(in: 1...(1 << 62), using: &generator)
    }

    // MARK: Devices

    public func addDevice(contributorID: Int64, tokenMAC: [UInt8], persistent: Bool) throws {
        try connection.run(
            "INSERT INTO devices (token_mac, contributor_id, keyed, persistent) VALUES (?, ?, 1, ?)",
            tokenMAC, contributorID, persistent)
    }

    /// Replaces a device's unkeyed SHA-256 by its keyed hash (the token was just presented).
    public func rekeyDevice(legacyHash: [UInt8], tokenMAC: [UInt8]) throws {
        try connection.run("UPDATE devices SET token_mac = ?, keyed = 1 WHERE token_mac = ? AND keyed = 0", tokenMAC, legacyHash)
    }

    /// Forgets one device (sign out); true when it existed.
    public func removeDevice(tokenMAC: [UInt8]) throws -> Bool {
        try connection.run("DELETE FROM devices WHERE token_mac = ?", tokenMAC)
        return connection.changes > 0
    }

    public func deviceSummary(contributorID: Int64) throws -> DeviceSummary {
        try connection.queryOne(
            """
            SELECT (SELECT count(*) FROM devices WHERE contributor_id = ?1),
                   (SELECT recovery_mac IS NOT NULL FROM contributors WHERE id = ?1)
            """, contributorID
        ) { row in DeviceSummary(devices: row.int(0), hasRecoveryKey: row.bool(1)) } ?? DeviceSummary(devices: 0, hasRecoveryKey: false)
    }

    // MARK: Recovery keys and pairing codes

    /// Sets (or replaces) the contributor's recovery key hash.
    public func setRecoveryKey(contributorID: Int64, mac: [UInt8]) throws {
        try connection.run("UPDATE contributors SET recovery_mac = ? WHERE id = ?", mac, contributorID)
    }

    /// The contributor of `campaignID` whose recovery key hashes to `mac`, with the stored hash (for
    /// the caller's constant-time check).
    public func contributor(recoveryMAC mac: [UInt8], campaignID: Int64) throws -> (id: Int64, mac: [UInt8])? {
        try connection.queryOne(
            "SELECT id, recovery_mac FROM contributors WHERE recovery_mac = ? AND campaign_id = ?", mac, campaignID
        ) { row in (id: row.int(0), mac: row.blob(1)) }
    }

    /// A pairing code for the contributor, valid until `expiresAt`; expired codes of anyone go first.
    public func addPairingCode(contributorID: Int64, mac: [UInt8], expiresAt: Int64, now: Int64) throws {
        try deleteExpiredPairingCodes(now: now)
        try connection.run(
            "INSERT INTO pairing_codes (code_mac, contributor_id, expires_at) VALUES (?, ?, ?)", mac, contributorID, expiresAt)
    }

    /// Deletes every pairing code that expired by `now`: the time beside a contributor goes too.
    public func deleteExpiredPairingCodes(now: Int64) throws {
        try connection.run("DELETE FROM pairing_codes WHERE expires_at <= ?", now)
    }

    /// Spends the pairing code hashing to `mac` for a contributor of `campaignID`: deleted whether or
    /// not it is still fresh, and the contributor's id returned only when it was. Expired codes of
    /// anyone are deleted on the way.
    public func takePairingCode(mac: [UInt8], campaignID: Int64, now: Int64) throws -> Int64? {
        let found = try connection.queryOne(
            """
            SELECT p.contributor_id, p.expires_at FROM pairing_codes p JOIN contributors c ON c.id = p.contributor_id
            WHERE p.code_mac = ? AND c.campaign_id = ?
            """, mac, campaignID
        ) { row -> (Int64, Int64) in (row.int(0), row.int(1)) }
        try connection.run("DELETE FROM pairing_codes WHERE code_mac = ? OR expires_at <= ?", mac, now)
        guard let (contributor, expiresAt) = found, expiresAt > now else { return nil }
        return contributor
    }

    // MARK: Invites

    /// Stores new single-use invite codes by their keyed hashes, inserted in hash order so that not
    /// even the file's page layout keeps the order of the list they came from.
    public func addInvites(campaignID: Int64, macs: [[UInt8]]) throws {
        for mac in macs.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            try connection.run("INSERT INTO invites (code_mac, campaign_id) VALUES (?, ?)", mac, campaignID)
        }
    }

    /// Which of `macs` (or `legacyHashes`, their unkeyed SHA-256) are invites already, of any
    /// campaign: codes are unique across the server. Returns the positions in `macs`.
    public func existingInvites(macs: [[UInt8]], legacyHashes: [[UInt8]]) throws -> Set<Int> {
        var found: Set<Int> = []
        for (index, (mac, legacy)) in zip(macs, legacyHashes).enumerated() {
            let exists = try connection.queryOne(
                "SELECT 1 FROM invites WHERE (code_mac = ? AND keyed = 1) OR (code_mac = ? AND keyed = 0)", mac, legacy
            ) { _ in true } ?? false
            if exists { found.insert(index) }
        }
        return found
    }

    /// Spends the invite code of `campaignID` whose keyed hash is `mac` (or, for an invite made
    /// before the server key, whose SHA-256 is `legacyHash`, which is then re-keyed to `mac`), once.
    /// The `used = 0` guard makes two simultaneous joins with one code succeed at most once.
    public func useInvite(campaignID: Int64, mac: [UInt8], legacyHash: [UInt8]) throws -> InviteUse {
        if let used = try inviteUsed(campaignID: campaignID, hash: mac, keyed: true) {
            if used { return .alreadyUsed }
            try connection.run("UPDATE invites SET used = 1 WHERE code_mac = ? AND keyed = 1 AND used = 0", mac)
            return connection.changes == 1 ? .used : .alreadyUsed
        }
        guard let used = try inviteUsed(campaignID: campaignID, hash: legacyHash, keyed: false) else { return .unknown }
        if used { return .alreadyUsed }
        try connection.run(
            "UPDATE invites SET code_mac = ?, keyed = 1, used = 1 WHERE code_mac = ? AND keyed = 0 AND used = 0", mac, legacyHash)
        return connection.changes == 1 ? .used : .alreadyUsed
    }

    private func inviteUsed(campaignID: Int64, hash: [UInt8], keyed: Bool) throws -> Bool? {
        try connection.queryOne(
            "SELECT used FROM invites WHERE code_mac = ? AND keyed = ? AND campaign_id = ?", hash, keyed, campaignID
        ) { row in row.bool(0) }
    }

    // MARK: Profiles

    /// Every contributor of the campaign who joined before day `beforeDay`, with their sealed profile,
    /// in id order (random: it says nothing of joining).
    public func sealedProfiles(campaignID: Int64, beforeDay: Int64) throws -> [SealedProfile] {
        try connection.query(
            "SELECT id, joined_on, profile FROM contributors WHERE campaign_id = ? AND joined_on < ? ORDER BY id",
            campaignID, beforeDay
        ) { row in SealedProfile(contributorID: row.int(0), joinedOn: row.int(1), profile: row.isNull(2) ? nil : row.blob(2)) }
    }

    /// Contributors of campaigns that ask profile questions whose profile is not sealed yet (after
    /// migration 0006, or seeded without one), with any answers waiting in `legacy_profile_answers`.
    public func unsealedProfiles() throws -> [(contributorID: Int64, campaignID: Int64, answers: [Int64: String])] {
        let people = try connection.query(
            """
            SELECT c.id, c.campaign_id FROM contributors c
            WHERE c.profile IS NULL AND EXISTS (SELECT 1 FROM profile_questions q WHERE q.campaign_id = c.campaign_id)
            ORDER BY c.id
            """
        ) { row -> (Int64, Int64) in (row.int(0), row.int(1)) }
        var answers: [Int64: [Int64: String]] = [:]
        let legacy = try connection.query(
            "SELECT contributor_id, profile_question_id, choice FROM legacy_profile_answers"
        ) { row -> (Int64, Int64, String) in (row.int(0), row.int(1), row.text(2)) }
        for (contributor, question, choice) in legacy {
            answers[contributor, default: [:]][question] = choice
        }
        return people.map { (contributorID: $0.0, campaignID: $0.1, answers: answers[$0.0] ?? [:]) }
    }

    public func setProfile(contributorID: Int64, sealed: [UInt8]) throws {
        try connection.run("UPDATE contributors SET profile = ? WHERE id = ?", sealed, contributorID)
    }

    /// Empties `legacy_profile_answers` once its answers are sealed; returns how many rows went.
    public func dropLegacyProfileAnswers() throws -> Int {
        try connection.run("DELETE FROM legacy_profile_answers")
        return connection.changes
    }

    /// What a contributor has done, for weighing their reports: the day they joined, their visible
    /// contributions and comments, and their votes (the journal is folded before any write that
    /// is not a vote, so on the writer the votes table holds them all).
    public func standing(contributorID id: Int64) throws -> (joinedOn: Int64, posts: Int, votes: Int)? {
        try connection.queryOne(
            """
            SELECT joined_on,
                   (SELECT count(*) FROM contributions WHERE contributor_id = ?1 AND state = 'visible')
                 + (SELECT count(*) FROM comments WHERE contributor_id = ?1 AND state = 'visible'),
                   (SELECT count(*) FROM votes WHERE contributor_id = ?1)
            FROM contributors WHERE id = ?1
            """, id
        ) { row in (joinedOn: row.int(0), posts: row.int(1), votes: row.int(2)) }
    }
}
