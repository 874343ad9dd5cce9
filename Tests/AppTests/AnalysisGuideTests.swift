// Guides in Act: drafting by the author and an invited contributor, stale saves, review, and the
// public guide showing only what was published, over real HTTP.
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct AnalysisGuideTests {
    /// An act-round idea by `author`, linked to a published theme, and its (empty) guide.
    private struct Scene {
        let server: TestApp
        let author: APIClient
        let facilitator: APIClient
        let idea: Int64
        let theme: Int64
        let guide: Int64

        init() throws {
            server = try TestApp()
            let facilitator = try server.staff("fay", role: "facilitator")
            self.facilitator = facilitator
            let themeResponse = try facilitator.send("POST", "/admin/campaigns/test/themes", json: #"{"name":"Isolation"}"#)
            let theme = Int64(themeResponse.json["id"] as? Int ?? 0)
            self.theme = theme
            let campaignID = server.campaignID
            _ = try server.app.database.write { try ThemeStore($0).publish(campaignID: campaignID, ids: [theme]) }
            try server.open(.answer)
            let author = try server.contributor()
            self.author = author
            let response = try author.send("POST", "/api/campaigns/test/contributions", json:
                #"{"questionId":\#(server.answerQuestion),"title":"Street suppers","body":"Eat together.","themes":[\#(theme)]}"#)
            try expectStatus(response, 201)
            let idea = Int64(response.json["id"] as? Int ?? 0)
            self.idea = idea
            try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                              json: #"{"contributionId":\#(idea),"reason":"Popular"}"#), 201)
            try server.open(.act)
            #expect(try facilitator.send("POST", "/admin/contributions/\(idea)/guide").status == 409)  // not in act yet
            try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/act",
                                              json: #"{"contributionId":\#(idea),"reason":"Feasible"}"#), 201)
            let created = try facilitator.send("POST", "/admin/contributions/\(idea)/guide")
            try expectStatus(created, 201)
            #expect(created.json["revision"] as? Int == 0 && created.json["title"] as? String == "Street suppers")
            guide = Int64(created.json["id"] as? Int ?? 0)
        }

        func save(_ client: APIClient, base: Int, title: String, problem: String, headers: [(String, String)] = [])
            throws -> APIResponse {
            try client.send("PUT", "/api/guides/\(guide)", json:
                #"{"revision":\#(base),"title":\#(quote(title)),"sections":{"problem":\#(quote(problem)),"whatToDo":"Cook."}}"#,
                headers: headers)
        }
    }

    @Test func authorAndInvitedContributorDraftWithRevisionChecks() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let stranger = try scene.server.contributor()
        #expect(try stranger.send("GET", "/api/guides/\(scene.guide)").status == 401)
        #expect(try scene.author.send("GET", "/api/guides/\(scene.guide)").json["you"] as? String == "Author")
        let mine = try scene.author.send("GET", "/api/me?campaign=test").list("guides")
        #expect(mine.map { Int64($0["id"] as? Int ?? 0) } == [scene.guide])
        #expect(mine.first?["contributionId"] as? Int == Int(scene.idea) && mine.first?["final"] as? Bool == false)
        #expect(try stranger.send("GET", "/api/me?campaign=test").list("guides").isEmpty)

        let invitation = try scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/invitations")
        try expectStatus(invitation, 201)
        #expect(invitation.json["label"] as? String == "Contributor 2")
        let invite = [("X-Guide-Invite", invitation.json["token"] as? String ?? "")]
        let guest = scene.server.client()
        #expect(try guest.send("GET", "/api/guides/\(scene.guide)", headers: invite).json["you"] as? String == "Contributor 2")
        #expect(try guest.send("GET", "/api/guides/\(scene.guide)", headers: [("X-Guide-Invite", "forged")]).status == 401)

        // Both start from revision 0; the author saves first, so the guest's save is stale.
        let first = try scene.save(scene.author, base: 0, title: "Street suppers", problem: "People eat alone.\nEvery night.")
        try expectStatus(first, 200)
        #expect(first.json["revision"] as? Int == 1)
        let stale = try scene.save(guest, base: 0, title: "Suppers", problem: "Loneliness.", headers: invite)
        #expect(stale.status == 409 && stale.errorCode == "guide_stale")
        let current = stale.object("current")
        #expect(current["revision"] as? Int == 1 && current["title"] as? String == "Street suppers")
        let problem = (current["sections"] as? [[String: Any]])?.first { $0["key"] as? String == "problem" }
        #expect(problem?["body"] as? String == "People eat alone.\nEvery night.")
        try expectStatus(scene.save(guest, base: 1, title: "Street suppers", problem: "People eat alone.\nMost nights.",
                                    headers: invite), 200)

        let revisions = try scene.author.send("GET", "/api/guides/\(scene.guide)/revisions").list("revisions")
        #expect(revisions.compactMap { $0["editor"] as? String } == ["Author", "Contributor 2"])
        let diff = try scene.facilitator.send("GET", "/admin/guides/\(scene.guide)/diff?from=1&to=2")
        let lines = (diff.list("sections").first { $0["key"] as? String == "problem" }?["lines"] as? [[String: Any]] ?? [])
            .map { ($0["op"] as? String ?? "?") + ($0["text"] as? String ?? "") }
        #expect(lines == [" People eat alone.", "-Every night.", "+Most nights."])

        // Facilitators comment and mark final; then nobody can save.
        try expectStatus(scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/comments", json: #"{"body":"Add costs."}"#), 201)
        let comments = try scene.author.send("GET", "/api/guides/\(scene.guide)").list("comments")
        #expect(comments.first?["body"] as? String == "Add costs." && comments.first?["revision"] as? Int == 2)
        try expectStatus(scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/final", json: #"{"final":true}"#), 200)
        let late = try scene.save(scene.author, base: 2, title: "Street suppers", problem: "Late.")
        #expect(late.status == 409 && late.errorCode == "guide_final")
    }

    @Test func barriersByIdeasMatrix() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let matrix = try scene.facilitator.send("GET", "/admin/campaigns/test/matrix")
        try expectStatus(matrix, 200)
        #expect(matrix.list("barriers").map { [Int64($0["id"] as? Int ?? 0), Int64($0["ideas"] as? Int ?? -1)] }
                == [[scene.theme, 1]])
        #expect(matrix.list("ideas").map { Int64($0["id"] as? Int ?? 0) } == [scene.idea])
        #expect(ids(matrix.list("ideas").first?["barriers"]) == [scene.theme])
    }

    @Test func publicGuideShowsOnlyPublishedGuides() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(scene.save(scene.author, base: 0, title: "Secret draft title", problem: "Draft words zebra."), 200)
        let anyone = scene.server.client()
        let before = try anyone.send("GET", "/api/campaigns/test/guide")
        try expectStatus(before, 200)
        #expect(before.list("guides").isEmpty)
        #expect(!before.text.contains("Secret draft") && !before.text.contains("zebra"))

        let early = try scene.facilitator.send("POST", "/admin/campaigns/test/shortlist/published",
                                               json: #"{"contributionId":\#(scene.idea),"reason":"Ready"}"#)
        #expect(early.status == 409 && early.errorCode == "guide_not_final")
        try expectStatus(scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/final", json: "{}"), 200)
        try expectStatus(scene.facilitator.send("POST", "/admin/campaigns/test/shortlist/published",
                                                json: #"{"contributionId":\#(scene.idea),"reason":"Ready"}"#), 201)

        let after = try anyone.send("GET", "/api/campaigns/test/guide")
        let guides = after.list("guides")
        #expect(guides.count == 1 && guides.first?["title"] as? String == "Secret draft title")
        #expect(ids(guides.first?["themes"]) == [scene.theme])
        #expect((guides.first?["sections"] as? [[String: Any]])?.first?["heading"] as? String == "The problem")
        let numbers = after.object("numbers")
        #expect(numbers["ideas"] as? Int == 1)
        let answer = (numbers["perPhase"] as? [[String: Any]])?.first { $0["phase"] as? String == "answer" }
        #expect(answer?["people"] as? Int == 1 && answer?["contributions"] as? Int == 1)

        #expect(try anyone.send("GET", "/api/campaigns/test/guide?theme=\(scene.theme)").list("guides").count == 1)
        #expect(try anyone.send("GET", "/api/campaigns/test/guide?theme=\(scene.theme + 100)").list("guides").isEmpty)
        #expect(try anyone.send("GET", "/api/campaigns/test/guide?q=zebra").list("guides").count == 1)
        #expect(try anyone.send("GET", "/api/campaigns/test/guide?q=giraffe").list("guides").isEmpty)
        #expect(try anyone.send("GET", "/api/campaigns/test/guide?q=100%25").list("guides").isEmpty)

        // Reopening the guide takes it out of the published guide again.
        try expectStatus(scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/final", json: #"{"final":false}"#), 200)
        let reopened = try anyone.send("GET", "/api/campaigns/test/guide")
        #expect(reopened.list("guides").isEmpty && !reopened.text.contains("zebra"))
    }

    @Test func aFacilitatorOfAnotherCampaignCannotUnpublishThisCampaignsGuide() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(scene.save(scene.author, base: 0, title: "Street suppers", problem: "People eat alone."), 200)
        try expectStatus(scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/final", json: "{}"), 200)
        try expectStatus(scene.facilitator.send("POST", "/admin/campaigns/test/shortlist/published",
                                                json: #"{"contributionId":\#(scene.idea),"reason":"Ready"}"#), 201)
        let anyone = scene.server.client()
        let audit = { try scene.server.app.database.read { try AuditStore($0).all().count } }
        // Eve facilitates another campaign only; this campaign's idea is not in her campaign's rounds.
        let eve = try scene.server.staff("eve", role: "facilitator", assigned: false)
        let entriesBefore = try audit()
        let refused = try eve.send("DELETE", "/admin/campaigns/elsewhere-eve/shortlist/published/\(scene.idea)")
        #expect(refused.status == 404)
        #expect(try anyone.send("GET", "/api/campaigns/test/guide").list("guides").count == 1, "the guide is still published")
        #expect(try audit() == entriesBefore, "nothing happened, so nothing was audited")

        // Its own facilitator takes it out, and the unpublishing is in the audit entry.
        try expectStatus(scene.facilitator.send("DELETE", "/admin/campaigns/test/shortlist/published/\(scene.idea)"), 200)
        #expect(try anyone.send("GET", "/api/campaigns/test/guide").list("guides").isEmpty)
        let last = try scene.server.app.database.read { try AuditStore($0).all().last }
        #expect(last?.action == "unshortlist_published" && last?.reason == "guide unpublished")
    }

    @Test func invitationLinksExpireAndCanBeRevoked() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let guest = scene.server.client()
        func opens(_ token: Any?) throws -> Int {
            try guest.send("GET", "/api/guides/\(scene.guide)", headers: [("X-Guide-Invite", token as? String ?? "")]).status
        }
        let lasting = try scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/invitations")
        try expectStatus(lasting, 201)
        let short = try scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/invitations", json: #"{"days":1}"#)
        let revoked = try scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/invitations")
        #expect(try opens(lasting.json["token"]) == 200 && opens(short.json["token"]) == 200 && opens(revoked.json["token"]) == 200)
        #expect(try scene.facilitator.send("POST", "/admin/guides/\(scene.guide)/invitations", json: #"{"days":365}"#).status == 422)

        // Revoking works at once, and only through the invitation's own guide.
        let revokedID = revoked.json["id"] as? Int ?? 0
        #expect(try scene.facilitator.send("DELETE", "/admin/guides/\(scene.guide + 1000)/invitations/\(revokedID)").status == 404)
        try expectStatus(scene.facilitator.send("DELETE", "/admin/guides/\(scene.guide)/invitations/\(revokedID)"), 200)
        #expect(try opens(revoked.json["token"]) == 401)

        // A day later the one-day link no longer opens the guide; a fortnight later neither does the default one.
        scene.server.clock.advance(by: 86_400)
        #expect(try opens(short.json["token"]) == 401)
        #expect(try opens(lasting.json["token"]) == 200)
        scene.server.clock.advance(by: 13 * 86_400)
        #expect(try opens(lasting.json["token"]) == 401)

        let listed = try scene.facilitator.send("GET", "/admin/guides/\(scene.guide)/invitations").items
        #expect(listed.map { $0["label"] as? String } == ["Contributor 2", "Contributor 3", "Contributor 4"])
        #expect(listed.map { $0["active"] as? Bool } == [false, false, false])
        #expect(listed[2]["revokedAt"] as? String != nil && listed[0]["revokedAt"] is NSNull)
        #expect(!listed.description.contains(lasting.json["token"] as? String ?? "-"), "a token is shown once only")
        let actions = try scene.server.app.database.read { try AuditStore($0).all().map(\.action) }
        #expect(actions.filter { $0 == "guide_invite" }.count == 3 && actions.contains("guide_invite_revoke"))
    }
}
