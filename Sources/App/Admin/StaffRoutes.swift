// Admins manage staff: list accounts, create one (password and token shown once), change role, campaigns, revoke tokens, disable.
import Campaigns
import HTTP
import Storage

/// GET/POST /admin/staff and PATCH /admin/staff/{name}; admin only.
enum StaffRoutes {
    static func register(_ router: inout Router<AppContext>, hasher: PasswordHasher) {
        AdminRoutes.add(&router, .get, "/admin/staff", list)
        AdminRoutes.add(&router, .post, "/admin/staff", maxBodySize: 8192) { request, context in
            try create(request, context, hasher: hasher)
        }
        AdminRoutes.add(&router, .patch, "/admin/staff/{name}", maxBodySize: 8192, update)
    }

    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        _ = try context.requireStaff(request, .manageStaff)
        let accounts = try context.database.read { connection in
            try StaffStore(connection).all().map { staff in
                (staff, try staff.campaignIDs.compactMap { try CampaignStore(connection).campaign(id: $0)?.slug })
            }
        }
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(accounts) { w, account in w.object { s in s.staffFields(account.0, campaignSlugs: account.1) } }
        }
        return .json(json.bytes)
    }

    /// `{name, role, campaigns?: [slug]}` → 201 `{id, name, role, campaigns, password, token}`.
    static func create(_ request: Request, _ context: AppContext, hasher: PasswordHasher) throws -> Response {
        let caller = try context.requireStaff(request, .manageStaff)
        let body = try JSONBody(request.body)
        let name = try body.requiredString("name")
        let role = try roleField(body)
        let slugs = try JSONBody(request.body).stringArray("campaigns") ?? []
        let created: CreatedStaff
        do {
            created = try StaffAccounts.create(
                name: name, role: role, campaignSlugs: slugs, actor: caller.name, database: context.database,
                clock: context.clock, hasher: hasher)
        } catch let error as StaffAccountError {
            switch error {
            case .invalidName: throw APIError.validation(field: "name", message: error.description)
            case .nameTaken: throw StaffRefusal.nameTaken
            case .unknownCampaign: throw APIError.validation(field: "campaigns", message: error.description)
            }
        }
        var json = JSONWriter()
        json.object { o in
            o.field("id", created.id)
            o.field("name", created.name)
            o.field("role", created.role.rawValue)
            o.key("campaigns")
            o.array(slugs) { w, slug in w.string(slug) }
            o.field("password", created.password)
            o.field("token", created.token)
        }
        return .json(json.bytes, status: .created)
    }

    /// `{role?, campaigns?: [slug], allCampaigns?: true, disabled?: true, revokeTokens?: true}`; each change is
    /// audited. `revokeTokens` signs the account out everywhere and revokes its API tokens, and keeps the account.
    /// Limiting takes a non-empty list; widening to every campaign takes `allCampaigns: true`, so
    /// an empty list (a cleared form) can never turn "limited to one campaign" into "all of them".
    /// An admin cannot demote or disable themself, so there is always someone who can manage staff.
    static func update(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .manageStaff)
        guard let name = request.parameter("name") else { throw APIError.notFound }
        let body = try JSONBody(request.body)
        let role = try body.string("role") == nil ? nil : try roleField(body)
        let slugs = try campaignsField(body)
        let disable = try body.bool("disabled") ?? false
        let revokeTokens = try body.bool("revokeTokens") ?? false
        let now = context.clock.now
        if name == caller.name, disable || (role != nil && role != .admin) {
            throw StaffRefusal.ownAccount
        }
        let updated = try context.database.write { connection -> StaffRecord in
            let staff = StaffStore(connection)
            let audit = AuditStore(connection)
            guard let account = try staff.staff(name: name) else { throw APIError.notFound }
            if let role, role != account.role {
                try staff.setRole(staffID: account.id, role)
                try audit.append(
                    NewAuditEntry(
                        actor: caller.name, action: .roleChange, target: "staff:\(name)",
                        reason: "\(account.role.rawValue) → \(role.rawValue)"), now: now)
            }
            if let slugs {
                let ids = try slugs.map { slug -> Int64 in
                    guard let campaign = try CampaignStore(connection).campaign(slug: slug) else {
                        throw APIError.validation(field: "campaigns", message: "There is no campaign \(slug).")
                    }
                    return campaign.id
                }
                try staff.setCampaigns(staffID: account.id, ids)
                try audit.append(
                    NewAuditEntry(
                        actor: caller.name, action: .campaignsChange, target: "staff:\(name)",
                        reason: slugs.isEmpty ? "all campaigns" : slugs.joined(separator: ", ")), now: now)
            }
            if revokeTokens, !disable {
                let revoked = try staff.revokeCredentials(staffID: account.id, now: now)
                try audit.append(
                    NewAuditEntry(actor: caller.name, action: .tokenRevoke, target: "staff:\(name)",
                                  reason: "every session and \(revoked) \(revoked == 1 ? "token" : "tokens")"), now: now)
            }
            if disable, !account.isDisabled {
                try staff.disable(staffID: account.id, now: now)
                try audit.append(NewAuditEntry(actor: caller.name, action: .staffDisable, target: "staff:\(name)"), now: now)
            }
            guard let updated = try staff.staff(id: account.id) else { throw APIError.notFound }
            return updated
        }
        return .json(try SessionRoutes.accountJSON(updated, context))
    }

    /// The new campaign list of a PATCH (`[]`: every campaign), or nil to leave it.
    private static func campaignsField(_ body: JSONBody) throws -> [String]? {
        let slugs = try body.stringArray("campaigns")
        switch (slugs, try body.bool("allCampaigns") ?? false) {
        case (.some(let list), false) where list.isEmpty:
            throw APIError.validation(
                field: "campaigns", message: "Name at least one campaign, or send allCampaigns: true for every campaign.")
        case (.some, true):
            throw APIError.validation(field: "allCampaigns", message: "Send either campaigns or allCampaigns, not both.")
        case (.none, true):
            return []
        case (.some, false), (.none, false):
            return slugs
        }
    }

    private static func roleField(_ body: JSONBody) throws -> StaffRole {
        guard let role = StaffRole(rawValue: try body.requiredString("role")) else {
            throw APIError.validation(field: "role", message: "Must be admin, facilitator, analyst or organiser.")
        }
        return role
    }
}
