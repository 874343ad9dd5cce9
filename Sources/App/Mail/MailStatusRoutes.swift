// What the console's Mail section shows: the relay, the queue and its outcomes, counted, never an address.
import Campaigns
import HTTP
import Mail
import Storage

enum MailStatusRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/mail", server)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/mail", campaign)
    }

    /// The relay as the sender last found it, the whole outbox counted, and — in the demo's preview —
    /// the last messages, their secrets blotted out.
    static func server(_ request: Request, _ context: AppContext) throws -> Response {
        _ = try context.requireStaff(request, .viewCampaigns)
        let summary = try context.database.read { try OutboxStore($0).summary(campaignID: nil) }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            writeRelay(context, into: &o)
            writeOutbox(summary, into: &o)
            o.key("preview")
            if let preview = context.mailPreview {
                o.array(preview.messages) { w, message in
                    w.object { m in
                        m.field("subject", message.subject)
                        m.field("text", message.text)
                        m.field("html", message.html)
                        m.field("messageId", message.messageID)
                        m.field("date", ISOTime.string(message.date))
                        m.field("oneClickUnsubscribe", message.oneClickUnsubscribe)
                    }
                }
            } else {
                o.null()
            }
        }
        return .json(json.bytes)
    }

    /// One campaign's mail: its queue and outcomes, the invitation list's size, reminders and announcements sent.
    static func campaign(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .viewCampaigns, slug: try request.slugParameter())
        let (summary, invitations, requests, sends) = try context.database.read { connection in
            (try OutboxStore(connection).summary(campaignID: campaign.id),
             try InvitationStore(connection).counts(campaignID: campaign.id),
             try InvitationStore(connection).requestCount(campaignID: campaign.id),
             try MailSendStore(connection).sends(campaignID: campaign.id))
        }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            writeRelay(context, into: &o)
            writeOutbox(summary, into: &o)
            o.key("invitations")
            o.object { i in
                i.field("held", invitations.held)
                i.field("unsubscribed", invitations.unsubscribed)
                i.field("requests", requests)
                i.field("retentionDays", context.configuration.invitationRetentionDays)
            }
            o.key("sends")
            o.array(sends) { w, send in
                w.object { s in
                    s.field("event", send.event)
                    s.field("queuedAt", ISOTime.string(send.queuedAt))
                    s.field("recipients", send.recipients)
                }
            }
            let announced = Set(sends.map(\.event))
            o.key("announcements")
            o.array(AnnouncementEvent.all) { w, event in
                w.object { a in
                    a.field("event", event.key)
                    a.field("announced", announced.contains(event.key))
                }
            }
        }
        return .json(json.bytes)
    }

    private static func writeRelay(_ context: AppContext, into o: inout JSONWriter) {
        let status = context.mail.relayStatus
        o.key("relay")
        o.object { r in
            let (state, problem): (String, String?) = switch status.state {
            case .notConfigured: ("not_configured", nil)
            case .preview: ("preview", nil)
            case .untried: ("untried", nil)
            case .up: ("up", nil)
            case .down(let problem): ("down", problem.summary)
            }
            r.field("state", state)
            r.field("problem", problem)
            r.field("since", status.since.map(ISOTime.string))
            r.field("nextTryAt", status.nextTryAt.map(ISOTime.string))
        }
    }

    private static func writeOutbox(_ summary: OutboxSummary, into o: inout JSONWriter) {
        o.key("waiting")
        o.object { w in
            for kind in MailKind.allCases { w.field(kind.rawValue, summary.waiting[kind] ?? 0) }
        }
        o.field("oldestQueuedAt", summary.oldestQueuedAt.map(ISOTime.string))
        o.key("outcomes")
        o.array(summary.tallies) { w, tally in
            w.object { t in
                t.field("kind", tally.kind.rawValue)
                t.field("outcome", tally.outcome.rawValue)
                t.field("code", tally.code)
                t.field("count", tally.count)
            }
        }
    }
}
