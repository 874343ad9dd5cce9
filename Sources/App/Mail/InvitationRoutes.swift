// Invitations by e-mail from an uploaded list, and reminders to the same list: queued with the upload, audited without addresses.
import Campaigns
import HTTP
import Mail
import Storage

enum InvitationRoutes {
    /// Largest invitation list, in bytes: 20,000 addresses of a long 254 characters, and their other columns.
    static let maxListBytes = 8 * 1024 * 1024

    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/invitations", maxBodySize: maxListBytes, invite)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/reminders", maxBodySize: 1024, remind)
    }

    /// A CSV (`text/csv`, an `email` column) → 202 `{queued, alreadyInvited}`. Each new address gets a
    /// personal invite code and a message with a link that joins with it. A bad row anywhere: 422
    /// `bad_addresses` with every bad line, and nothing queued. An address the campaign holds already
    /// (or held, until its retention ends) is not invited again.
    static func invite(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try requireLive(campaign)
        let mediaType = request.headers["Content-Type"]?.split(separator: ";").first.map { String($0.filter { $0 != " " }).lowercased() }
        guard mediaType == "text/csv" else { throw MailRefusal.notCSV }
        let rows = try InvitationList.parse(request.body)
        let key = context.key
        // Sealing is the costly part: done before the write, which only filters and inserts.
        let prepared = try rows.map { row -> (mac: [UInt8], code: String, sealed: [UInt8]) in
            let code = Tokens.inviteCode()
            return (MailSeal.mac(row.address, key: key), code, try MailSeal.invitation(row.address, code: code, key: key))
        }
        let now = context.clock.now
        let deleteOn = now / 86_400 + Int64(context.configuration.invitationRetentionDays)
        let queued = try context.database.write { connection -> Int in
            let invitations = InvitationStore(connection)
            let existing = try invitations.existing(campaignID: campaign.id, macs: prepared.map(\.mac))
            let fresh = prepared.filter { !existing.contains($0.mac) }
            try ContributorStore(connection).addInvites(campaignID: campaign.id, macs: fresh.map { key.inviteMAC($0.code) })
            let ids = try invitations.add(
                campaignID: campaign.id, fresh.map { NewInvitation(addressMAC: $0.mac, sealed: $0.sealed) }, deleteOn: deleteOn)
            let queued = try OutboxWriter(connection, key: key, now: now).invite(campaignID: campaign.id, invitationIDs: ids)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .mailInvitations, target: "campaign:\(campaign.slug)",
                    reason: "\(queued) invitations queued, \(prepared.count - queued) already invited"), now: now)
            return queued
        }
        return context.mailQueued(queued) { $0.field("alreadyInvited", prepared.count - queued) }
    }

    /// `{}` → 202 `{queued}`: the join link again to every invitation still holding an address, at most
    /// once a day. Those who joined are not skipped: nothing links an invitation to a join (PRIVACY.md).
    static func remind(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try requireLive(campaign)
        let now = context.clock.now
        let key = context.key
        let queued = try context.database.write { connection -> Int in
            let sends = MailSendStore(connection)
            let previous = try sends.reminders(campaignID: campaign.id)
            let held = try InvitationStore(connection).counts(campaignID: campaign.id).held
            if let refusal = ReminderRule.check(held: held, lastReminderAt: previous.lastAt, now: now) { throw refusal }
            let queued = try OutboxWriter(connection, key: key, now: now).remind(campaignID: campaign.id)
            _ = try sends.record(campaignID: campaign.id, event: "reminder:\(previous.count + 1)", recipients: queued, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .mailReminder, target: "campaign:\(campaign.slug)",
                    reason: "\(queued) reminders queued"), now: now)
            return queued
        }
        return context.mailQueued(queued)
    }

    /// Mail goes out for live campaigns only: a draft's links lead nowhere, an archived one's addresses are gone.
    static func requireLive(_ campaign: CampaignRecord) throws {
        switch campaign.state {
        case .live: return
        case .archived: throw CampaignRefusal.archived
        case .draft: throw MailRefusal.campaignNotLive
        }
    }
}
