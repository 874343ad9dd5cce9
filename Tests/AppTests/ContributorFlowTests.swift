// End-to-end over real HTTP: join, post, vote, comment, list in every sort, search, similar, flag, auto-hide.
import Foundation
import Testing
import TestSupport
@testable import App
import Campaigns

@Suite(.serialized) struct ContributorFlowTests {
    @Test func fullContributorFlow() throws {
        let server = try TestApp(flagThreshold: 2)
        defer { server.close() }
        let alice = server.client(), bob = server.client(), carol = server.client()

        let joined = try alice.join(json: #"{"profile":{"age":"Under 40"}}"#)
        #expect(joined.status == 201)
        #expect(joined.headers["Set-Cookie"]?.hasPrefix("gs_test=") == true)
        #expect(joined.headers["Set-Cookie"]?.contains("HttpOnly; SameSite=Lax; Max-Age=31536000") == true)
        #expect(try bob.join().status == 201)
        #expect(try carol.join().status == 201)
        let again = try alice.join()
        #expect(again.status == 200)
        #expect(again.json["token"] is NSNull)

        let detail = try alice.send("GET", "/api/campaigns/test")
        #expect(detail.json["joined"] as? Bool == true)
        #expect((detail.json["counts"] as? [String: Any])?["participants"] as? Int == 3)
        #expect((detail.json["permissions"] as? [String: Any])?["contribute"] as? Bool == true)

        let q = server.understandQuestion
        let waiting = try alice.post(question: q, title: "Waiting times", body: "Phone queue at 8am for GP appointments")
        let parking = try bob.post(question: q, title: "Parking", body: "No parking spaces at the health centre")
        let letters = try carol.post(question: q, body: "Hospital letters arrive after the appointment date")

        // Vote, change the vote, retract it: counts follow each step.
        var vote = try bob.send("PUT", "/api/contributions/\(waiting)/vote", json: #"{"value":1}"#)
        #expect(vote.status == 200)
        #expect(vote.json["up"] as? Int == 1 && vote.json["myVote"] as? Int == 1)
        vote = try bob.send("PUT", "/api/contributions/\(waiting)/vote", json: #"{"value":-1}"#)
        #expect(vote.json["up"] as? Int == 0 && vote.json["down"] as? Int == 1)
        vote = try bob.send("PUT", "/api/contributions/\(waiting)/vote", json: #"{"value":0}"#)
        #expect(vote.json["up"] as? Int == 0 && vote.json["down"] as? Int == 0 && vote.json["myVote"] as? Int == 0)
        try bob.send("PUT", "/api/contributions/\(waiting)/vote", json: #"{"value":1}"#)
        try carol.send("PUT", "/api/contributions/\(waiting)/vote", json: #"{"value":1}"#)
        try alice.send("PUT", "/api/contributions/\(parking)/vote", json: #"{"value":1}"#)
        try carol.send("PUT", "/api/contributions/\(parking)/vote", json: #"{"value":-1}"#)

        // A comment and a reply; a reply to a reply is refused.
        let comment = try carol.send("POST", "/api/contributions/\(parking)/comments", json: #"{"body":"Same at Millbrook"}"#)
        #expect(comment.status == 201)
        let commentID = try #require(comment.json["id"] as? Int)
        let reply = try alice.send(
            "POST", "/api/contributions/\(parking)/comments", json: #"{"body":"Agreed","parentId":\#(commentID)}"#)
        #expect(reply.status == 201)
        let replyID = try #require(reply.json["id"] as? Int)
        let deep = try bob.send(
            "POST", "/api/contributions/\(parking)/comments", json: #"{"body":"Deeper","parentId":\#(replyID)}"#)
        #expect(deep.status == 422 && deep.errorField == "parentId")

        let shown = try alice.send("GET", "/api/contributions/\(parking)")
        let thread = try #require(shown.json["commentList"] as? [[String: Any]])
        #expect(thread.count == 1)
        #expect((thread.first?["replies"] as? [[String: Any]])?.first?["mine"] as? Bool == true)
        #expect(shown.json["comments"] as? Int == 2)

        // Sorts: top follows the Wilson bound; new is newest first; discussed puts the commented one first.
        func ids(_ sort: String, client: APIClient = alice) throws -> [Int64] {
            let list = try client.send("GET", "/api/campaigns/test/contributions?sort=\(sort)")
            #expect(list.status == 200)
            return (list.json["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? Int).map(Int64.init) }
        }
        #expect(try ids("top") == [waiting, parking, letters])
        #expect(try ids("new") == [letters, parking, waiting])
        #expect(try ids("discussed").first == parking)
        #expect(try ids("controversial").first == parking)
        let random = try ids("random")
        #expect(Set(random) == Set([waiting, parking, letters]))
        #expect(try ids("random") == random, "random order is stable for one contributor")

        // Search and similar.
        let search = try alice.send("GET", "/api/campaigns/test/contributions?q=parking%20centre")
        #expect((search.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [Int(parking)])
        let syntax = try alice.send("GET", "/api/campaigns/test/contributions?q=%22%20OR%20NEAR(*")
        #expect(syntax.status == 200)
        let similar = try alice.send("GET", "/api/campaigns/test/similar?text=hospital%20appointment%20letters")
        #expect((similar.json["items"] as? [[String: Any]])?.first?["id"] as? Int == Int(letters))

        // Editing: allowed before votes or comments, refused after.
        let edited = try carol.send("PATCH", "/api/contributions/\(letters)", json: #"{"body":"Letters arrive late"}"#)
        #expect(edited.status == 200 && edited.json["editedAt"] is String)
        let locked = try bob.send("PATCH", "/api/contributions/\(parking)", json: #"{"body":"Changed"}"#)
        #expect(locked.status == 409 && locked.errorCode == "edit_locked")
        let notMine = try alice.send("PATCH", "/api/contributions/\(letters)", json: #"{"body":"Mine now"}"#)
        #expect(notMine.status == 403)

        // Flags: once each, weighed by who makes them. Two identities minutes old weigh an eighth
        // each, far from the threshold of 2: it stays as it is, and the reports wait for a moderator.
        #expect(try alice.send("POST", "/api/contributions/\(letters)/flags", json: #"{"reason":"spam"}"#).status == 201)
        let twice = try alice.send("POST", "/api/contributions/\(letters)/flags", json: #"{"reason":"spam"}"#)
        #expect(twice.status == 409 && twice.errorCode == "already_flagged")
        #expect(try bob.send("POST", "/api/contributions/\(letters)/flags", json: #"{"reason":"rude"}"#).status == 201)
        #expect(try ids("new").contains(letters))
        #expect(try alice.send("GET", "/api/contributions/\(letters)").json["held"] as? Bool == false)

        // Withdrawing one's own contribution.
        let withdrawn = try bob.send("DELETE", "/api/contributions/\(parking)")
        #expect(withdrawn.status == 200 && withdrawn.json["state"] as? String == "withdrawn")
        #expect(try ids("new") == [letters, waiting])

        // The caller's own activity only.
        let me = try alice.send("GET", "/api/me?campaign=test")
        #expect((me.json["contributions"] as? [[String: Any]])?.count == 1)
        #expect((me.json["votes"] as? [[String: Any]])?.count == 1)
        #expect((me.json["comments"] as? [[String: Any]])?.count == 1)
        #expect(try server.client().send("GET", "/api/me?campaign=test").status == 401)
    }

    @Test func paginationVisitsEveryItemOnceInEverySort() throws {
        let server = try TestApp()
        defer { server.close() }
        let alice = server.client(), bob = server.client()
        try alice.join()
        try bob.join()
        var posted: [Int64] = []
        for index in 0..<7 {
            let id = try alice.post(question: server.understandQuestion, body: "Idea number \(index)")
            posted.append(id)
            if index % 2 == 0 { try bob.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#) }
        }
        for sort in ["top", "new", "controversial", "discussed", "random"] {
            var seen: [Int64] = []
            var cursor: String? = nil
            repeat {
                let query = "sort=\(sort)&limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try bob.send("GET", "/api/campaigns/test/contributions?\(query)")
                #expect(page.status == 200)
                seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? Int).map(Int64.init) }
                cursor = page.json["nextCursor"] as? String
            } while cursor != nil && seen.count < 20
            #expect(seen.count == 7, "\(sort)")
            #expect(Set(seen) == Set(posted), "\(sort)")
        }
        let bad = try bob.send("GET", "/api/campaigns/test/contributions?cursor=not-a-cursor")
        #expect(bad.status == 422 && bad.errorField == "cursor")
    }

    @Test func liveEventsReachSubscribers() throws {
        // Vote totals go out once per count interval: at the default 5 s the wait for them raced the
        // client's 5 s read timeout on a loaded machine. One second keeps the test about events.
        let server = try TestApp(configure: { $0.countInterval = 1 })
        defer { server.close() }
        let alice = server.client()
        try alice.join()
        let stream = try RawClient(port: server.port, timeoutSeconds: 5)
        try stream.send("GET /api/campaigns/test/events HTTP/1.1\r\nHost: x\r\n\r\n")
        var received = ""
        while !received.contains(": connected") { received += String(decoding: try stream.readAvailable(), as: UTF8.self) }
        #expect(received.contains("text/event-stream"))
        let id = try alice.post(question: server.understandQuestion, body: "Something to announce")
        try alice.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#)
        while !received.contains("event: totals") { received += String(decoding: try stream.readAvailable(), as: UTF8.self) }
        #expect(received.contains("event: contribution"))
        #expect(received.contains("Something to announce"))
        #expect(!received.contains("\"mine\""), "broadcast events carry no per-caller fields")
    }

    @Test func scheduledPhasesOpenAndCloseWithTheClock() throws {
        let server = try TestApp()
        defer { server.close() }
        let now = server.clock.now
        var phases = Phase.initial
        phases[0] = Phase(kind: .understand, state: .open, opensAt: nil, closesAt: now + 100)
        phases[1] = Phase(kind: .answer, state: .pending, opensAt: now + 200, closesAt: nil)
        try server.setPhases(phases)
        #expect(try server.app.applyPhaseSchedules() == 0)
        server.clock.advance(by: 150)
        #expect(try server.app.applyPhaseSchedules() == 1)
        let closed = try server.client().send("GET", "/api/campaigns/test")
        #expect(closed.json["openPhase"] is NSNull)
        server.clock.advance(by: 100)
        #expect(try server.app.applyPhaseSchedules() == 1)
        let open = try server.client().send("GET", "/api/campaigns/test")
        #expect(open.json["openPhase"] as? String == "answer")
        #expect(open.json["question"] as? String == "What would help?")
    }
}
