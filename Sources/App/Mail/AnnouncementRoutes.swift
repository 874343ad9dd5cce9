// Announcing a campaign's events by mail — a phase opened, the shortlist, the guide — once each, to whoever asked or was invited.
import Campaigns
import HTTP
import Storage

enum AnnouncementRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/announcements", maxBodySize: 8 * 1024, announce)
    }

    /// `{event: "phase:answer" | "shortlist" | "guide" | …, note?}` → 202 `{queued}`: one message to each
    /// contributor who asked for the campaign's news and each invitation still holding an address (those
    /// who unsubscribed hear nothing; an invitee who also left an address hears it twice, since nothing
    /// may link the two). Once per event (`already_announced`), after it happened (`announcement_not_due`);
    /// the check and the queueing share one write, so two facilitators clicking at once send it once.
    static func announce(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .runPhases, slug: try request.slugParameter())
        try InvitationRoutes.requireLive(campaign)
        let body = try JSONBody(request.body)
        let name = try body.requiredString("event")
        guard let event = AnnouncementEvent(key: name) else {
            throw APIError.validation(field: "event", message: "Choose one of: "
                + AnnouncementEvent.all.map(\.key).joined(separator: ", ") + ".")
        }
        let note = TextRules.normalise(try body.string("note") ?? "")
        guard note.count <= AuthorMessageRoutes.maxNote else {
            throw APIError.validation(field: "note", message: "At most \(AuthorMessageRoutes.maxNote) characters.")
        }
        let now = context.clock.now
        let key = context.key
        let queued = try context.database.write { connection -> Int in
            let rounds = Set(try ShortlistStore(connection).entries(campaignID: campaign.id).map(\.round))
            let phases = try CampaignStore(connection).phases(campaignID: campaign.id)
            let announced = try MailSendStore(connection).sent(campaignID: campaign.id, event: event.key)
            if let refusal = AnnouncementRule.check(event, phases: phases, rounds: rounds, announced: announced) { throw refusal }
            guard let queued = try OutboxWriter(connection, key: key, now: now)
                .announce(campaignID: campaign.id, event, note: note.isEmpty ? nil : note)
            else { throw MailRefusal.alreadyAnnounced }
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: caller.name, action: .mailAnnouncement,
                              target: "campaign:\(campaign.slug)", reason: "\(event.key): \(queued) messages queued"), now: now)
            return queued
        }
        return context.mailQueued(queued)
    }
}
