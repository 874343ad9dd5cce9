// What each staff role may do, as one exhaustive table the admin routes consult.
import Storage

/// The things an /admin route can require. Each route names exactly one.
enum AdminPermission: String, Sendable, CaseIterable {
    /// Create accounts, change roles, limit accounts to campaigns.
    case manageStaff
    /// Create and edit campaigns, questions, access, invites, statements; launch and archive.
    case setUpCampaigns
    /// Open, close and schedule phases.
    case runPhases
    /// The moderation queue; hide, restore, redact, merge.
    case moderate
    /// Read and purge the originals of redacted text.
    case readRevisions
    /// See campaigns and their set-up (every role).
    case viewCampaigns
    case viewStats
    case viewAudit
    case export
    /// The linked export: contributions with their authors' k-anonymous profile groups (admins only,
    /// audited; PRIVACY.md).
    case linkedExport
    /// Code contributions against themes (issue 6).
    case code
    /// Report what became of ideas: their status and implementation updates (issue 23).
    case reportOutcomes
    /// Read the server's metrics (`GET /metrics`; every role: they hold nothing about anyone).
    case viewMetrics
}

extension StaffRole {
    /// Issue 5: admin everything; facilitator sets up and runs campaigns, moderates,
    /// shortlists; analyst codes; organiser statistics and exports, read-only.
    func allows(_ permission: AdminPermission) -> Bool {
        switch self {
        case .admin:
            return true
        case .facilitator:
            switch permission {
            case .setUpCampaigns, .runPhases, .moderate, .viewCampaigns, .viewStats, .export, .code, .viewMetrics,
                 .reportOutcomes:
                return true
            case .manageStaff, .readRevisions, .viewAudit, .linkedExport: return false
            }
        case .analyst:
            switch permission {
            case .viewCampaigns, .code, .viewMetrics: return true
            case .manageStaff, .setUpCampaigns, .runPhases, .moderate, .readRevisions, .viewStats, .viewAudit, .export,
                 .linkedExport, .reportOutcomes:
                return false
            }
        case .organiser:
            switch permission {
            case .viewCampaigns, .viewStats, .viewAudit, .export, .viewMetrics: return true
            case .manageStaff, .setUpCampaigns, .runPhases, .moderate, .readRevisions, .code, .linkedExport, .reportOutcomes:
                return false
            }
        }
    }
}
