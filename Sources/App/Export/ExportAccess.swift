// Who may export a campaign, and the audit entry every export leaves behind.
import HTTP
import Storage

/// The one place exports decide access. Admins, facilitators and organisers may export the
/// campaigns their account covers; analysts may not (they work on the codes inside the console).
///
/// Interim: resolves the staff member itself (Bearer token or `gs_staff` session cookie, looked up
/// by SHA-256 through the admin helper's `StaffCredentialStore`) until the admin routes' own staff
/// resolution lands; then `requireExporter` should call that and keep only the role rule.
enum ExportAccess {
    static let staffCookie = "gs_staff"

    static func mayExport(_ role: StaffRole) -> Bool {
        switch role {
        case .admin, .facilitator, .organiser: true
        case .analyst: false
        }
    }

    /// The staff member behind `request` if they may export `campaignID`: 401 without valid
    /// credentials, 403 for a role or campaign they do not cover.
    static func requireExporter(_ request: Request, campaignID: Int64, context: AppContext) throws -> StaffRecord {
        guard let token = request.bearerToken ?? request.cookie(staffCookie) else { throw APIError.unauthorized }
        let hash = Tokens.hash(token)
        let now = context.clock.now
        let staff = try context.database.read { connection -> StaffRecord? in
            let credentials = StaffCredentialStore(connection)
            let staffID = try credentials.liveSession(hash: hash, now: now)?.staffID
                ?? credentials.activeToken(hash: hash)?.staffID
            guard let staffID else { return nil }
            return try StaffStore(connection).staff(id: staffID)
        }
        guard let staff, !staff.isDisabled else { throw APIError.unauthorized }
        guard mayExport(staff.role), staff.covers(campaignID: campaignID) else {
            throw APIError.forbidden(code: "forbidden", message: "Your role may not export this campaign.")
        }
        return staff
    }

    /// Records the export in the hash-chained audit log before any row is sent, so an export that
    /// could not be recorded is not served.
    static func recordExport(
        _ what: String, campaignID: Int64, actor: String, database: Database, now: Int64
    ) throws {
        let entry = NewAuditEntry(campaignID: campaignID, actor: actor, action: "export", target: what)
        try database.write { connection in _ = try AuditStore(connection).append(entry, now: now) }
    }
}
