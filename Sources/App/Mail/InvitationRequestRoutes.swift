// "Request an invitation" on an invite-only campaign, and the facilitator who approves (an invitation goes out) or declines.
import Campaigns
import HTTP
import Mail
import Storage

/// A person outside the list asks to be invited: their address and note are sealed (`MailSeal.request`)
/// beside a keyed hash, and a facilitator sees only the address's domain and the note — enough to tell
/// a colleague from a stranger, not who they are. The public answer is the same whether the address was
/// new, had asked already or was invited already, so the form tells nobody who is on the list.
enum InvitationRequestRoutes {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.post, "/api/campaigns/{slug}/invitation-requests", on: .pool, maxBodySize: 8 * 1024, request)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/invitation-requests", list)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/invitation-requests/{id}/approve", maxBodySize: 1024, approve)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/invitation-requests/{id}/decline", maxBodySize: 1024, decline)
    }

    /// Requests a facilitator sees at once, at most.
    static let pageSize = 200

    /// `{email, note?}` → 202 `{received: true}`. Invite-only live campaigns only (`not_invite_only`);
    /// limited per client address (`RateLimiter.Action.requestInvitation`).
    static func request(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        guard let campaign = try context.database.read({ try CampaignStore($0).campaign(slug: slug) }) else { throw APIError.notFound }
        try InvitationRoutes.requireLive(campaign)
        guard campaign.access == .invite else { throw MailRefusal.notInviteOnly }
        let body = try JSONBody(request.body)
        let text = try body.requiredString("email")
        guard let address = MailAddress(text) else {
            throw APIError.validation(field: "email", message: "This is not an e-mail address: " + (MailAddress.problem(text) ?? "it has a space around it."))
        }
        let note = TextRules.normalise(try body.string("note") ?? "")
        guard note.count <= MailSeal.maxNote else {
            throw APIError.validation(field: "note", message: "At most \(MailSeal.maxNote) characters.")
        }
        try context.rateLimiter.check(.requestInvitation, contributorID: nil, address: request.addressKey)
        let key = context.key
        let mac = MailSeal.mac(address, key: key)
        let sealed = try MailSeal.request(address, note: note, key: key)
        let today = context.clock.now / 86_400
        try context.database.write { connection in
            guard try InvitationStore(connection).existing(campaignID: campaign.id, macs: [mac]).isEmpty else { return }
            _ = try InvitationStore(connection).addRequest(campaignID: campaign.id, addressMAC: mac, sealed: sealed, today: today)
        }
        var json = JSONWriter()
        json.object { o in o.field("received", true) }
        return .json(json.bytes, status: .accepted)
    }

    /// `{items: [{id, domain, note, requestedOn}], total}`: the waiting requests, oldest day first,
    /// each with its address's domain only.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        let (requests, total) = try context.database.read { connection in
            (try InvitationStore(connection).requests(campaignID: campaign.id, limit: pageSize),
             try InvitationStore(connection).requestCount(campaignID: campaign.id))
        }
        let opened = try requests.map { ($0, try MailSeal.openRequest($0.sealed, key: context.key)) }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.key("items")
            o.array(opened) { w, pair in
                let (record, request) = pair
                w.object { r in
                    r.field("id", record.id)
                    r.field("domain", String(request.address.domain))
                    r.field("note", request.note)
                    r.field("requestedOn", ISOTime.day(record.requestedOn * 86_400))
                }
            }
            o.field("total", total)
        }
        return .json(json.bytes)
    }

    /// → 202 `{queued}`: the request becomes an invitation with its own code, sent as any invitation
    /// (0 when the address was invited meanwhile). The request is deleted; audited without the address.
    static func approve(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try InvitationRoutes.requireLive(campaign)
        let id = try request.idParameter("id")
        let key = context.key
        let now = context.clock.now
        let code = Tokens.inviteCode()
        let deleteOn = now / 86_400 + Int64(context.configuration.invitationRetentionDays)
        let queued = try context.database.write { connection -> Int in
            let invitations = InvitationStore(connection)
            guard let taken = try invitations.takeRequest(id: id, campaignID: campaign.id) else { throw APIError.notFound }
            let address = try MailSeal.openRequest(taken.sealed, key: key).address
            let mac = MailSeal.mac(address, key: key)
            var queued = 0
            if try invitations.existing(campaignID: campaign.id, macs: [mac]).isEmpty {
                try ContributorStore(connection).addInvites(campaignID: campaign.id, macs: [key.inviteMAC(code)])
                let ids = try invitations.add(
                    campaignID: campaign.id, [NewInvitation(addressMAC: mac, sealed: try MailSeal.invitation(address, code: code, key: key))],
                    deleteOn: deleteOn)
                queued = try OutboxWriter(connection, key: key, now: now).invite(campaignID: campaign.id, invitationIDs: ids)
            }
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: caller.name, action: .invitationRequestApprove,
                              target: "campaign:\(campaign.slug)", reason: "\(queued) invitation queued"), now: now)
            return queued
        }
        return context.mailQueued(queued)
    }

    /// → 200 `{declined: true}`: the request and its address are deleted; nothing is sent. Audited.
    static func decline(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        let id = try request.idParameter("id")
        let now = context.clock.now
        try context.database.write { connection in
            guard try InvitationStore(connection).takeRequest(id: id, campaignID: campaign.id) != nil else { throw APIError.notFound }
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: caller.name, action: .invitationRequestDecline,
                              target: "campaign:\(campaign.slug)"), now: now)
        }
        context.database.scrubWriteAheadLog(wait: false)
        var json = JSONWriter()
        json.object { o in o.field("declined", true) }
        return .json(json.bytes)
    }
}
