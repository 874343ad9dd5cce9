// Have your say on the published guide over real HTTP: joined contributors comment under each mini-guide,
// only once it is published and until the campaign is archived; the comments are moderated as any other.
import Campaigns
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct GuideCommentTests {
    /// An idea taken through the rounds to a guide; `publish` puts it in the published guide.
    private struct Scene {
        let server: TestApp
        let facilitator: APIClient
        let author: APIClient
        let idea: Int64
        let guide: Int64

        init() throws {
            server = try TestApp()
            facilitator = try server.staff("fay", role: "facilitator")
            try server.open(.answer)
            author = try server.contributor()
            idea = try author.post(question: server.answerQuestion, title: "Street suppers", body: "Eat together.")
            try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                              json: #"{"contributionId":\#(idea),"reason":"Popular"}"#), 201)
            try server.open(.act)
            try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/act",
                                              json: #"{"contributionId":\#(idea),"reason":"Feasible"}"#), 201)
            guide = Int64(try facilitator.send("POST", "/admin/contributions/\(idea)/guide").json["id"] as? Int ?? 0)
            try expectStatus(author.send("PUT", "/api/guides/\(guide)", json:
                #"{"revision":0,"title":"Street suppers","sections":{"problem":"People eat alone.","whatToDo":"Cook."}}"#), 200)
        }

        func publish() throws {
            try expectStatus(facilitator.send("POST", "/admin/guides/\(guide)/final", json: #"{"final":true}"#), 200)
            try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/published",
                                              json: #"{"contributionId":\#(idea),"reason":"Ready"}"#), 201)
        }

        func comment(_ client: APIClient, _ text: String, parent: Int? = nil) throws -> APIResponse {
            let parentField = parent.map { #","parentId":\#($0)"# } ?? ""
            return try client.send("POST", "/api/guides/\(guide)/comments", json: #"{"body":\#(quote(text))\#(parentField)}"#)
        }

        func shownComments() throws -> [[String: Any]] {
            let guides = try server.client().send("GET", "/api/campaigns/test/guide").list("guides")
            return guides.first { $0["id"] as? Int == Int(guide) }?["comments"] as? [[String: Any]] ?? []
        }
    }

    /// An idea held by its reports takes no comments under its guide, as on its own page: the guide's
    /// route asked only whether the crowd sees the idea, so a held one took comments there (201).
    @Test func aHeldIdeaTakesNoCommentsUnderItsGuide() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try scene.publish()
        let reader = try scene.server.contributor()
        let (idea, now) = (scene.idea, scene.server.clock.now)
        #expect(try scene.server.app.database.write { try FlagStore($0).hold(contributionID: idea, now: now) })
        let refused = try scene.comment(reader, "Is this still going ahead?")
        #expect(refused.status == 409 && refused.errorCode == "under_review")
        #expect(try scene.shownComments().isEmpty)
    }

    @Test func joinedContributorsHaveTheirSayOnceTheGuideIsPublished() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let reader = try scene.server.contributor()
        let early = try scene.comment(reader, "Looks good")
        #expect(early.status == 409 && early.errorCode == "guide_not_published")
        try scene.publish()
        #expect(try scene.comment(scene.server.client(), "Anonymous stranger").status == 401)
        let posted = try scene.comment(reader, "We tried this on Ward 3 and it worked.")
        try expectStatus(posted, 201)
        let reply = try scene.comment(scene.author, "Thank you!", parent: posted.json["id"] as? Int)
        try expectStatus(reply, 201)
        let shown = try scene.shownComments()
        #expect(shown.map { $0["body"] as? String } == ["We tried this on Ward 3 and it worked."])
        #expect((shown.first?["replies"] as? [[String: Any]])?.map { $0["body"] as? String } == ["Thank you!"])
        // Every phase closed: still the place to have your say, as long as the campaign is not archived.
        try scene.server.setPhases(Phase.initial.map { var p = $0; p.state = .closed; return p })
        try expectStatus(scene.comment(reader, "Months later: still running."), 201)
        let admin = try scene.server.staff("ada", role: "admin")
        try expectStatus(admin.send("POST", "/admin/campaigns/test/archive"), 200)
        #expect(try scene.comment(reader, "Too late").errorCode == "campaign_archived")
        #expect(try scene.comment(reader, String(repeating: "x", count: 2001)).errorField == "body")
        #expect(try reader.send("POST", "/api/guides/999999/comments", json: #"{"body":"x"}"#).status == 404)
    }

    @Test func theyAreModeratedExportedAndNameNobody() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try scene.publish()
        let reader = try scene.server.contributor()
        let posted = try scene.comment(reader, "Call me on 07700 900123")
        let id = try #require(posted.json["id"] as? Int)
        try expectStatus(scene.facilitator.send("POST", "/admin/comments/\(id)/hide", json: #"{"reason":"Phone number"}"#), 200)
        #expect(try scene.shownComments().isEmpty)
        try expectStatus(scene.comment(reader, "Sorry, without the number: it helped."), 201)
        let csv = try scene.facilitator.send("GET", "/admin/campaigns/test/export/comments.csv").text
        #expect(csv.contains("Sorry, without the number: it helped.") && csv.contains("Call me on 07700 900123"))
        let guideJSON = try scene.server.client().send("GET", "/api/campaigns/test/guide").text
        for field in ["contributorId", "contributor_id", "author"] {
            #expect(!guideJSON.contains("\"\(field)\""), "the public guide has \(field)")
        }
        #expect(!guideJSON.contains(try #require(reader.token)))
    }
}
