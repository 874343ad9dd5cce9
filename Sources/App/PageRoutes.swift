// The HTML pages behind friendly paths: `/`, `/c/{slug}`, `/c/{slug}/progress`, `/c/{slug}/draft`, `/console`, `/guide/{slug}`.
import HTTP
import Storage

enum PageRoutes {
    /// Path pattern → file under the public directory.
    static let pages: [(pattern: String, file: String)] = [
        ("/", "index.html"),
        ("/c/{slug}", "campaign.html"),
        ("/c/{slug}/progress", "progress.html"),
        ("/c/{slug}/draft", "draft.html"),
        ("/console", "console.html"),
        ("/guide/{slug}", "guide.html"),
    ]

    static func register(_ router: inout Router<AppContext>) {
        for page in pages {
            let file = page.file
            let namesCampaign = page.pattern.contains("{slug}")
            // The pages are held in memory by `StaticFiles`, so they are answered on the loop — but
            // a campaign's pages look the campaign up first, to answer an unknown one 404.
            router.add(.get, page.pattern, on: namesCampaign ? .pool : .loop) { request, context in
                // A campaign's pages exist only for a campaign the public may see (not a draft).
                if namesCampaign, try !campaignExists(request, context) { return AppResponder.notFound(request, context) }
                guard let response = context.staticFiles?.response(forFile: file, request: request) else {
                    return AppResponder.notFound(request, context)
                }
                return response
            }
        }
    }

    private static func campaignExists(_ request: Request, _ context: AppContext) throws -> Bool {
        let slug = try request.slugParameter()
        return try context.database.read { connection in
            guard let campaign = try CampaignStore(connection).campaign(slug: slug) else { return false }
            switch campaign.state {
            case .draft: return false
            case .live, .archived: return true
            }
        }
    }
}
