// Staff sign-in and sign-out, the caller's own account, and their personal API tokens.
import HTTP
import Storage

/// POST/DELETE /admin/session, GET /admin/me, GET/POST /admin/tokens, DELETE /admin/tokens/{id}.
enum SessionRoutes {
    static func register(_ router: inout Router<AppContext>, throttle: SignInThrottle, hasher: PasswordHasher) {
        AdminRoutes.add(&router, .post, "/admin/session", maxBodySize: 4096, signIn: true) { request, context in
            try signIn(request, context, throttle: throttle, hasher: hasher)
        }
        AdminRoutes.add(&router, .delete, "/admin/session", signOut)
        AdminRoutes.add(&router, .get, "/admin/me", me)
        AdminRoutes.add(&router, .get, "/admin/tokens", listTokens)
        AdminRoutes.add(&router, .post, "/admin/tokens", maxBodySize: 4096, createToken)
        AdminRoutes.add(&router, .delete, "/admin/tokens/{id}", revokeToken)
    }

    /// Checks name and password, the attempt counted before the check (`SignInThrottle`), then
    /// starts an 8-hour session and renews the browser's device cookie for the account. Unknown
    /// names and wrong passwords get the same answer and cost.
    static func signIn(
        _ request: Request, _ context: AppContext, throttle: SignInThrottle, hasher: PasswordHasher
    ) throws -> Response {
        let body = try JSONBody(request.body)
        let name = try body.requiredString("name")
        let password = try body.requiredString("password")
        let now = context.clock.now
        let attempt = try throttle.begin(
            name: name, address: request.addressKey, device: request.cookie(SignInThrottle.deviceCookie), now: now)
        let account = try context.database.read { try StaffStore($0).staff(name: name) }
        let usable = account.flatMap { $0.isDisabled ? nil : $0 }
        guard hasher.verify(password, against: usable), let staff = usable else { throw StaffAuthError.signInRequired }
        let device = attempt.device ?? Tokens.generate()
        throttle.succeeded(attempt, device: device, now: now)
        let token = Tokens.generate()
        try context.database.write { connection in
            try StaffCredentialStore(connection).addSession(
                staffID: staff.id, tokenHash: Tokens.hash(token), now: now, expiresAt: now + StaffSession.lifetime)
            try AuditStore(connection).append(
                NewAuditEntry(actor: staff.name, action: .signIn, target: "staff:\(staff.name)"), now: now)
        }
        var response = Response.json(try accountJSON(staff, context))
        response.headers.add("Set-Cookie", StaffSession.cookie(token, secure: context.configuration.secureCookies))
        response.headers.add("Set-Cookie", StaffSession.deviceCookie(device, secure: context.configuration.secureCookies))
        return response
    }

    static func signOut(_ request: Request, _ context: AppContext) throws -> Response {
        guard let caller = try context.staffCaller(request) else { throw StaffAuthError.signInRequired }
        let now = context.clock.now
        try context.database.write { connection in
            if let token = caller.sessionToken { try StaffCredentialStore(connection).endSession(hash: Tokens.hash(token)) }
            try AuditStore(connection).append(
                NewAuditEntry(actor: caller.name, action: .signOut, target: "staff:\(caller.name)"), now: now)
        }
        var response = Response.json(Array("{\"signedOut\":true}".utf8))
        response.headers.add("Set-Cookie", StaffSession.expiredCookie(secure: context.configuration.secureCookies))
        return response
    }

    static func me(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewCampaigns)
        return .json(try accountJSON(caller.staff, context))
    }

    /// `{id, name, role, campaigns: [slug], disabled}`; an empty list means every campaign.
    static func accountJSON(_ staff: StaffRecord, _ context: AppContext) throws -> [UInt8] {
        let slugs = try context.database.read { connection in
            try staff.campaignIDs.compactMap { try CampaignStore(connection).campaign(id: $0)?.slug }
        }
        var json = JSONWriter()
        json.object { o in o.staffFields(staff, campaignSlugs: slugs) }
        return json.bytes
    }

    static func listTokens(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewCampaigns)
        let tokens = try context.database.read { try StaffCredentialStore($0).tokens(staffID: caller.staff.id) }
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(tokens) { w, token in
                w.object { t in
                    t.field("id", token.id)
                    t.field("label", token.label)
                    t.field("createdAt", ISOTime.string(token.createdAt))
                    t.field("revokedAt", token.revokedAt.map(ISOTime.string))
                }
            }
        }
        return .json(json.bytes)
    }

    /// A new personal token, shown once: `{id, label, token}`.
    static func createToken(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewCampaigns)
        let label = try JSONBody(request.body).string("label") ?? ""
        guard label.count <= 100 else { throw APIError.validation(field: "label", message: "At most 100 characters.") }
        let token = Tokens.generate()
        let now = context.clock.now
        let id = try context.database.write { connection -> Int64 in
            let id = try StaffCredentialStore(connection).addToken(
                staffID: caller.staff.id, tokenHash: Tokens.hash(token), label: label, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(actor: caller.name, action: .tokenCreate, target: "token:\(id)"), now: now)
            return id
        }
        var json = JSONWriter()
        json.object { o in
            o.field("id", id)
            o.field("label", label)
            o.field("token", token)
        }
        return .json(json.bytes, status: .created)
    }

    static func revokeToken(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewCampaigns)
        let id = try request.idParameter("id")
        let now = context.clock.now
        try context.database.write { connection in
            guard try StaffCredentialStore(connection).revokeToken(id: id, staffID: caller.staff.id, now: now) else {
                throw APIError.notFound
            }
            try AuditStore(connection).append(
                NewAuditEntry(actor: caller.name, action: .tokenRevoke, target: "token:\(id)"), now: now)
        }
        return .json(Array("{\"revoked\":true}".utf8))
    }
}

extension JSONWriter {
    /// The public fields of a staff account: never hashes, salts or tokens.
    mutating func staffFields(_ staff: StaffRecord, campaignSlugs: [String]) {
        field("id", staff.id)
        field("name", staff.name)
        field("role", staff.role.rawValue)
        key("campaigns")
        array(campaignSlugs) { w, slug in w.string(slug) }
        field("disabled", staff.isDisabled)
    }
}
