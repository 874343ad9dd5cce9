// Who may do what in analysis and Act: the one place the analysis routes check staff roles.
import HTTP
import Storage

/// What a staff request wants to do, mapped to the roles allowed to do it.
enum AnalysisPermission {
    /// Code contributions and read the own coding queue: analysts (and facilitators, admins).
    case code
    /// Edit the codebook, reconcile, score, shortlist, review guides: facilitators and admins.
    case facilitate

    func allows(role: String) -> Bool {
        switch self {
        case .code: ["analyst", "facilitator", "admin"].contains(role)
        case .facilitate: ["facilitator", "admin"].contains(role)
        }
    }
}

/// The staff check of the analysis routes. This is the switch-over point to the admin layer's
/// staff authentication: it resolves `gs_staff` / Bearer tokens against staff tokens and sessions
/// (hashed as `Tokens.hash`), and refuses with 401 / 403 in the API's envelope.
enum AnalysisAccess {
    static let staffCookie = "gs_staff"

    /// The signed-in staff member allowed `permission` on campaign `campaignID`, or 401 / 403.
    static func require(_ permission: AnalysisPermission, _ request: Request, _ context: AppContext,
                        campaignID: Int64) throws -> AnalysisStaff {
        let staff = try signedIn(request, context)
        guard permission.allows(role: staff.role) else {
            throw APIError.forbidden(code: "forbidden", message: "Your role cannot do this.")
        }
        guard staff.role == "admin" || staff.campaigns.contains(campaignID) else {
            throw APIError.forbidden(code: "forbidden", message: "You are not assigned to this campaign.")
        }
        return staff
    }

    static func signedIn(_ request: Request, _ context: AppContext) throws -> AnalysisStaff {
        guard let token = request.bearerToken ?? request.cookie(staffCookie) else { throw staffUnauthorized }
        let now = context.clock.now
        let staff = try context.database.read { connection in
            try CodeStore(connection).staff(tokenHash: Tokens.hash(token), now: now)
        }
        guard let staff else { throw staffUnauthorized }
        return staff
    }

    /// 401 `unauthorized` (the envelope's message is the contributor wording until the admin layer lands).
    static let staffUnauthorized = APIError.unauthorized
}
