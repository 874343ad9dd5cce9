// The HTML pages behind friendly paths: `/`, `/c/{slug}`, `/console`, `/guide/{slug}`.
import HTTP

enum PageRoutes {
    /// Path pattern → file under the public directory.
    static let pages: [(pattern: String, file: String)] = [
        ("/", "index.html"),
        ("/c/{slug}", "campaign.html"),
        ("/console", "console.html"),
        ("/guide/{slug}", "guide.html"),
    ]

    static func register(_ router: inout Router<AppContext>) {
        for page in pages {
            let file = page.file
            // The pages are held in memory by `StaticFiles`, so they are answered on the loop.
            router.add(.get, page.pattern, on: .loop) { request, context in
                guard let response = context.staticFiles?.response(forFile: file, request: request) else {
                    throw APIError.notFound
                }
                return response
            }
        }
    }
}
