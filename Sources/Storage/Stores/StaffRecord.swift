// Staff accounts as stored: the four roles of issue 5 and what a signed-in account carries.

/// What a staff account may do; the App maps each role to its permissions.
public enum StaffRole: String, Sendable, CaseIterable, Codable {
    /// Everything, including managing staff.
    case admin
    /// Sets up and runs campaigns, moderates, shortlists.
    case facilitator
    /// Codes contributions.
    case analyst
    /// Statistics and exports, read-only.
    case organiser
}

/// One row of `staff` with the campaigns it is limited to. The password hash and salt never
/// leave the server.
public struct StaffRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: StaffRole
    public var passwordHash: [UInt8]
    public var salt: [UInt8]
    /// PBKDF2 rounds the hash was made with (kept per row so the number can grow later).
    public var iterations: Int
    public var createdAt: Int64
    public var disabledAt: Int64?
    /// Campaign ids the account is limited to; empty means every campaign.
    public var campaignIDs: [Int64]

    public var isDisabled: Bool { disabledAt != nil }

    /// Whether the account may act on `campaignID` (always, when not limited).
    public func covers(campaignID: Int64) -> Bool {
        campaignIDs.isEmpty || campaignIDs.contains(campaignID)
    }
}

/// A new account's credentials, already hashed by the App.
public struct NewStaff: Sendable {
    public var name: String
    public var role: StaffRole
    public var passwordHash: [UInt8]
    public var salt: [UInt8]
    public var iterations: Int
    public var campaignIDs: [Int64]

    public init(name: String, role: StaffRole, passwordHash: [UInt8], salt: [UInt8], iterations: Int, campaignIDs: [Int64] = []) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.salt = salt
        self.iterations = iterations
        self.campaignIDs = campaignIDs
    }
}

/// A personal API token as listed to its owner (never the token itself, which is shown once).
public struct StaffTokenRecord: Sendable, Equatable {
    public var id: Int64
    public var staffID: Int64
    public var label: String
    public var createdAt: Int64
    public var revokedAt: Int64?
}
