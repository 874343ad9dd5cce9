// A draft to challenge over real HTTP: sections from headings, the draft's own phase rules, amendments
// with word diffs, accepted into new versions or declined, alternatives, moderation, exports, and no
// trace of who proposed what.
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct DraftTests {
    static let text = """
        # Our vision
        Care close to home, for everyone.

        # Principles
        ## People first
        We **listen** before we decide.
        ## Open books
        - budgets published
        - minutes published
        """

    /// A facilitator, the published draft's id and its section ids in reading order.
    private func publish(_ server: TestApp, phases: String = #"["answer"]"#) throws -> (APIClient, Int, [Int]) {
        let facilitator = try server.staff("fay", role: "facilitator")
        let created = try facilitator.send(
            "POST", "/admin/campaigns/test/drafts",
            json: #"{"questionId":\#(server.answerQuestion),"title":"A vision for community services","text":\#(quote(Self.text)),"phases":\#(phases)}"#)
        try expectStatus(created, 201)
        let id = try #require(created.json["id"] as? Int)
        let page = try server.client().send("GET", "/api/drafts/\(id)")
        return (facilitator, id, page.list("sections").compactMap { $0["id"] as? Int })
    }

    private func amend(_ client: APIClient, _ draft: Int, _ section: Int, _ body: String) throws -> APIResponse {
        try client.send("POST", "/api/drafts/\(draft)/sections/\(section)/amendments", json: #"{"body":\#(quote(body))}"#)
    }

    private func decide(_ client: APIClient, _ amendment: Int, _ decision: String, _ reason: String = "Thank you.") throws -> APIResponse {
        try client.send("POST", "/admin/amendments/\(amendment)/decision", json: #"{"decision":"\#(decision)","reason":\#(quote(reason))}"#)
    }

    @Test func aFacilitatorPublishesADraftInNumberedSections() throws {
        let server = try TestApp()
        defer { server.close() }
        let (facilitator, id, _) = try publish(server)
        let page = try server.client().send("GET", "/api/drafts/\(id)")
        try expectStatus(page, 200)
        let sections = page.list("sections")
        #expect(sections.map { $0["number"] as? String } == ["1", "2", "2.1", "2.2"])
        #expect(sections.map { $0["heading"] as? String } == ["Our vision", "Principles", "People first", "Open books"])
        #expect((sections[3]["blocks"] as? [[String: Any]])?.first?["type"] as? String == "list")
        #expect(page.json["version"] as? Int == 1 && page.json["state"] as? String == "open")
        #expect(page.json["phases"] as? [String] == ["answer"])
        #expect(page.list("changes").map { $0["version"] as? Int } == [1])
        #expect(try server.client().send("GET", "/api/campaigns/test/drafts").items.map { $0["id"] as? Int } == [id])

        // Sections are not ideas: the listing people browse leaves them out.
        let listing = try server.client().send("GET", "/api/campaigns/test/contributions?sort=new")
        #expect(listing.items.isEmpty)

        let bad = try facilitator.send(
            "POST", "/admin/campaigns/test/drafts",
            json: #"{"questionId":\#(server.answerQuestion),"title":"T","text":"No heading here","phases":["answer"]}"#)
        #expect(bad.status == 422 && bad.errorCode == "no_sections" && bad.errorField == "text")
        let noPhase = try facilitator.send(
            "POST", "/admin/campaigns/test/drafts",
            json: ##"{"questionId":\##(server.answerQuestion),"title":"T","text":"# A","phases":["later"]}"##)
        #expect(noPhase.errorField == "phases")
        let analyst = try server.staff("ann", role: "analyst")
        #expect(try analyst.send("POST", "/admin/campaigns/test/drafts", json: "{}").errorCode == "role_not_permitted")
    }

    /// The console reviews a draft through this route: on an invite-only campaign the crowd's route
    /// refuses staff, who never join (it answered 403 there, so the Drafts section could not open one).
    @Test func staffReadAnInviteOnlyCampaignsDraftWithoutJoiningIt() throws {
        let server = try TestApp(access: .invite)
        defer { server.close() }
        let (facilitator, id, _) = try publish(server)
        #expect(try server.client().send("GET", "/api/drafts/\(id)").status == 403)
        let page = try facilitator.send("GET", "/admin/drafts/\(id)")
        try expectStatus(page, 200)
        #expect(page.list("sections").map { $0["heading"] as? String } == ["Our vision", "Principles", "People first", "Open books"])
        #expect(try server.client().send("GET", "/admin/drafts/\(id)").status == 401)
        #expect(try facilitator.send("GET", "/admin/drafts/\(id + 1000)").status == 404)
    }

    @Test func theDraftTakesChallengeOnlyInItsPhases() throws {
        let server = try TestApp()
        defer { server.close() }
        let (_, id, sections) = try publish(server, phases: #"["answer"]"#)
        let person = try server.contributor()
        // Understand is open; the draft runs in Answer.
        let early = try amend(person, id, sections[0], "Care closer to home.")
        #expect(early.status == 409 && early.errorCode == "draft_not_open")
        #expect(try person.send("PUT", "/api/contributions/\(sections[0])/vote", json: #"{"value":1}"#).errorCode == "draft_not_open")
        #expect(try server.client().send("GET", "/api/drafts/\(id)").object("canPropose")["code"] as? String == "draft_not_open")

        try server.open(.answer)
        try expectStatus(amend(person, id, sections[0], "Care closer to home, for everyone."), 201)
        try expectStatus(person.send("PUT", "/api/contributions/\(sections[0])/vote", json: #"{"value":1}"#), 200)
        try expectStatus(person.send("POST", "/api/contributions/\(sections[2])/comments", json: #"{"body":"Yes."}"#), 201)
        #expect(try person.send("GET", "/api/drafts/\(id)").object("canPropose")["allowed"] as? Bool == true)
        let same = try amend(person, id, sections[0], "Care close to home, for everyone.")
        #expect(same.status == 422 && same.errorCode == "amendment_unchanged")
        #expect(try amend(server.client(), id, sections[0], "x").status == 401)

        // In Prioritise the draft is closed, although a shortlisted idea could take votes then.
        try server.open(.prioritise)
        #expect(try amend(person, id, sections[1], "Later").errorCode == "draft_closed")
        #expect(try person.send("PUT", "/api/contributions/\(sections[0])/vote", json: #"{"value":-1}"#).errorCode == "draft_closed")
        #expect(try person.send("POST", "/api/contributions/\(sections[0])/comments", json: #"{"body":"Late"}"#).errorCode == "draft_closed")
    }

    @Test func acceptingAnAmendmentMakesANewVersionAndDecliningSaysWhy() throws {
        let server = try TestApp()
        defer { server.close() }
        let (facilitator, id, sections) = try publish(server)
        try server.open(.answer)
        let person = try server.contributor()
        let other = try server.contributor()
        let first = try amend(person, id, sections[0], "Care closer to home, for everyone, always.")
        try expectStatus(first, 201)
        let diff = (first.json["diff"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? ""):\($0["text"] ?? "")" }
        #expect(diff == ["same:Care ", "removed:close", "added:closer", "same: to home, for ", "removed:everyone.", "added:everyone, always."])
        let firstID = try #require(first.json["id"] as? Int)
        let rival = try #require(try amend(other, id, sections[0], "Care at home.").json["id"] as? Int)
        let declined = try #require(try amend(other, id, sections[3], "- budgets published monthly").json["id"] as? Int)

        try expectStatus(decide(facilitator, firstID, "accept", "Clearer, and it says always."), 200)
        let page = try person.send("GET", "/api/drafts/\(id)")
        #expect(page.json["version"] as? Int == 2)
        #expect(page.list("sections").first?["body"] as? String == "Care closer to home, for everyone, always.")
        let amendments = page.list("sections").first?["amendments"] as? [[String: Any]] ?? []
        #expect(amendments.map { $0["state"] as? String } == ["accepted", "pending"])
        #expect(amendments.map { $0["mine"] as? Bool } == [true, false])
        #expect(amendments[0]["reason"] as? String == "Clearer, and it says always.")
        #expect(amendments[1]["stale"] as? Bool == true)
        let log = page.list("changes")
        #expect(log.map { $0["version"] as? Int } == [1, 2])
        #expect(log.last?["amendmentId"] as? Int == firstID && log.last?["section"] as? String == "1")

        // The section changed under the rival amendment: it can be declined, not accepted.
        #expect(try decide(facilitator, rival, "accept").errorCode == "amendment_stale")
        #expect(try decide(facilitator, firstID, "decline").errorCode == "amendment_decided")
        #expect(try decide(facilitator, declined, "decline", "").errorField == "reason")
        try expectStatus(decide(facilitator, declined, "decline", "Monthly is more than the team can do."), 200)
        #expect(try other.send("PUT", "/api/contributions/\(declined)/vote", json: #"{"value":1}"#).errorCode == "amendment_decided")

        // Every version stays readable and comparable.
        let v1 = try server.client().send("GET", "/api/drafts/\(id)/versions/1")
        #expect(v1.list("sections").first?["body"] as? String == "Care close to home, for everyone.")
        #expect(try server.client().send("GET", "/api/drafts/\(id)/versions/9").status == 404)
        let compared = try server.client().send("GET", "/api/drafts/\(id)/diff?from=1&to=2")
        #expect(compared.list("sections").map { $0["changed"] as? Bool } == [true, false, false, false])
        #expect(try server.client().send("GET", "/api/drafts/\(id)/diff?from=x").errorField == "from")

        // The final version waits for an answer to every amendment, then is the result.
        #expect(try facilitator.send("POST", "/admin/drafts/\(id)/final", json: "{}").errorCode == "amendments_pending")
        try expectStatus(decide(facilitator, rival, "decline", "Overtaken by the accepted amendment."), 200)
        let final = try facilitator.send("POST", "/admin/drafts/\(id)/final", json: #"{"reason":"Agreed by the board."}"#)
        try expectStatus(final, 200)
        #expect(final.json["state"] as? String == "final" && final.json["version"] as? Int == 2)
        #expect(try amend(person, id, sections[1], "More").errorCode == "draft_final")
        #expect(try facilitator.send("POST", "/admin/drafts/\(id)/final", json: "{}").errorCode == "draft_final")
        let audit = try server.staff("ada", role: "admin").send("GET", "/admin/audit?campaign=test").list("items")
        let actions = audit.compactMap { $0["action"] as? String }
        #expect(["draft_publish", "amendment_accept", "amendment_decline", "draft_final"].allSatisfy(actions.contains))
    }

    /// A draft's parts are contributions, so they have ids an idea page would take ("Yours" links
    /// every visible contribution to one); their page is the draft's, at the part.
    @Test func aDraftsPartsIdeaPagesLeadToTheirPlaceOnTheDraft() throws {
        let server = try TestApp()
        defer { server.close() }
        let (_, id, sections) = try publish(server)
        try server.open(.answer)
        let person = try server.contributor()
        let alternative = try #require(try person.send(
            "POST", "/api/drafts/\(id)/alternatives", json: #"{"title":"Rip it up","body":"Start from the wards."}"#).json["id"] as? Int)
        let amendment = try #require(try amend(person, id, sections[1], "We listen first.").json["id"] as? Int)
        for (part, anchor) in [(sections[0], "section-\(sections[0])"), (amendment, "amendment-\(amendment)"),
                               (alternative, "alternative-\(alternative)")] {
            let page = try server.client().send("GET", "/c/test/ideas/\(part)")
            #expect(page.status == 302, "\(anchor)")
            #expect(page.headers["Location"] == "/c/test/draft?draft=\(id)#\(anchor)")
        }
    }

    @Test func alternativesAndModerationWorkAsOnIdeas() throws {
        let server = try TestApp()
        defer { server.close() }
        let (facilitator, id, sections) = try publish(server)
        try server.open(.answer)
        let person = try server.contributor()
        let alternative = try person.send(
            "POST", "/api/drafts/\(id)/alternatives", json: ##"{"title":"Rip it up","body":"# A different vision\nStart from the wards."}"##)
        try expectStatus(alternative, 201)
        let alternativeID = try #require(alternative.json["id"] as? Int)
        #expect((alternative.json["blocks"] as? [[String: Any]])?.first?["type"] as? String == "heading")
        try expectStatus(server.contributor().send("PUT", "/api/contributions/\(alternativeID)/vote", json: #"{"value":1}"#), 200)
        let amendmentID = try #require(try amend(person, id, sections[2], "We listen, then decide together.").json["id"] as? Int)

        try expectStatus(facilitator.send("POST", "/admin/contributions/\(amendmentID)/hide", json: #"{"reason":"Names a colleague"}"#), 200)
        let page = try server.client().send("GET", "/api/drafts/\(id)")
        #expect(page.list("sections").allSatisfy { ($0["amendments"] as? [[String: Any]] ?? []).isEmpty })
        #expect(page.list("alternatives").map { $0["id"] as? Int } == [alternativeID])
        #expect(page.list("alternatives").first?["up"] as? Int == 1)
        #expect(try decide(facilitator, amendmentID, "accept").status == 404)
        // A hidden amendment does not hold up the final version.
        try expectStatus(facilitator.send("POST", "/admin/drafts/\(id)/final", json: "{}"), 200)
    }

    @Test func nothingLinksAnAmendmentToItsAuthor() throws {
        let server = try TestApp()
        defer { server.close() }
        let (facilitator, id, sections) = try publish(server)
        try server.open(.answer)
        let person = try server.contributor()
        let amendmentID = try #require(try amend(person, id, sections[0], "Care near home.").json["id"] as? Int)
        try expectStatus(decide(facilitator, amendmentID, "accept", "Shorter."), 200)
        let contributorIDs = try server.app.database.read { connection in
            try connection.query("SELECT id FROM contributors") { $0.int64(0) }
        }
        // No response names a contributor, and the author sees only that it is theirs.
        for response in [try person.send("GET", "/api/drafts/\(id)"), try server.client().send("GET", "/api/drafts/\(id)"),
                         try facilitator.send("GET", "/admin/campaigns/test/drafts")] {
            #expect(!response.text.contains("contributor") && !response.text.contains("author"))
            if let token = person.token { #expect(!response.text.contains(token)) }
        }
        // The insider with the database: no draft table has a contributor column or key.
        for table in ["drafts", "draft_sections", "draft_versions", "draft_texts", "draft_amendments", "draft_alternatives"] {
            let (columns, keys) = try server.app.database.read { connection in
                (try connection.query("SELECT name FROM pragma_table_info(?)", table) { $0.text(0) },
                 try connection.query("SELECT \"table\" FROM pragma_foreign_key_list(?)", table) { $0.text(0) })
            }
            #expect(!columns.isEmpty && !columns.contains { $0.contains("contributor") }, "\(table)")
            #expect(!keys.contains("contributors"), "\(table)")
        }
        // The staff with the exports: amendments and versions carry no author, and the audit names none.
        let amendments = try facilitator.send("GET", "/admin/campaigns/test/export/amendments.csv").text
        #expect(amendments.hasPrefix("\u{FEFF}contribution,draft,section,base_version,state,reason,decided_version\r\n"))
        #expect(amendments.contains("\(amendmentID),\(id),1,1,accepted,Shorter.,2"))
        let versions = try facilitator.send("GET", "/admin/campaigns/test/export/draft_versions.csv").text
        #expect(versions.contains("Care near home.") && versions.contains("Care close to home, for everyone."))
        let audit = try server.staff("ada", role: "admin").send("GET", "/admin/audit?campaign=test").text
        for export in [amendments, versions, audit] {
            for contributorID in contributorIDs {
                #expect(!export.contains("contributor:\(contributorID)"))
            }
        }
    }

    @Test func exportCellsAreFormulaSafe() throws {
        let server = try TestApp()
        defer { server.close() }
        let (facilitator, id, sections) = try publish(server)
        try server.open(.answer)
        let person = try server.contributor()
        let amendmentID = try #require(try amend(person, id, sections[1], "=HYPERLINK(\"http://evil.example\")").json["id"] as? Int)
        try expectStatus(decide(facilitator, amendmentID, "decline", "=1+1"), 200)
        let amendments = try facilitator.send("GET", "/admin/campaigns/test/export/amendments.csv").text
        #expect(amendments.contains("'=1+1") && !amendments.contains(",=1+1"))
        let contributions = try facilitator.send("GET", "/admin/campaigns/test/export/contributions.csv").text
        #expect(!contributions.contains(",=HYPERLINK") && !contributions.contains("\"=HYPERLINK"))
    }
}
