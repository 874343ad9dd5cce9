// The console's template preview: every kind of message as this campaign's people would get it, with placeholder links.
import Campaigns
import HTTP
import Storage

enum MailTemplateRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/mail/templates", templates)
    }

    /// Each message a campaign can send, by name, with a sample of what a facilitator would write.
    static let samples: [(name: String, content: OutboxPayload.Content)] = [
        ("invitation", .invitation),
        ("reminder", .reminder),
        ("announcement:phase", .announcement(.phaseOpened(.answer), note: nil)),
        ("announcement:shortlist", .announcement(.shortlistPublished, note: nil)),
        ("announcement:guide", .announcement(.guidePublished, note: nil)),
        ("alert:shortlisted", .alert(.shortlisted)),
        ("alert:status_changed", .alert(.statusChanged)),
        ("alert:replied", .alert(.replied)),
        ("author_message", .authorMessage(subject: "", text: "(your message)")),
        ("guide_invitation", .guideInvitation(guideID: 0, code: "", note: nil)),
    ]

    /// `{items: [{name, subject, text, html, oneOff}]}`: rendered with this campaign's title and summary;
    /// every secret in a link is a placeholder ("…"), as in the demo's preview.
    static func templates(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .viewCampaigns, slug: try request.slugParameter())
        let base = context.mail.linkBase
        let info = MailTemplates.Campaign(slug: campaign.slug, title: campaign.title, summary: campaign.summary)
        var json = JSONWriter(capacity: 16 * 1024)
        json.object { o in
            o.key("items")
            o.array(samples) { w, sample in
                let oneOff = MailTemplates.isOneOff(sample.content)
                var join: String?
                switch sample.content {
                case .invitation, .reminder: join = MailLinks.join(base, slug: campaign.slug, code: "…")
                case .guideInvitation: join = MailLinks.guideEditor(base, slug: campaign.slug, guideID: 0, code: "…")
                case .announcement, .alert, .authorMessage: join = nil
                }
                let links = MailTemplates.Links(
                    campaign: MailLinks.campaign(base, slug: campaign.slug), join: join, guide: MailLinks.guide(base, slug: campaign.slug),
                    unsubscribe: oneOff ? nil : MailLinks.unsubscribePage(base, token: "…"))
                let rendered = MailTemplates.render(sample.content, campaign: info, links: links)
                w.object { t in
                    t.field("name", sample.name)
                    t.field("subject", rendered.subject)
                    t.field("text", rendered.body.plainText)
                    t.field("html", rendered.body.html)
                    t.field("oneOff", oneOff)
                }
            }
        }
        return .json(json.bytes)
    }
}
