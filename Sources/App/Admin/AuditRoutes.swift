// GET /admin/audit (newest first, optionally one campaign's) and GET /admin/audit/verify (the whole chain).
import Campaigns
import HTTP
import Storage

enum AuditRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/audit", list)
        AdminRoutes.add(&router, .get, "/admin/audit/verify", verify)
    }

    /// `?campaign=slug&before=id&limit=n` → `{"items":[{id, at, actor, action, target, reason, hash}]}`.
    /// An account limited to campaigns must name one of them.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewAudit)
        var campaignID: Int64?
        if let slug = request.query("campaign"), !slug.isEmpty {
            guard let campaign = try context.database.read({ try CampaignStore($0).campaign(slug: slug) }) else {
                throw APIError.notFound
            }
            try caller.requireCovers(campaignID: campaign.id)
            campaignID = campaign.id
        } else if !caller.staff.campaignIDs.isEmpty {
            throw StaffRefusal.campaignRequired
        }
        let limit = try request.integerQuery("limit", in: 1...500) ?? 100
        let before = try request.integerQuery("before", in: 1...Int.max).map(Int64.init)
        let entries = try context.database.read {
            try AuditStore($0).list(campaignID: campaignID, beforeID: before, limit: limit)
        }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.key("items")
            o.array(entries) { w, entry in
                w.object { e in
                    e.field("id", entry.id)
                    e.field("at", ISOTime.string(entry.at))
                    e.field("actor", entry.actor)
                    e.field("action", entry.action)
                    e.field("target", entry.target)
                    e.field("reason", entry.reason)
                    e.field("hash", AuditChain.hex(entry.hash))
                }
            }
        }
        return .json(json.bytes)
    }

    /// `{"intact": true, "entries": n}` or `{"intact": false, "brokenAt": id}`.
    static func verify(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewAudit)
        guard caller.staff.campaignIDs.isEmpty else {
            throw StaffRefusal.allCampaignsRequired
        }
        let result = AuditChain.verify(try context.database.read { try AuditStore($0).all() })
        var json = JSONWriter()
        json.object { o in
            switch result {
            case .intact(let count):
                o.field("intact", true)
                o.field("entries", count)
            case .broken(let id):
                o.field("intact", false)
                o.field("brokenAt", id)
            }
        }
        return .json(json.bytes)
    }
}
