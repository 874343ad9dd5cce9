// Who the staff caller is: a personal API token (Bearer) or the `gs_staff` session cookie; role and campaign checks.
import Campaigns
import HTTP
import Storage

/// A signed-in staff member, as a handler sees them.
struct StaffCaller: Sendable {
    var staff: StaffRecord
    /// The session's token when the caller came with the cookie (sign-out ends that session).
    var sessionToken: String?

    var name: String { staff.name }
}

/// Why a staff request is refused before it reaches its handler.
enum StaffAuthError: Error, Sendable {
    /// No valid session or token: 401 (RFC 9110 §15.5.2, with a Bearer challenge per RFC 6750 §3).
    case signInRequired

    var response: Response {
        switch self {
        case .signInRequired:
            var response = Response.error(.unauthorized, code: "unauthorized", message: "Sign in as staff first.")
            response.headers.add("WWW-Authenticate", "Bearer realm=\"groundswell-staff\"")
            return response
        }
    }
}

enum StaffSession {
    static let cookieName = "gs_staff"
    /// How long a browser session lasts, in seconds: 8 hours.
    static let lifetime: Int64 = 8 * 3600

    static func cookie(_ token: String, secure: Bool) -> String {
        "\(cookieName)=\(token); Path=/; Max-Age=\(lifetime); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The sign-in throttle's device cookie: sent to the sign-in route alone, for a year. It is no
    /// credential (it names no account and grants nothing); it only keeps this browser's attempts
    /// for the account it signed in to apart from a stranger's (`SignInThrottle`).
    static func deviceCookie(_ token: String, secure: Bool) -> String {
        "\(SignInThrottle.deviceCookie)=\(token); Path=/admin/session; Max-Age=31536000; HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "")
    }

    static func expiredCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}

extension AppContext {
    /// The staff member behind the request, or nil. A Bearer header wins over the cookie; a
    /// disabled account, a revoked token or an expired session count as nothing.
    func staffCaller(_ request: Request) throws -> StaffCaller? {
        let now = clock.now
        let bearer = request.bearerToken
        let cookie = bearer == nil ? request.cookie(StaffSession.cookieName) : nil
        guard let token = bearer ?? cookie, !token.isEmpty else { return nil }
        let hash = Tokens.hash(token)
        return try database.read { connection -> StaffCaller? in
            let credentials = StaffCredentialStore(connection)
            let staffID: Int64
            if bearer != nil {
                guard let found = try credentials.activeToken(hash: hash), Tokens.constantTimeEqual(found.hash, hash) else {
                    return nil
                }
                staffID = found.staffID
            } else {
                guard let found = try credentials.liveSession(hash: hash, now: now), Tokens.constantTimeEqual(found.hash, hash)
                else { return nil }
                staffID = found.staffID
            }
            guard let staff = try StaffStore(connection).staff(id: staffID), !staff.isDisabled else { return nil }
            return StaffCaller(staff: staff, sessionToken: cookie)
        }
    }

    /// The caller, if their role allows `permission`: 401 without a session or token, 403 otherwise.
    func requireStaff(_ request: Request, _ permission: AdminPermission) throws -> StaffCaller {
        guard let caller = try staffCaller(request) else { throw StaffAuthError.signInRequired }
        guard caller.staff.role.allows(permission) else {
            throw StaffRefusal.roleNotPermitted
        }
        return caller
    }

    /// The caller and the campaign `{slug}` names (any state): 401, 403 (role), 404, then 403
    /// when the account is limited to other campaigns.
    func requireStaff(
        _ request: Request, _ permission: AdminPermission, slug: String
    ) throws -> (StaffCaller, CampaignRecord) {
        let caller = try requireStaff(request, permission)
        guard let campaign = try database.read({ try CampaignStore($0).campaign(slug: slug) }) else {
            throw APIError.notFound
        }
        try caller.requireCovers(campaignID: campaign.id)
        return (caller, campaign)
    }
}

extension StaffCaller {
    func requireCovers(campaignID: Int64) throws {
        guard staff.covers(campaignID: campaignID) else {
            throw StaffRefusal.campaignNotCovered
        }
    }
}
