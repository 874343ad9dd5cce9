// GET /c/{slug}/ideas/{id}: one idea's own page, with an address to share and a link preview.
import Campaigns
import HTTP
import Storage

enum IdeaPageRoute {
    static let template = "idea.html"

    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/c/{slug}/ideas/{id}", on: .pool, page)
    }

    /// What the page answers for one id.
    private enum Answer {
        case page(IdeaPageHead)
        /// Read elsewhere: a merged duplicate's links lead to the idea it now lives in, a draft's
        /// section, amendment or alternative's to its place on the draft's page.
        case movedTo(path: String)
        case notFound
    }

    /// Merges chain (a target may later be merged itself); a longer chain than this is not followed.
    static let mergeHops = 8

    /// The page shell (`idea.js` fills it in from the API) with the idea's title and Open Graph
    /// tags written in, since a link preview does not run scripts. A merged duplicate redirects
    /// (302: a merge can be undone) to the idea it was merged into, so links shared before the
    /// merge keep working; a draft's section, amendment or alternative redirects to its place on
    /// the draft's page, where it is read in context. An idea the crowd does not see — unknown, of another campaign, hidden,
    /// withdrawn, waiting for approval — is the HTML 404 page, as is a draft campaign. In an invite-only campaign a visitor who has not
    /// joined gets the shell with the campaign's title alone, whatever the id, so the page
    /// confirms no idea to them; a member is answered as in an open campaign.
    static func page(_ request: Request, _ context: AppContext) throws -> Response {
        guard let slug = request.parameter("slug"), let idText = request.parameter("id"), let id = Int64(idText), id > 0,
              let template = context.staticFiles?.bytes(ofFile: template)
        else { return AppResponder.notFound(request, context) }
        let answer: Answer = try context.database.read { connection in
            guard let campaign = try CampaignStore(connection).campaign(slug: slug) else { return .notFound }
            switch campaign.state {
            case .draft: return .notFound
            case .live, .archived: break
            }
            switch campaign.access {
            case .open: break
            case .invite:
                let member = try context.contributor(
                    token: request.contributorToken(slug: slug), campaignID: campaign.id, in: connection)
                if member == nil { return .page(.campaignOnly(campaignTitle: campaign.title)) }
            }
            let contributions = ContributionStore(connection)
            guard var idea = try contributions.contribution(id: id), idea.campaignID == campaign.id else { return .notFound }
            var hops = 0
            while idea.state == .merged, hops < mergeHops, let target = try ModerationStore(connection).mergedInto(id: idea.id),
                  let next = try contributions.contribution(id: target), next.campaignID == campaign.id {
                (idea, hops) = (next, hops + 1)
            }
            guard ContributionLifecycle.crowdSees(idea.state) else { return .notFound }
            if let draft = try DraftStore(connection).target(contributionID: idea.id) {
                return .movedTo(path: "/c/\(slug)/draft?draft=\(draft.draftID)#\(draft.kind.rawValue)-\(idea.id)")
            }
            if idea.id != id { return .movedTo(path: "/c/\(slug)/ideas/\(idea.id)") }
            // A held idea keeps its page (the list folds it away, it is not gone) but not its words.
            guard ContributionLifecycle.publishesText(idea.state, held: idea.held) else {
                return .page(.campaignOnly(campaignTitle: campaign.title))
            }
            return .page(.idea(title: idea.title, body: idea.body, campaignTitle: campaign.title))
        }
        let head: IdeaPageHead
        switch answer {
        case .notFound: return AppResponder.notFound(request, context)
        case .movedTo(let path):
            var headers = Headers()
            headers.add("Location", path)
            headers.add("Cache-Control", "no-cache")
            return Response(status: .found, headers: headers, body: .bytes([]))
        case .page(let found): head = found
        }
        guard let filled = head.filling(String(decoding: template, as: UTF8.self)) else {
            return AppResponder.notFound(request, context)
        }
        var headers = Headers()
        headers.add("Content-Type", "text/html; charset=utf-8")
        // The title can change (an edit, a hold): revalidate, never reuse a stale preview.
        headers.add("Cache-Control", "no-cache")
        return Response(status: .ok, headers: headers, body: .bytes(Array(filled.utf8)))
    }
}
