// Guides for many ideas at once: starting the guides of the act round's ideas, and marking many final, in one request
// each (the method takes 17 ideas to guides and publishes 15; one call per guide is what issue 20 removed).
import Campaigns
import HTTP
import Storage

extension GuideAdminRoutes {
    /// Most guides one request starts or marks (the act round of a campaign is a few dozen ideas).
    static let maxBulk = 300

    /// POST /admin/campaigns/{slug}/guides {ids}: starts the empty guide of each idea, titled as the idea, as
    /// `POST /admin/contributions/{id}/guide` starts one, in one transaction, audited one entry a guide. An idea the
    /// rules refuse (not in the act round, a guide already started, not this campaign's) is skipped with its code.
    /// → `{done, guides: [GuideDraft], skipped: [{id, code, message}]}`.
    static func createMany(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let ids = try JSONBody(request.body).bulkIDs(max: maxBulk, noun: "ideas")
        let now = context.clock.now
        let (started, skipped) = try context.database.write { connection -> ([GuideRecord], [Skipped]) in
            var started: [GuideRecord] = []
            var skipped: [Skipped] = []
            for id in ids {
                guard let idea = try ContributionStore(connection).contribution(id: id), idea.campaignID == campaign.id else {
                    skipped.append(Skipped(id: id, code: "not_found", message: "No idea of this campaign has this number."))
                    continue
                }
                do {
                    started.append(try start(idea, title: TextRules.normalise(idea.title ?? ""), staff: staff, connection, now: now))
                } catch let refusal as any Refusal {
                    skipped.append(Skipped(id: id, code: refusal.code, message: refusal.message))
                }
            }
            return (started, skipped)
        }
        return .bulk(done: started.count, skipped: skipped) { o in
            o.key("guides")
            o.array(started) { w, g in w.guideDraft(g, comments: [], you: nil) }
        }
    }

    /// POST /admin/campaigns/{slug}/guides/final {ids, final?}: marks each guide final (or reopens it, `final: false`,
    /// which takes it out of the published round) as `POST /admin/guides/{id}/final` does one, audited one entry a guide.
    /// A guide refused (nothing written yet, another campaign's) is skipped with its code.
    /// → `{done, skipped: [{id, code, message}]}`.
    static func markManyFinal(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let body = try JSONBody(request.body)
        let ids = try body.bulkIDs(max: maxBulk, noun: "guides")
        let isFinal = try body.bool("final") ?? true
        let now = context.clock.now
        let (done, skipped) = try context.database.write { connection -> (Int, [Skipped]) in
            let store = GuideStore(connection)
            var done = 0
            var skipped: [Skipped] = []
            for id in ids {
                guard let guide = try store.guide(id: id), guide.campaignID == campaign.id else {
                    skipped.append(Skipped(id: id, code: "not_found", message: "No guide of this campaign has this number."))
                    continue
                }
                if let refusal = GuideRevision.mark(final: isFinal, revision: guide.text.revision) {
                    skipped.append(Skipped(id: id, code: refusal.code, message: refusal.message))
                    continue
                }
                try setFinal(guide, isFinal, staff: staff, connection, now: now)
                done += 1
            }
            return (done, skipped)
        }
        return .bulk(done: done, skipped: skipped)
    }
}
