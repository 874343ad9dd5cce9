// A contributor's own address, left to hear about the campaign or their own ideas: set, read back and erased by them alone.
import Campaigns
import HTTP
import Mail
import Storage

/// The opt-in of PRIVACY.md, "Mail": the address is sealed with the server key in the contributor's
/// own `contributor_addresses` row (one fixed size, no keyed hash, so nothing finds it from the
/// outside), read back only on their own devices, never in an export, a staff screen or a log, and
/// erased at once when they ask — with the WAL scrubbed, as any erasure.
enum MailAddressRoutes {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns/{slug}/mail-address", on: .pool, read)
        router.add(.put, "/api/campaigns/{slug}/mail-address", on: .pool, maxBodySize: 4096, set)
        router.add(.delete, "/api/campaigns/{slug}/mail-address", on: .pool, erase)
    }

    /// `{address, announcements, alerts, refused}` for the caller: their address (null when they left
    /// none), what they asked to hear, and whether the relay refused it for good.
    static func read(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireCaller(request, slug: try request.slugParameter())
        let row = try context.database.read { try MailAddressStore($0).address(contributorID: caller.id) }
        let address = try row.map { try MailSeal.openContributor($0.sealed, key: context.key) }
        return answer(address: address, announcements: row?.announcements ?? false, alerts: row?.alerts ?? false,
                      refused: row?.refused ?? false)
    }

    /// `{address, announcements, alerts}` → the same as GET. At least one of the two must be asked for
    /// (leaving an address to hear nothing would only store it); a new address is not refused. Live
    /// campaigns only.
    static func set(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let caller = try context.requireCaller(request, slug: slug)
        let campaign = try context.database.read { try CampaignStore($0).campaign(slug: slug) }
        guard let campaign else { throw APIError.notFound }
        try InvitationRoutes.requireLive(campaign)
        let body = try JSONBody(request.body)
        let text = try body.requiredString("address")
        guard let address = MailAddress(text) else {
            throw APIError.validation(field: "address", message: "This is not an e-mail address: " + (MailAddress.problem(text) ?? "it has a space around it."))
        }
        let announcements = try body.bool("announcements") ?? false
        let alerts = try body.bool("alerts") ?? false
        guard announcements || alerts else { throw MailRefusal.nothingAskedFor }
        try context.rateLimiter.check(.mailAddress, contributorID: caller.id, address: request.addressKey)
        let sealed = try MailSeal.contributor(address, key: context.key)
        try context.database.write { connection in
            try MailAddressStore(connection).set(contributorID: caller.id, sealed: sealed, announcements: announcements, alerts: alerts)
        }
        return answer(address: address, announcements: announcements, alerts: alerts, refused: false)
    }

    /// Erases the caller's address → `{erased}` (false when there was none). Messages already queued
    /// to it find no address when their turn comes and are not sent.
    static func erase(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireCaller(request, slug: try request.slugParameter())
        let erased = try context.database.write { try MailAddressStore($0).remove(contributorID: caller.id) }
        if erased { context.database.scrubWriteAheadLog(wait: true) }
        var json = JSONWriter()
        json.object { o in o.field("erased", erased) }
        return noStore(.json(json.bytes))
    }

    private static func answer(address: MailAddress?, announcements: Bool, alerts: Bool, refused: Bool) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.field("address", address?.text)
            o.field("announcements", announcements)
            o.field("alerts", alerts)
            o.field("refused", refused)
        }
        return noStore(.json(json.bytes))
    }

    /// The answer names the person's address: no cache may keep it.
    private static func noStore(_ response: Response) -> Response {
        var response = response
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
