// Announcements once per event, the shortlist alert, and requests to be invited, over real HTTP with the preview mailbox.
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct MailAnnouncementTests {
    /// What the preview mailbox was really handed, blanks left out.
    private func preview(_ server: TestApp) -> [PreviewMailbox.Preview] {
        (server.app.context.mailPreview?.messages ?? []).filter { !$0.blank }
    }

    private func drained(_ server: TestApp) -> Bool {
        server.eventually { (try? server.app.database.read { try OutboxStore($0).backlog() }) == 0 }
    }

    private func optIn(_ client: APIClient, _ address: String, announcements: Bool, alerts: Bool) throws {
        try expectStatus(client.send("PUT", "/api/campaigns/test/mail-address",
                                     json: #"{"address":\#(quote(address)),"announcements":\#(announcements),"alerts":\#(alerts)}"#), 200)
    }

    @Test func anEventIsAnnouncedOnceAfterItHappenedToWhoeverAskedForNews() throws {
        let server = try TestApp { $0.mailPreview = true }
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        try optIn(try server.contributor(), "news@example.org", announcements: true, alerts: false)
        try optIn(try server.contributor(), "mine@example.org", announcements: false, alerts: true)
        try server.open(.answer)
        let notYet = try facilitator.send("POST", "/admin/campaigns/test/announcements", json: #"{"event":"phase:act"}"#)
        #expect(notYet.status == 409 && notYet.errorCode == "announcement_not_due")
        let bogus = try facilitator.send("POST", "/admin/campaigns/test/announcements", json: #"{"event":"party"}"#)
        #expect(bogus.status == 422 && bogus.errorField == "event")
        let sent = try facilitator.send("POST", "/admin/campaigns/test/announcements", json: #"{"event":"phase:answer","note":"Bring ideas."}"#)
        try expectStatus(sent, 202)
        #expect(sent.json["queued"] as? Int == 1)
        let again = try facilitator.send("POST", "/admin/campaigns/test/announcements", json: #"{"event":"phase:answer"}"#)
        #expect(again.status == 409 && again.errorCode == "already_announced")
        #expect(drained(server))
        #expect(preview(server).map(\.subject) == ["Test campaign: the Answer phase is open"])
        #expect(preview(server).first?.text.contains("Bring ideas.") == true && preview(server).first?.oneClickUnsubscribe == true)
        let status = try facilitator.send("GET", "/admin/campaigns/test/mail")
        #expect(status.list("announcements").first { $0["event"] as? String == "phase:answer" }?["announced"] as? Bool == true)
        #expect(try server.staff("ana", role: "analyst").send(
            "POST", "/admin/campaigns/test/announcements", json: #"{"event":"shortlist"}"#).status == 403)
    }

    @Test func anAuthorWhoAskedHearsTheirIdeaWasShortlistedWithoutBeingToldWhich() throws {
        let server = try TestApp { $0.mailPreview = true }
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        try server.open(.answer)
        let author = try server.contributor()
        try optIn(author, "author@example.org", announcements: false, alerts: true)
        let idea = try author.post(question: server.answerQuestion, title: "Night shuttle", body: "From the car park.")
        try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                          json: #"{"contributionId":\#(idea),"reason":"Popular"}"#), 201)
        #expect(drained(server))
        #expect(preview(server).map(\.subject) == ["Test campaign: news about one of your contributions"])
        #expect(preview(server).first?.text.contains("shortlisted") == true)
        #expect(preview(server).first?.text.contains("Night shuttle") == false)
    }

    /// A day after someone replied, the author who asked hears it once per replied item, never which.
    @Test func theDailyDigestTellsAnAuthorSomeoneRepliedOncePerItem() throws {
        let server = try TestApp { $0.mailPreview = true }
        defer { server.close() }
        // The sender's first turn sets the digest's bookmark at the start.
        #expect(server.eventually { (try? server.app.database.read { try MailUpkeepStore($0).lastDigest() }) != nil })
        let author = try server.contributor(), silent = try server.contributor(), replier = try server.contributor()
        try optIn(author, "author@example.org", announcements: false, alerts: true)
        let first = try author.post(question: server.understandQuestion, body: "Parking at night is hard.")
        let second = try author.post(question: server.understandQuestion, body: "The canteen shuts at six.")
        let unreachable = try silent.post(question: server.understandQuestion, body: "Lockers are full.")
        for idea in [first, second, unreachable, first] {
            try expectStatus(replier.send("POST", "/api/contributions/\(idea)/comments", json: #"{"body":"Same here."}"#), 201)
        }
        try expectStatus(author.send("POST", "/api/contributions/\(first)/comments", json: #"{"body":"My own note."}"#), 201)
        server.clock.advance(by: MailSender.digestInterval + 3600)
        server.app.context.mail.wake()
        #expect(server.eventually { (try? server.app.database.read { try MailUpkeepStore($0).lastDigest() }) == server.clock.now })
        #expect(drained(server))
        // Three replied items (two of them the same author's): three messages handled, two sent.
        #expect(preview(server).map(\.subject) == Array(repeating: "Test campaign: news about one of your contributions", count: 2))
        #expect(preview(server).allSatisfy { $0.text.contains("replied") && !$0.text.contains("Parking") })
        let tallies = try server.app.database.read { try OutboxStore($0).summary(campaignID: nil).tallies }
        #expect(tallies.map(\.count) == [3] && tallies.first?.outcome == .handled)
    }

    @Test func aRequestToBeInvitedIsReviewedByAFacilitatorWhoSeesOnlyItsDomain() throws {
        let server = try TestApp(access: .invite) { $0.mailPreview = true }
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        let stranger = server.client()
        let ask = #"{"email":"Porter.Jones@estates.example.org","note":"I work nights in estates."}"#
        let first = try stranger.send("POST", "/api/campaigns/test/invitation-requests", json: ask)
        try expectStatus(first, 202)
        #expect(try stranger.send("POST", "/api/campaigns/test/invitation-requests", json: ask).text == first.text)
        let bad = try stranger.send("POST", "/api/campaigns/test/invitation-requests", json: #"{"email":"nope"}"#)
        #expect(bad.status == 422 && bad.errorField == "email")
        let listed = try facilitator.send("GET", "/admin/campaigns/test/invitation-requests")
        try expectStatus(listed, 200)
        #expect(listed.items.count == 1 && listed.json["total"] as? Int == 1)
        #expect(listed.items.first?["domain"] as? String == "estates.example.org")
        #expect(listed.items.first?["note"] as? String == "I work nights in estates.")
        #expect(!listed.text.contains("Porter") && !listed.text.contains("porter"))
        let id = try require_(listed.items.first?["id"] as? Int)
        let approved = try facilitator.send("POST", "/admin/campaigns/test/invitation-requests/\(id)/approve", json: "{}")
        try expectStatus(approved, 202)
        #expect(approved.json["queued"] as? Int == 1)
        #expect(drained(server))
        #expect(preview(server).map(\.subject) == ["You are invited to take part in Test campaign"])
        #expect(try facilitator.send("GET", "/admin/campaigns/test/invitation-requests").items.isEmpty)
        #expect(try facilitator.send("POST", "/admin/campaigns/test/invitation-requests/\(id)/decline", json: "{}").status == 404)
        // Asking again once invited changes nothing and says the same.
        #expect(try stranger.send("POST", "/api/campaigns/test/invitation-requests", json: ask).text == first.text)
        #expect(try facilitator.send("GET", "/admin/campaigns/test/invitation-requests").items.isEmpty)
    }

    @Test func anOpenCampaignNeedsNoRequest() throws {
        let server = try TestApp()
        defer { server.close() }
        let refused = try server.client().send("POST", "/api/campaigns/test/invitation-requests", json: #"{"email":"a@example.org"}"#)
        #expect(refused.status == 409 && refused.errorCode == "not_invite_only")
    }

    @Test func aDeclinedRequestIsDeletedAndSendsNothing() throws {
        let server = try TestApp(access: .invite) { $0.mailPreview = true }
        defer { server.close() }
        let facilitator = try server.staff("fay", role: "facilitator")
        try expectStatus(server.client().send("POST", "/api/campaigns/test/invitation-requests", json: #"{"email":"x@example.org"}"#), 202)
        let id = try require_(try facilitator.send("GET", "/admin/campaigns/test/invitation-requests").items.first?["id"] as? Int)
        try expectStatus(facilitator.send("POST", "/admin/campaigns/test/invitation-requests/\(id)/decline", json: "{}"), 200)
        let rows = try server.app.database.read { try $0.queryOne("SELECT count(*) FROM invitation_requests") { row -> Int in row.int(0) } }
        #expect(rows == 0)
        #expect(drained(server) && preview(server).isEmpty)
    }
}
