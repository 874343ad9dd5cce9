// Creating staff accounts, shared by `groundswell staff add` and POST /admin/staff.
import Campaigns
import Storage

/// A new account's one-time secrets: the generated password and a personal API token.
/// Neither is stored; only their hashes are.
public struct CreatedStaff: Sendable {
    /// The account's staff id (what coding teams list their members by).
    public let id: Int64
    public let name: String
    public let role: StaffRole
    public let password: String
    public let token: String
}

/// Why an account could not be created.
public enum StaffAccountError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidName
    case nameTaken
    case unknownCampaign(String)

    public var description: String {
        switch self {
        case .invalidName: "A staff name is 1 to 64 characters, without spaces at either end or control characters."
        case .nameTaken: "That name is taken."
        case .unknownCampaign(let slug): "There is no campaign \(slug)."
        }
    }
}

public enum StaffAccounts {
    /// Creates `name` with `role`, limited to the campaigns `campaignSlugs` names (none: all),
    /// with a random password and an API token; records `actor` in the audit log.
    public static func create(
        name: String, role: StaffRole, campaignSlugs: [String] = [], actor: String, database: Database,
        clock: any WallClock
    ) throws -> CreatedStaff {
        try create(
            name: name, role: role, campaignSlugs: campaignSlugs, actor: actor, database: database, clock: clock,
            hasher: PasswordHasher())
    }

    static func create(
        name: String, role: StaffRole, campaignSlugs: [String], actor: String, database: Database,
        clock: any WallClock, hasher: PasswordHasher
    ) throws -> CreatedStaff {
        guard isValidName(name) else { throw StaffAccountError.invalidName }
        let password = PasswordHasher.generatePassword()
        let derived = try hasher.make(password)
        let token = Tokens.generate()
        let now = clock.now
        let id = try database.write { connection -> Int64 in
            let campaigns = CampaignStore(connection)
            let ids = try campaignSlugs.map { slug -> Int64 in
                guard let campaign = try campaigns.campaign(slug: slug) else { throw StaffAccountError.unknownCampaign(slug) }
                return campaign.id
            }
            let staff = StaffStore(connection)
            guard try staff.staff(name: name) == nil else { throw StaffAccountError.nameTaken }
            let id = try staff.create(
                NewStaff(
                    name: name, role: role, passwordHash: derived.hash, salt: derived.salt, iterations: derived.rounds,
                    campaignIDs: ids),
                now: now)
            _ = try StaffCredentialStore(connection).addToken(
                staffID: id, tokenHash: Tokens.hash(token), label: "created with the account", now: now)
            try AuditStore(connection).append(
                NewAuditEntry(actor: actor, action: .staffAdd, target: "staff:\(name)", reason: "role \(role.rawValue)"),
                now: now)
            return id
        }
        return CreatedStaff(id: id, name: name, role: role, password: password, token: token)
    }

    static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.count), name.first?.isWhitespace == false, name.last?.isWhitespace == false else {
            return false
        }
        return !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
