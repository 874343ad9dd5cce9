// Silencing a campaign with reports: fresh identities cannot, official statements never go, held items stay in view and in the queue.
import Dispatch
import Foundation
import Storage
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct FlagResistanceTests {
    /// `count` contributors who each posted once, then two days pass: established identities (only
    /// the day of joining is kept, so two days is the first age that means a whole one).
    static func established(_ app: TestApp, _ count: Int) throws -> [APIClient] {
        let people = try (0..<count).map { n -> APIClient in
            let person = try app.contributor()
            _ = try person.post(question: app.understandQuestion, body: "My own point number \(n)")
            return person
        }
        app.clock.advance(by: 2 * 86_400)
        return people
    }

    static func report(_ client: APIClient, _ id: Int64, reason: String = "offensive") throws -> APIResponse {
        try client.send("POST", "/api/contributions/\(id)/flags", json: #"{"reason":"\#(reason)"}"#)
    }

    static func listed(_ app: TestApp) throws -> [Int64: [String: Any]] {
        let items = try app.client().send("GET", "/api/campaigns/test/contributions?sort=new&limit=100").items
        return Dictionary(uniqueKeysWithValues: items.map { (Int64($0["id"] as? Int ?? 0), $0) })
    }

    /// The finding: one address mints 60 identities and reports everything. Nothing is held, the
    /// official statement least of all, and every reported contribution waits in the queue, the
    /// burst marked. With the server's default limits on, as an open campaign runs.
    @Test func sixtyFreshIdentitiesFromOneAddressSilenceNothing() throws {
        let app = try TestApp(rateLimits: true, flagThreshold: 3)
        defer { app.close() }
        // The campaign's 39 contributions, as if posted over the weeks before (posting is rate limited too).
        let (campaignID, question, now) = (app.campaignID, app.understandQuestion, app.clock.now)
        var targets = try app.app.database.write { connection in
            try (0..<39).map { n in
                try ContributionStore(connection).insert(
                    NewContribution(campaignID: campaignID, questionID: question, contributorID: nil, phase: .understand,
                                    title: nil, body: "Idea number \(n)"), now: now).id
            }
        }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        let statement = try admin.send("POST", "/admin/campaigns/test/statements", json:
            #"{"questionId":\#(app.understandQuestion),"title":"From the team","body":"We are listening"}"#)
        let official = Int64(statement.json["id"] as? Int ?? 0)
        targets.append(official)
        var attackers: [APIClient] = []
        for _ in 0..<60 {
            let attacker = app.client()
            if try attacker.join().status == 201 { attackers.append(attacker) }
        }
        #expect(attackers.count == 60, "one address mints 60 identities in ten minutes")
        var recorded = 0
        var reportedIDs = Set<Int64>()
        for attacker in attackers {
            for id in targets where try Self.report(attacker, id).status == 201 {
                recorded += 1
                reportedIDs.insert(id)
            }
        }
        let listed = try Self.listed(app)
        #expect(listed.count == 40, "every contribution is still listed")
        #expect(listed.values.allSatisfy { $0["held"] as? Bool == false }, "and none is held")
        #expect(listed[official]?["official"] as? Bool == true)

        let fac = app.staffClient(try app.addStaff("fay", .facilitator))
        let queue = try fac.send("GET", "/admin/campaigns/test/moderation")
        let reported = queue.items.filter { $0["status"] as? String == "reported" }
        #expect(Set(reported.compactMap { ($0["id"] as? Int).map(Int64.init) }) == reportedIDs, "every reported one waits")
        #expect(reported.allSatisfy { $0["burst"] as? Bool == true }, "reports minutes apart are a burst")
        #expect(queue.object("signals")["reportBurst"] as? Bool == true)
        #expect((queue.object("signals")["reportsLastHour"] as? Int ?? 0) == recorded)
    }

    /// The same attack without any rate limit: weight alone holds nothing.
    @Test func withoutRateLimitsWeightAloneHoldsNothing() throws {
        let app = try TestApp(rateLimits: false, flagThreshold: 3)
        defer { app.close() }
        let author = try app.contributor()
        let targets = try (0..<5).map { try author.post(question: app.understandQuestion, body: "Idea number \($0)") }
        let attackers = try (0..<200).map { _ in try app.contributor() }
        for attacker in attackers { for id in targets { _ = try Self.report(attacker, id) } }
        #expect(try Self.listed(app).values.allSatisfy { $0["held"] as? Bool == false })
        let queue = try app.staffClient(try app.addStaff("fay", .facilitator)).send("GET", "/admin/campaigns/test/moderation")
        #expect(queue.items.count == 5 && queue.items.allSatisfy { ($0["reportWeight"] as? Double ?? 0) == 12.5 })
    }

    @Test func establishedPeoplesReportsHoldItInViewUntilAModeratorDecides() throws {
        let app = try TestApp(flagThreshold: 3)
        defer { app.close() }
        let reporters = try Self.established(app, 4)
        let author = try app.contributor()
        let id = try author.post(question: app.understandQuestion, title: "Names a colleague", body: "Dr X on ward 5 is lazy")
        let stream = try RawClient(port: app.port, timeoutSeconds: 5)
        try stream.send("GET /api/campaigns/test/events HTTP/1.1\r\nHost: x\r\n\r\n")
        var received = ""
        func readUntil(_ text: String) throws {
            while !received.contains(text) { received += String(decoding: try stream.readAvailable(), as: UTF8.self) }
        }
        try readUntil(": connected")
        for reporter in reporters.prefix(3) { #expect(try Self.report(reporter, id, reason: "personal").status == 201) }
        try readUntil(#""id":\#(id),"#)
        #expect(received.contains(#""held":true"#) && !received.contains("event: removed"), "held in view, not removed")

        let shown = try Self.listed(app)[id]
        #expect(shown?["held"] as? Bool == true, "still listed, collapsed by the page")
        #expect(try reporters[3].send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#).errorCode == "under_review")
        #expect(try reporters[3].send("POST", "/api/contributions/\(id)/comments", json: #"{"body":"Hm"}"#).errorCode == "under_review")
        #expect(try author.send("PATCH", "/api/contributions/\(id)", json: #"{"body":"Softer"}"#).errorCode == "under_review")
        let similar = try app.client().send("GET", "/api/campaigns/test/similar?text=colleague%20ward%20lazy").items
        #expect(!similar.contains { $0["id"] as? Int == Int(id) }, "the submit form offers no held text")

        let fac = app.staffClient(try app.addStaff("fay", .facilitator))
        let queue = try fac.send("GET", "/admin/campaigns/test/moderation")
        let first = try #require(queue.items.first)
        #expect(first["id"] as? Int == Int(id) && first["status"] as? String == "held", "held items come first")
        #expect(first["reportWeight"] as? Double == 3 && first["threshold"] as? Int == 3 && first["flags"] as? Int == 3)
        #expect(first["reasons"] as? [String] == ["personal", "personal", "personal"])
        #expect(queue.object("counts")["held"] as? Int == 1)

        // A moderator keeps it: released at once; later reports queue it but never hold it again.
        let dismissed = try fac.send("POST", "/admin/contributions/\(id)/dismiss", json: #"{"reason":"Fair criticism"}"#)
        #expect(dismissed.status == 200 && dismissed.json["held"] as? Bool == false)
        try readUntil(#""held":false"#)
        #expect(try reporters[3].send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#).status == 200)
        let more = try Self.established(app, 4)
        for reporter in more { #expect(try Self.report(reporter, id).status == 201) }
        #expect(try Self.listed(app)[id]?["held"] as? Bool == false, "a kept contribution is not held again")
        let again = try fac.send("GET", "/admin/campaigns/test/moderation").items.first { $0["id"] as? Int == Int(id) }
        #expect(again?["status"] as? String == "reported" && again?["flags"] as? Int == 4)
    }

    @Test func anOfficialStatementIsNeverHeldHoweverManyReportIt() throws {
        let app = try TestApp(flagThreshold: 1)
        defer { app.close() }
        let reporters = try Self.established(app, 6)
        let admin = app.staffClient(try app.addStaff("root", .admin))
        let statement = try admin.send("POST", "/admin/campaigns/test/statements", json:
            #"{"questionId":\#(app.understandQuestion),"title":"Update","body":"The rota changes in May"}"#)
        let id = Int64(statement.json["id"] as? Int ?? 0)
        for reporter in reporters { #expect(try Self.report(reporter, id).status == 201) }
        #expect(try Self.listed(app)[id]?["held"] as? Bool == false)
        let item = try admin.send("GET", "/admin/campaigns/test/moderation").items.first { $0["id"] as? Int == Int(id) }
        #expect(item?["status"] as? String == "reported" && item?["official"] as? Bool == true && item?["reportWeight"] as? Double == 6)
    }

    @Test func moderatorsRestoreAndDismissInBulk() throws {
        let app = try TestApp(flagThreshold: 1)
        defer { app.close() }
        let reporters = try Self.established(app, 1)
        let author = try app.contributor()
        let held = try (0..<3).map { try author.post(question: app.understandQuestion, body: "Held \($0)") }
        for id in held { _ = try Self.report(reporters[0], id) }
        let fac = app.staffClient(try app.addStaff("fay", .facilitator))
        let hidden = try author.post(question: app.understandQuestion, body: "Hidden one")
        #expect(try fac.send("POST", "/admin/contributions/\(hidden)/hide", json: #"{"reason":"Check"}"#).status == 200)
        let withdrawn = try author.post(question: app.understandQuestion, body: "Withdrawn one")
        #expect(try author.send("DELETE", "/api/contributions/\(withdrawn)").status == 200)
        #expect(try fac.send("GET", "/admin/campaigns/test/moderation").object("counts")["held"] as? Int == 3)

        #expect(try fac.send("POST", "/admin/campaigns/test/moderation/restore", json: #"{"ids":[\#(held[0])]}"#).errorField == "reason")
        let ids = (held + [hidden, withdrawn, 999_999]).map(String.init).joined(separator: ",")
        let restored = try fac.send("POST", "/admin/campaigns/test/moderation/restore", json: #"{"ids":[\#(ids)],"reason":"A brigade"}"#)
        #expect(restored.status == 200)
        #expect(ids_(restored.json["done"]) == held + [hidden])
        let skipped = (restored.json["skipped"] as? [[String: Any]] ?? []).map { "\($0["id"] as? Int ?? 0):\($0["code"] as? String ?? "")" }
        #expect(skipped == ["\(withdrawn):contribution_withdrawn", "999999:not_found"])
        let listed = try Self.listed(app)
        #expect((held + [hidden]).allSatisfy { listed[$0]?["held"] as? Bool == false })
        #expect(try fac.send("GET", "/admin/campaigns/test/moderation").items.isEmpty, "nothing waits any more")
        let audit = try app.app.database.read { try AuditStore($0).all() }
        #expect(audit.filter { $0.action == "dismiss_reports" }.count == 3 && audit.contains { $0.action == "restore" })

        // Dismiss in bulk: reports on visible ones resolved, nothing else touched.
        let reported = try author.post(question: app.understandQuestion, body: "Reported only")
        let fresh = try app.contributor()
        _ = try Self.report(fresh, reported)
        let dismissed = try fac.send("POST", "/admin/campaigns/test/moderation/dismiss", json:
            #"{"ids":[\#(reported),\#(hidden)],"reason":"Fine"}"#)
        #expect(ids_(dismissed.json["done"]) == [reported, hidden])
        #expect(try fac.send("GET", "/admin/campaigns/test/moderation").items.isEmpty)
    }

    @Test func reportsSpreadOverHoursAreNoBurst() throws {
        let app = try TestApp(flagThreshold: 100)
        defer { app.close() }
        let author = try app.contributor()
        let id = try author.post(question: app.understandQuestion, body: "Slowly reported")
        for _ in 0..<4 {
            _ = try Self.report(try app.contributor(), id)
            app.clock.advance(by: 1200)
        }
        let queue = try app.staffClient(try app.addStaff("fay", .facilitator)).send("GET", "/admin/campaigns/test/moderation")
        #expect(queue.items.first?["burst"] as? Bool == false)
        #expect(queue.object("signals")["reportBurst"] as? Bool == false)
    }
}

private func ids_(_ value: Any?) -> [Int64] { (value as? [Any] ?? []).compactMap { ($0 as? Int).map(Int64.init) } }
