// Reporting back after Act over real HTTP: statuses with responses, implementation updates and their
// CSV import, the public progress data, the idea's own outcome, the audit log, exports and the alerts hook.
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import App
import Storage

/// Records what the outcome hook is told, as the mail outbox would be.
private final class RecordingAlerts: OutcomeAlerts {
    /// Guarded by its mutex.
    let calls = Mutex<[(OutcomeChange, [Int64])]>([])

    func statusChanged(_ change: OutcomeChange, audience: [Int64], in connection: Connection) throws {
        calls.withLock { $0.append((change, audience)) }
    }
}

@Suite struct OutcomeTests {
    /// Two ideas in Answer — one shortlisted — with a voter and a commenter on the first, then Act.
    private struct Scene {
        let server: TestApp
        let facilitator: APIClient
        let author: APIClient, voter: APIClient, commenter: APIClient
        let idea: Int64, other: Int64, answer: Int64

        init(alerts: RecordingAlerts? = nil) throws {
            server = try TestApp(outcomeAlerts: alerts)
            facilitator = try server.staff("fay", role: "facilitator")
            author = try server.contributor()
            voter = try server.contributor()
            commenter = try server.contributor()
            answer = try author.post(question: server.understandQuestion, body: "Parking is hard at night.")
            try server.open(.answer)
            idea = try author.post(question: server.answerQuestion, title: "Night shuttle", body: "A shuttle from the car park.")
            other = try voter.post(question: server.answerQuestion, title: "Bike shed", body: "Somewhere dry for bikes.")
            try expectStatus(voter.send("PUT", "/api/contributions/\(idea)/vote", json: #"{"value":1}"#), 200)
            try expectStatus(commenter.send("POST", "/api/contributions/\(idea)/comments", json: #"{"body":"Yes please"}"#), 201)
            try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                              json: #"{"contributionId":\#(idea),"reason":"Popular"}"#), 201)
            try server.open(.act)
        }

        func setStatus(_ id: Int64, _ status: String, _ response: String = "Because.") throws -> APIResponse {
            try facilitator.send("PUT", "/admin/contributions/\(id)/status",
                                 json: #"{"status":\#(quote(status)),"response":\#(quote(response))}"#)
        }

        func progress() throws -> APIResponse { try server.client().send("GET", "/api/campaigns/test/progress") }
    }

    @Test func aShortlistedIdeaShowsItsPlaceUntilStaffReportAndThenTheirResponse() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let before = try scene.progress()
        try expectStatus(before, 200)
        #expect(before.list("items").map { $0["id"] as? Int } == [Int(scene.idea)])  // the other is not shortlisted
        let outcome = before.list("items").first?["outcome"] as? [String: Any]
        #expect(outcome?["status"] as? String == "shortlisted" && outcome?["response"] is NSNull)

        let set = try scene.setStatus(scene.idea, "adopted", "The estates team will run it from March.")
        try expectStatus(set, 200)
        #expect(set.json["status"] as? String == "adopted" && set.json["changedOn"] as? String == "2026-11-18")
        let notTaken = try scene.setStatus(scene.other, "not_taken_forward", "The shed is already planned.")
        try expectStatus(notTaken, 200)

        let after = try scene.progress()
        #expect(after.list("items").map { $0["id"] as? Int } == [Int(scene.idea), Int(scene.other)])  // status order
        let adopted = after.list("items").first?["outcome"] as? [String: Any]
        #expect(adopted?["status"] as? String == "adopted" && adopted?["label"] as? String == "Adopted")
        #expect(adopted?["response"] as? String == "The estates team will run it from March.")
        let stats = try scene.facilitator.send("GET", "/admin/campaigns/test/stats").object("outcomes")
        #expect(stats["adopted"] as? Int == 1 && stats["not_taken_forward"] as? Int == 1 && stats["shortlisted"] as? Int == 0)
        let counts = Dictionary(uniqueKeysWithValues: after.list("statuses").map { ($0["status"] as? String ?? "", $0["count"] as? Int ?? -1) })
        #expect(counts == ["under_review": 0, "shortlisted": 0, "in_guide": 0, "adopted": 1, "in_progress": 0,
                           "implemented": 0, "not_taken_forward": 1])
    }

    @Test func theRulesRefuseWithTheirCodesAndOnlyFacilitatorsReport() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let anonymous = scene.server.client()
        #expect(try anonymous.send("PUT", "/admin/contributions/\(scene.idea)/status",
                                   json: #"{"status":"adopted","response":"x"}"#).status == 401)
        #expect(try scene.author.send("PUT", "/admin/contributions/\(scene.idea)/status",
                                      json: #"{"status":"adopted","response":"x"}"#).status == 401)
        let analyst = try scene.server.staff("ann", role: "analyst")
        #expect(try analyst.send("PUT", "/admin/contributions/\(scene.idea)/status",
                                 json: #"{"status":"adopted","response":"x"}"#).errorCode == "role_not_permitted")
        let outsider = try scene.server.staff("out", role: "facilitator", assigned: false)
        #expect(try outsider.send("PUT", "/admin/contributions/\(scene.idea)/status",
                                  json: #"{"status":"adopted","response":"x"}"#).errorCode == "campaign_not_covered")

        let unknown = try scene.setStatus(scene.idea, "done")
        #expect(unknown.status == 422 && unknown.errorField == "status")
        let silent = try scene.setStatus(scene.idea, "adopted", "   ")
        #expect(silent.status == 422 && silent.errorField == "response")
        let long = try scene.setStatus(scene.idea, "adopted", String(repeating: "a", count: 2001))
        #expect(long.status == 422 && long.errorField == "response")
        let understand = try scene.setStatus(scene.answer, "adopted")
        #expect(understand.status == 422 && understand.errorCode == "not_reportable")
        #expect(try scene.setStatus(999_999, "adopted").status == 404)

        try expectStatus(scene.setStatus(scene.idea, "adopted"), 200)
        let again = try scene.setStatus(scene.idea, "adopted", "Still adopted.")
        #expect(again.status == 409 && again.errorCode == "status_unchanged")

        let early = try scene.facilitator.send("POST", "/admin/contributions/\(scene.other)/updates", json: #"{"note":"Started"}"#)
        #expect(early.status == 409 && early.errorCode == "not_adopted")
        for (json, field) in [(#"{"note":"x","percent":150}"#, "percent"), (#"{"note":""}"#, "note"),
                              (#"{"note":"x","on":"2026-02-30"}"#, "on"), (#"{"note":"x","on":"yesterday"}"#, "on"),
                              (#"{"note":"x","role":"\#(String(repeating: "r", count: 121))"}"#, "role")] {
            let bad = try scene.facilitator.send("POST", "/admin/contributions/\(scene.idea)/updates", json: json)
            #expect(bad.status == 422 && bad.errorField == field, "\(json)")
        }
        let rows = try scene.server.app.database.read { connection in
            try connection.queryOne("SELECT count(*) FROM progress_updates") { $0.int(0) as Int }
        }
        #expect(rows == 0)
    }

    @Test func monthsLaterAnArchivedCampaignStillReportsUpdatesAndTheIdeaPageShowsThem() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(scene.setStatus(scene.idea, "adopted", "Funded."), 200)
        let admin = try scene.server.staff("ada", role: "admin")
        try expectStatus(admin.send("POST", "/admin/campaigns/test/archive"), 200)
        scene.server.clock.advance(by: 90 * 86_400)
        let update = try scene.facilitator.send("POST", "/admin/contributions/\(scene.idea)/updates", json:
            #"{"role":"Estates manager","site":"North car park","note":"Two buses ordered.","percent":40,"on":"2027-01-15"}"#)
        try expectStatus(update, 201)
        #expect(update.json["percent"] as? Int == 40 && update.json["on"] as? String == "2027-01-15")
        let today = try scene.facilitator.send("POST", "/admin/contributions/\(scene.idea)/updates", json: #"{"note":"Running nightly."}"#)
        #expect(today.json["on"] as? String == "2027-02-16" && today.json["percent"] is NSNull)
        try expectStatus(scene.setStatus(scene.idea, "implemented", "Runs every night from 8 pm."), 200)

        let page = try scene.server.client().send("GET", "/api/contributions/\(scene.idea)")
        try expectStatus(page, 200)
        let outcome = page.object("outcome")
        #expect(outcome["status"] as? String == "implemented" && outcome["changedOn"] as? String == "2027-02-16")
        #expect((outcome["history"] as? [[String: Any]])?.map { $0["status"] as? String } == ["adopted", "implemented"])
        #expect((outcome["updates"] as? [[String: Any]])?.map { $0["note"] as? String } == ["Two buses ordered.", "Running nightly."])
        #expect(outcome["percent"] as? Int == 40)
        #expect(try scene.server.client().send("GET", "/api/contributions/\(scene.other)").json["outcome"] is NSNull)
        #expect(try scene.server.client().send("GET", "/api/contributions/\(scene.answer)").json["outcome"] is NSNull)

        let audit = try admin.send("GET", "/admin/audit?campaign=test").list("items")
        let acts = audit.compactMap { $0["action"] as? String }
        #expect(acts.filter { $0 == "outcome_status" }.count == 2 && acts.filter { $0 == "progress_update" }.count == 2)
    }

    @Test func aWithdrawnOrHiddenIdeaLeavesTheProgressPage() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(scene.setStatus(scene.other, "under_review", "Looking at costs."), 200)
        #expect(try scene.progress().list("items").count == 2)
        try expectStatus(scene.facilitator.send("POST", "/admin/contributions/\(scene.other)/hide", json: #"{"reason":"Abuse"}"#), 200)
        #expect(try scene.progress().list("items").map { $0["id"] as? Int } == [Int(scene.idea)])
        #expect(try scene.server.client().send("GET", "/api/contributions/\(scene.other)").status == 404)
        let export = try scene.facilitator.send("GET", "/admin/campaigns/test/export.json")
        #expect(!export.text.contains("Looking at costs."))  // open data keeps only what the progress page shows
        let staffCSV = try scene.facilitator.send("GET", "/admin/campaigns/test/export/outcomes.csv")
        #expect(staffCSV.text.contains("Looking at costs."))
    }

    @Test func updatesImportFromCSVAllOrNothingWithBadRowsByLine() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(scene.setStatus(scene.idea, "in_progress", "Under way."), 200)
        let bad = "idea,role,site,date,percent,note\n\(scene.idea),Estates,North,2027-01-10,20%,Ordered\n\(scene.other),,,,,Not adopted\n"
            + "\(scene.idea),,,2027-13-01,,Bad date\nabc,,,,,No idea\n\(scene.idea),,,,101,Too much\n"
        let refused = try scene.facilitator.send(
            "POST", "/admin/campaigns/test/progress/import", body: Array(bad.utf8), headers: [("Content-Type", "text/csv")])
        #expect(refused.status == 422)
        let message = (refused.json["error"] as? [String: Any])?["message"] as? String ?? ""
        for line in ["line 3: idea \(scene.other)", "line 4: the date", "line 5: the idea", "line 6: the percent"] {
            #expect(message.contains(line), "\(line) in \(message)")
        }
        #expect(!message.contains("line 2"))
        #expect(try scene.progress().list("items").first.flatMap { ($0["outcome"] as? [String: Any])?["updates"] as? [Any] }?.isEmpty == true)

        let good = "Idea,Note,Percent,Date\n\(scene.idea),Ordered,20%,2027-01-10\n\(scene.idea),\"Trial, week one\",35,2027-01-17\n"
        let imported = try scene.facilitator.send(
            "POST", "/admin/campaigns/test/progress/import", body: Array(good.utf8), headers: [("Content-Type", "text/csv")])
        try expectStatus(imported, 200)
        #expect(imported.json["imported"] as? Int == 2)
        let outcome = try scene.progress().list("items").first?["outcome"] as? [String: Any]
        #expect((outcome?["updates"] as? [[String: Any]])?.map { $0["note"] as? String } == ["Ordered", "Trial, week one"])
        #expect(outcome?["percent"] as? Int == 35)
        let csv = try scene.facilitator.send("GET", "/admin/campaigns/test/export/progress_updates.csv")
        #expect(csv.text.hasPrefix("\u{FEFF}id,contribution,role,site,noted_on,percent,note\r\n"))
        #expect(csv.text.contains("\"Trial, week one\""))
    }

    @Test func theAlertsHookHearsWhoTookPartAndNothingIsSaidAboutThemInPublic() throws {
        let alerts = RecordingAlerts()
        let scene = try Scene(alerts: alerts)
        defer { scene.server.close() }
        try expectStatus(scene.setStatus(scene.idea, "adopted", "Yes."), 200)
        let ids = try scene.server.app.database.read { connection in
            try connection.query("SELECT id FROM contributors ORDER BY id") { $0.int64(0) }
        }
        let calls = alerts.calls.withLock { $0 }
        #expect(calls.count == 1)
        #expect(calls.first?.0 == OutcomeChange(campaignID: scene.server.campaignID, contributionID: scene.idea, status: .adopted))
        #expect(calls.first?.1 == Array(ids.prefix(3)))  // author, voter, commenter — all three took part
        // A refused change calls nothing.
        #expect(try scene.setStatus(scene.idea, "adopted").status == 409)
        #expect(alerts.calls.withLock { $0.count } == 1)

        // The public progress data and the idea page name nobody: no contributor fields, no tokens.
        let reader = scene.server.client()
        for path in ["/api/campaigns/test/progress", "/api/contributions/\(scene.idea)"] {
            let text = try reader.send("GET", path).text
            for field in ["contributorId", "contributor_id", "author", "staff", "fay", "audience"] {
                #expect(!text.contains("\"\(field)\"") && !text.contains(field == "fay" ? "fay" : "\"\(field)\""), "\(path) has \(field)")
            }
            for client in [scene.author, scene.voter, scene.commenter] {
                #expect(!text.contains(try #require(client.token)))
            }
        }
    }

    @Test func theMailOutboxIsTheDefaultHookAndQueuesOneSealedAlertPerParticipant() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let app = scene.server.app
        #expect(app.context.outcomeAlerts is OutboxOutcomeAlerts)
        let hook = try #require(app.context.outcomeAlerts)
        let campaignID = scene.server.campaignID, idea = scene.idea
        // Inside one write, as the route calls it: the rows are there before the write commits.
        let (queued, sealed) = try app.database.write { connection -> (Int, [[UInt8]]) in
            // The shortlisting of the scene queued the author's shortlist alert already.
            let before = try connection.queryOne(
                "SELECT count(*) FROM outbox WHERE campaign_id = ? AND kind = 'personal'", campaignID) { row -> Int in row.int(0) } ?? 0
            let audience = try OutcomeStore(connection).audience(contributionID: idea)
            try hook.statusChanged(
                OutcomeChange(campaignID: campaignID, contributionID: idea, status: .implemented), audience: audience,
                in: connection)
            let rows = try connection.query("SELECT kind, sealed FROM outbox WHERE campaign_id = ?", campaignID) {
                ($0.text(0), $0.blob(1))
            }
            return (rows.filter { $0.0 == "personal" }.count - before, rows.map(\.1))
        }
        #expect(queued == 3)
        // Sealed: neither the idea's number nor its title is readable in a queued row.
        for payload in sealed {
            #expect(payload.firstRange(of: Array("Night shuttle".utf8)) == nil)
        }
    }
}

