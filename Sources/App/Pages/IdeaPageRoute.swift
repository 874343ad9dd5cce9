// GET /c/{slug}/ideas/{id}: one idea's own page, with an address to share and a link preview.
import Campaigns
import HTTP
import Storage

enum IdeaPageRoute {
    static let template = "idea.html"

    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/c/{slug}/ideas/{id}", on: .pool, page)
    }

    /// The page shell (`idea.js` fills it in from the API) with the idea's title and Open Graph
    /// tags written in, since a link preview does not run scripts. An idea the crowd does not see
    /// — unknown, of another campaign, hidden, withdrawn, merged, waiting for approval — is the
    /// HTML 404 page, as is a draft campaign. In an invite-only campaign a visitor who has not
    /// joined gets the shell with the campaign's title alone, whatever the id, so the page
    /// confirms no idea to them; a member is answered as in an open campaign.
    static func page(_ request: Request, _ context: AppContext) throws -> Response {
        guard let slug = request.parameter("slug"), let idText = request.parameter("id"), let id = Int64(idText), id > 0,
              let template = context.staticFiles?.bytes(ofFile: template)
        else { return AppResponder.notFound(request, context) }
        let head: IdeaPageHead? = try context.database.read { connection in
            guard let campaign = try CampaignStore(connection).campaign(slug: slug) else { return nil }
            switch campaign.state {
            case .draft: return nil
            case .live, .archived: break
            }
            switch campaign.access {
            case .open: break
            case .invite:
                let member = try context.contributor(
                    token: request.contributorToken(slug: slug), campaignID: campaign.id, in: connection)
                if member == nil { return .campaignOnly(campaignTitle: campaign.title) }
            }
            guard let idea = try ContributionStore(connection).contribution(id: id), idea.campaignID == campaign.id,
                  ContributionLifecycle.crowdSees(idea.state)
            else { return nil }
            // A held idea keeps its page (the list folds it away, it is not gone) but not its words.
            if idea.held { return .campaignOnly(campaignTitle: campaign.title) }
            return .idea(title: idea.title, body: idea.body, campaignTitle: campaign.title)
        }
        guard let head, let filled = head.filling(String(decoding: template, as: UTF8.self)) else {
            return AppResponder.notFound(request, context)
        }
        var headers = Headers()
        headers.add("Content-Type", "text/html; charset=utf-8")
        // The title can change (an edit, a hold): revalidate, never reuse a stale preview.
        headers.add("Cache-Control", "no-cache")
        return Response(status: .ok, headers: headers, body: .bytes(Array(filled.utf8)))
    }
}
