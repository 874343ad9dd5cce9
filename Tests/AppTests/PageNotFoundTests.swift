// A browser that asks for a page that does not exist gets an HTML 404 page; the API keeps its JSON errors.
import Foundation
import Storage
import Testing
@testable import App

@Suite struct PageNotFoundTests {
    @Test(arguments: ["/guide/no-such-campaign", "/c/no-such-campaign", "/c/draft", "/guide/draft", "/campain.html", "/nope/deeper"])
    func aMissingPageIsAnHTMLPage(_ path: String) throws {
        let app = try TestApp()
        defer { app.close() }
        let now = app.clock.now
        _ = try app.app.database.write { connection in
            try CampaignStore(connection).create(
                NewCampaign(slug: "draft", title: "Not yet", summary: "", description: "", state: .draft, access: .open,
                            pseudonymSecret: [7]), now: now)
        }
        let response = try app.client().send("GET", path)
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(response.text.contains("Page not found") && !response.text.contains(#""error""#))
        #expect(response.headers["Cache-Control"] == "no-store")
    }

    @Test func theApiAndTheStaffAreaKeepTheirJSONErrors() throws {
        let app = try TestApp()
        defer { app.close() }
        for path in ["/api/nope", "/api/campaigns/nope", "/admin/nope"] {
            let response = try app.client().send("GET", path)
            #expect(response.status == 404 || response.status == 401, "\(path)")
            #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true, "\(path)")
        }
        let page = try app.client().send("GET", "/c/test")
        #expect(page.status == 200 && page.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(try app.client().send("GET", "/guide/test").status == 200)
    }
}
