// Stories over real HTTP: staff post them with a byline, the crowd reads the structure, votes and comments
// under the phase rules, moderation hides them, the exports carry them, and the byline ties to nobody.
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct StoryTests {
    static let body = """
        ## Why it matters
        I have worked nights on Ward 7 for **twelve years**.
        - the car park is dark
        - the last bus goes at 11

        > Nobody asked us before.

        Read [the survey](https://example.org/survey) or [this](javascript:alert(1)) <script>alert(2)</script>
        """

    private func post(_ client: APIClient, _ server: TestApp, byline: String = "Amara, a ward sister",
                      link: String? = "https://video.example/ward7", body: String = StoryTests.body) throws -> APIResponse {
        var fields = [#""questionId":\#(server.understandQuestion)"#, #""title":"Nights on Ward 7""#,
                      #""body":\#(quote(body))"#, #""byline":\#(quote(byline))"#]
        if let link { fields.append(#""link":\#(quote(link)),"linkLabel":"Watch Amara's film""#) }
        return try client.send("POST", "/admin/campaigns/test/stories", json: "{" + fields.joined(separator: ",") + "}")
    }

    @Test func staffPostAStoryAndTheCrowdReadsItsStructureAsText() throws {
        let server = try TestApp()
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        let created = try post(facilitator, server)
        try expectStatus(created, 201)
        let id = try #require(created.json["id"] as? Int)
        #expect(created.json["byline"] as? String == "Amara, a ward sister")
        #expect((created.json["link"] as? [String: Any])?["url"] as? String == "https://video.example/ward7")

        let stories = try server.client().send("GET", "/api/campaigns/test/stories")
        try expectStatus(stories, 200)
        let story = try #require(stories.list("items").first)
        let blocks = story["blocks"] as? [[String: Any]] ?? []
        #expect(blocks.map { $0["type"] as? String } == ["heading", "paragraph", "list", "quote", "paragraph"])
        #expect(((blocks[1]["spans"] as? [[String: Any]]) ?? []).contains { $0["style"] as? String == "strong" && $0["text"] as? String == "twelve years" })
        let last = (blocks[4]["spans"] as? [[String: Any]]) ?? []
        #expect(last.filter { $0["style"] as? String == "link" }.map { $0["href"] as? String } == ["https://example.org/survey"])
        let text = last.compactMap { $0["text"] as? String }.joined()
        #expect(text.contains("[this](javascript:alert(1))") && text.contains("<script>alert(2)</script>"))

        // A story has its own place: not among the contributions people browse, but readable on its own.
        let listing = try server.client().send("GET", "/api/campaigns/test/contributions?sort=new")
        #expect(!listing.items.contains { $0["id"] as? Int == id })
        let detail = try server.client().send("GET", "/api/contributions/\(id)")
        #expect(detail.object("story")["byline"] as? String == "Amara, a ward sister")
        #expect(detail.json["official"] as? Bool == true)
    }

    @Test func refusalsNameTheirFields() throws {
        let server = try TestApp()
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        #expect(try post(facilitator, server, byline: "").errorField == "byline")
        #expect(try post(facilitator, server, byline: "two\nlines").errorField == "byline")
        #expect(try post(facilitator, server, link: "javascript:alert(1)").errorField == "link")
        #expect(try post(facilitator, server, link: "/relative").errorField == "link")
        #expect(try post(facilitator, server, body: String(repeating: "x", count: 5001)).errorField == "body")
        let analyst = try server.staff("ann", role: "analyst")
        #expect(try post(analyst, server).errorCode == "role_not_permitted")
        let contributor = try server.contributor()
        #expect(try post(contributor, server).status == 401)
        #expect(try server.client().send("GET", "/api/campaigns/test/stories").list("items").isEmpty)
    }

    @Test func theCrowdVotesAndCommentsUnderThePhaseRulesAndModerationHidesIt() throws {
        let server = try TestApp()
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        let id = try #require(try post(facilitator, server).json["id"] as? Int)
        let reader = try server.contributor()
        try expectStatus(reader.send("POST", "/api/contributions/\(id)/comments", json: #"{"body":"Same on Ward 9."}"#), 201)
        try expectStatus(reader.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#), 200)
        let story = try reader.send("GET", "/api/campaigns/test/stories").list("items").first
        #expect(story?["comments"] as? Int == 1 && story?["up"] as? Int == 1 && story?["myVote"] as? Int == 1)

        // Its phase is Understand: once that closes, it is read, not answered.
        try server.open(.answer)
        #expect(try reader.send("POST", "/api/contributions/\(id)/comments", json: #"{"body":"Late"}"#).status == 409)

        try expectStatus(facilitator.send("POST", "/admin/contributions/\(id)/hide", json: #"{"reason":"Consent withdrawn"}"#), 200)
        #expect(try server.client().send("GET", "/api/campaigns/test/stories").list("items").isEmpty)
        #expect(try server.client().send("GET", "/api/contributions/\(id)").status == 404)
        let audit = try server.staff("ada", role: "admin").send("GET", "/admin/audit?campaign=test").list("items")
        #expect(audit.contains { $0["action"] as? String == "story_publish" && $0["reason"] as? String == "Amara, a ward sister" })
    }

    @Test func theBylineIsInTheExportsAndTiedToNoContributor() throws {
        let server = try TestApp()
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        let id = try #require(try post(facilitator, server).json["id"] as? Int)
        let csv = try facilitator.send("GET", "/admin/campaigns/test/export/stories.csv").text
        #expect(csv.hasPrefix("\u{FEFF}contribution,byline,link,link_label\r\n"))
        #expect(csv.contains("\(id),\"Amara, a ward sister\",https://video.example/ward7,Watch Amara's film"))
        let columns = try server.app.database.read { connection in
            try connection.query("SELECT name FROM pragma_table_info('stories')") { $0.text(0) }
        }
        #expect(!columns.contains { $0.contains("contributor") })
        let keys = try server.app.database.read { connection in
            try connection.query("SELECT \"table\" FROM pragma_foreign_key_list('stories')") { $0.text(0) }
        }
        #expect(!keys.contains("contributors"))
        let contributions = try facilitator.send("GET", "/admin/campaigns/test/export/contributions.csv").text
        #expect(contributions.contains("Nights on Ward 7"))  // the story's text, as an official contribution
    }
}
