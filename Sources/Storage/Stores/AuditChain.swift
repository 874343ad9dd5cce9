// The audit log's hash chain as pure functions: the canonical bytes of an entry, its hash, and verification.

/// One audit entry: who did what to which target, when and why, chained to the entry before.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    /// Unix seconds.
    public var at: Int64
    public var campaignID: Int64?
    /// The staff account's name, `schedule` for scheduled phase changes, `command line` for the CLI.
    public var actor: String
    /// An `AuditAction`'s raw value, kept as the text stored so the chain is checked on exactly that.
    public var action: String
    /// What was acted on, e.g. `contribution:12`, `campaign:water`, `staff:ana`.
    public var target: String
    public var reason: String
    public var prevHash: [UInt8]
    public var hash: [UInt8]

    public init(
        id: Int64, at: Int64, campaignID: Int64?, actor: String, action: String, target: String, reason: String,
        prevHash: [UInt8], hash: [UInt8]
    ) {
        self.id = id
        self.at = at
        self.campaignID = campaignID
        self.actor = actor
        self.action = action
        self.target = target
        self.reason = reason
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// The result of checking a chain from its first entry.
public enum AuditVerification: Sendable, Equatable {
    /// Every entry's hash matches its content and the entry before; `count` entries checked.
    case intact(count: Int)
    /// The first entry whose stored hashes do not match: it, or something before it, was changed.
    case broken(entryID: Int64)
}

/// `hash = SHA-256(prevHash ‖ canonical(entry))`, with the first entry chained to 32 zero bytes.
///
/// The canonical form writes a version tag, then every field as its decimal or UTF-8 bytes
/// preceded by the byte count and a colon, so no two different entries share an encoding
/// (no separator inside a text can shift fields). Truncating the newest entries leaves a valid
/// prefix: the chain shows edits, reorders and deletions in the middle, not a cut end.
public enum AuditChain {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func canonical(
        id: Int64, at: Int64, campaignID: Int64?, actor: String, action: String, target: String, reason: String
    ) -> [UInt8] {
        var out = Array("groundswell-audit-v1".utf8)
        for field in [String(id), String(at), campaignID.map(String.init) ?? "-", actor, action, target, reason] {
            let bytes = Array(field.utf8)
            out += Array(String(bytes.count).utf8)
            out.append(UInt8(ascii: ":"))
            out += bytes
        }
        return out
    }

    public static func hash(
        prev: [UInt8], id: Int64, at: Int64, campaignID: Int64?, actor: String, action: String, target: String,
        reason: String
    ) -> [UInt8] {
        SHA256.digest(
            prev + canonical(
                id: id, at: at, campaignID: campaignID, actor: actor, action: action, target: target, reason: reason))
    }

    /// Checks `entries` (the whole log, oldest first).
    public static func verify(_ entries: [AuditEntry]) -> AuditVerification {
        var previous = genesis
        for entry in entries {
            let expected = hash(
                prev: previous, id: entry.id, at: entry.at, campaignID: entry.campaignID, actor: entry.actor,
                action: entry.action, target: entry.target, reason: entry.reason)
            guard entry.prevHash == previous, entry.hash == expected else { return .broken(entryID: entry.id) }
            previous = entry.hash
        }
        return .intact(count: entries.count)
    }

    /// Lowercase hexadecimal, for showing hashes in the API.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
