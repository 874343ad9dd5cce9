// Who may do what in analysis and Act: the analysis routes' roles, checked through the admin layer's staff sign-in.
import HTTP
import Storage

/// What a staff request wants to do in analysis, mapped onto the admin layer's permissions.
enum AnalysisPermission {
    /// Code contributions and read the own coding queue: analysts, facilitators, admins.
    case code
    /// Edit the codebook, reconcile, score, shortlist, review guides: facilitators and admins.
    case facilitate

    /// The admin permission that stands for this one. Facilitating the analysis goes with running
    /// the campaign's phases (facilitator, admin); the admin table has no analysis-specific entry.
    var adminPermission: AdminPermission {
        switch self {
        case .code: .code
        case .facilitate: .runPhases
        }
    }
}

enum AnalysisAccess {
    /// The signed-in staff member allowed `permission` on campaign `campaignID`: 401 without a
    /// session or token (answered by `AdminRoutes.add`), 403 for the role or another campaign.
    static func require(_ permission: AnalysisPermission, _ request: Request, _ context: AppContext,
                        campaignID: Int64) throws -> StaffCaller {
        let caller = try context.requireStaff(request, permission.adminPermission)
        try caller.requireCovers(campaignID: campaignID)
        return caller
    }
}

extension StaffCaller {
    var id: Int64 { staff.id }

    /// Whether the caller sees every team's codes (facilitators and admins do; coding stays blind for analysts).
    var seesAllCodes: Bool { staff.role.allows(AnalysisPermission.facilitate.adminPermission) }
}
