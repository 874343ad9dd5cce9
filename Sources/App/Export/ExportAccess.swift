// Who may export a campaign, and the audit entry every export leaves behind.
import Campaigns
import HTTP
import Storage

/// The one place exports decide access: the admin layer's `AdminPermission.export` (admins,
/// facilitators and organisers; not analysts) — `linkedExport` (admins) for the linked export —
/// then the account's campaign scope.
enum ExportAccess {
    /// The staff member behind `request`: 401 without a valid session or token, 403 for a role
    /// that may not export. Checked before the campaign is looked up, so slugs cannot be probed.
    static func requireExporter(_ request: Request, context: AppContext, linked: Bool = false) throws -> StaffCaller {
        try context.requireStaff(request, linked ? .linkedExport : .export)
    }

    /// The exporter of `table`, who must also hold what reading that table asks for elsewhere:
    /// the audit log needs `viewAudit`, as `/admin/audit` does, so an export is no way around it.
    static func requireExporter(_ request: Request, context: AppContext, of table: ExportTable) throws -> StaffCaller {
        let caller = try requireExporter(request, context: context, linked: table.isLinked)
        if let permission = table.alsoRequires, !caller.staff.role.allows(permission) {
            throw StaffRefusal.roleNotPermitted
        }
        return caller
    }

    /// Records the export in the hash-chained audit log before any row is sent, so an export that
    /// could not be recorded is not served.
    static func recordExport(
        _ what: String, campaignID: Int64, actor: String, database: Database, now: Int64
    ) throws {
        let entry = NewAuditEntry(campaignID: campaignID, actor: actor, action: .export, target: what)
        try database.write { connection in _ = try AuditStore(connection).append(entry, now: now) }
    }
}
