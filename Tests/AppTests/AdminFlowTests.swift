// Phase transitions and schedules, moderation, merges with undo, k-anonymity and the audit chain, over real HTTP.
import Campaigns
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite(.serialized) struct AdminFlowTests {
    /// What the redaction tests start from: a facilitator, an admin, and an author whose contribution names
    /// someone. The caller closes the app.
    private static func namingContribution() throws -> (TestApp, APIClient, APIClient, APIClient, Int64) {
        let app = try TestApp()
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let admin = app.staffClient(try app.addStaff("root", .admin))
        let author = app.client()
        try author.join()
        let id = try author.post(question: app.understandQuestion, body: "Nurse Zebedee was rude to me")
        return (app, fac, admin, author, id)
    }

    @Test func phaseTransitionsFollowTheRules() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let base = "/admin/campaigns/test/phases"
        #expect(try fac.send("POST", "\(base)/answer/open").errorCode == "another_phase_open")
        #expect(try fac.send("POST", "\(base)/answer/close").errorCode == "not_open")
        #expect(try fac.send("POST", "\(base)/understand/close").status == 200)
        #expect(try fac.send("POST", "\(base)/prioritise/open").errorCode == "out_of_order")
        #expect(try fac.send("POST", "\(base)/understand/open").errorCode == "reason_required")
        let reopened = try fac.send("POST", "\(base)/understand/open", json: #"{"reason":"Closed too early"}"#)
        #expect(reopened.status == 200)
        #expect(try fac.send("POST", "\(base)/understand/close").status == 200)
        #expect(try fac.send("POST", "\(base)/answer/open").status == 200)
        #expect(try fac.send("POST", "\(base)/nonsense/open").status == 404)
        let audit = app.staffClient(try app.addStaff("root", .admin))
        let entries = try audit.send("GET", "/admin/audit?campaign=test").items
        #expect(entries.filter { $0["action"] as? String == "phase_open" }.count == 2)
        #expect(entries.contains { $0["reason"] as? String == "Closed too early" })
        #expect(try fac.send("POST", "/admin/campaigns/test/archive").status == 200)
        #expect(try fac.send("POST", "\(base)/answer/close").errorCode == "campaign_archived")
        #expect(try fac.send("PATCH", "/admin/campaigns/test", json: #"{"title":"x"}"#).errorCode == "campaign_archived")
    }

    @Test func schedulesMovePhasesWithTheInjectedClock() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let now = app.clock.now
        let closes = ISOTime.string(now + 600)
        let opens = ISOTime.string(now + 900)
        #expect(try fac.send(
            "PUT", "/admin/campaigns/test/phases/understand/schedule", json: #"{"closesAt":"\#(closes)"}"#).status == 200)
        #expect(try fac.send(
            "PUT", "/admin/campaigns/test/phases/answer/schedule", json: #"{"opensAt":"\#(opens)"}"#).status == 200)
        #expect(try fac.send(
            "PUT", "/admin/campaigns/test/phases/understand/schedule", json: #"{"opensAt":"\#(opens)"}"#).status == 409)
        #expect(try fac.send(
            "PUT", "/admin/campaigns/test/phases/act/schedule",
            json: #"{"opensAt":"\#(opens)","closesAt":"\#(closes)"}"#).errorField == "closesAt")
        func states() throws -> [String] {
            let phases = try fac.send("GET", "/admin/campaigns/test").json["phases"] as? [[String: Any]] ?? []
            return phases.compactMap { $0["state"] as? String }
        }
        try app.app.applyPhaseSchedules()
        #expect(try states() == ["open", "pending", "pending", "pending"])
        app.clock.advance(by: 600)
        try app.app.applyPhaseSchedules()
        #expect(try states() == ["closed", "pending", "pending", "pending"])
        app.clock.advance(by: 300)
        try app.app.applyPhaseSchedules()
        #expect(try states() == ["closed", "open", "pending", "pending"])
        // The timer's changes are in the audit log like a facilitator's, under the actor "schedule".
        let admin = app.staffClient(try app.addStaff("ada", .admin))
        let audited = try admin.send("GET", "/admin/audit?campaign=test").items
            .filter { $0["actor"] as? String == "schedule" }
            .compactMap { entry -> String? in
                guard let action = entry["action"] as? String, let target = entry["target"] as? String else { return nil }
                return "\(action) \(target)"
            }
        #expect(audited == ["phase_open campaign:test/answer", "phase_close campaign:test/understand"])
    }

    @Test func hideRestoreAndPreModeration() throws {
        let app = try TestApp(flagThreshold: 2)
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let author = app.client()
        try author.join()
        let id = try author.post(question: app.understandQuestion, body: "Buses are late")
        #expect(try fac.send("POST", "/admin/contributions/\(id)/hide", json: "{}").errorField == "reason")
        #expect(try fac.send("POST", "/admin/contributions/\(id)/hide", json: #"{"reason":"Off topic"}"#).status == 200)
        // Hidden is decided: not awaiting anything, but listed for a second look.
        var queue = try fac.send("GET", "/admin/campaigns/test/moderation").items
        #expect(queue.isEmpty)
        queue = try fac.send("GET", "/admin/campaigns/test/moderation?scope=hidden").items
        #expect(queue.map { $0["id"] as? Int } == [Int(id)] && queue.first?["status"] as? String == "hidden")
        #expect(try app.client().send("GET", "/api/contributions/\(id)").status == 404)
        #expect(try fac.send("POST", "/admin/contributions/\(id)/restore", json: #"{"reason":"On reflection fine"}"#)
            .json["state"] as? String == "visible")
        queue = try fac.send("GET", "/admin/campaigns/test/moderation").items
        #expect(queue.isEmpty)

        #expect(try fac.send("PATCH", "/admin/campaigns/test", json: #"{"premoderation":true}"#).status == 200)
        let waiting = try author.post(question: app.understandQuestion, body: "Trains are full")
        #expect(try app.client().send("GET", "/api/contributions/\(waiting)").status == 404)
        queue = try fac.send("GET", "/admin/campaigns/test/moderation").items
        #expect(queue.first?["state"] as? String == "pending" && queue.first?["status"] as? String == "pending")
        let approved = try fac.send("POST", "/admin/contributions/\(waiting)/restore", json: #"{"reason":"Approved"}"#)
        #expect(approved.json["state"] as? String == "visible")
        #expect(try app.client().send("GET", "/api/contributions/\(waiting)").status == 200)
    }

    @Test func mergeCountsEachVoterOnceAndUndoRestoresExactly() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let voters = (0..<3).map { _ in app.client() }
        for voter in voters { try voter.join() }
        let source = try voters[0].post(question: app.understandQuestion, body: "Buses are late in the morning")
        let target = try voters[1].post(question: app.understandQuestion, body: "Morning buses are late")
        func vote(_ client: APIClient, _ id: Int64, _ value: Int) throws {
            #expect(try client.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":\#(value)}"#).status == 200)
        }
        try vote(voters[0], source, 1)
        try vote(voters[1], source, -1)
        try vote(voters[1], target, 1)
        try vote(voters[2], target, 1)
        #expect(try voters[2].send("POST", "/api/contributions/\(source)/comments", json: #"{"body":"Same here"}"#).status == 201)
        let before = try app.app.database.read { try ContributionStore($0).contribution(id: target) }

        let merged = try fac.send("POST", "/admin/contributions/\(source)/merge", json: #"{"into":\#(target),"reason":"Duplicate"}"#)
        #expect(merged.status == 200)
        #expect(merged.json["up"] as? Int == 3)
        #expect(merged.json["down"] as? Int == 0)
        #expect(merged.json["comments"] as? Int == 1)
        let gone = try app.app.database.read { try ContributionStore($0).contribution(id: source) }
        #expect(gone?.state == .merged)
        #expect(gone?.up == 0 && gone?.down == 0 && gone?.commentCount == 0)
        #expect(try fac.send("POST", "/admin/contributions/\(source)/merge", json: #"{"into":\#(target),"reason":"Again"}"#).status == 409)

        let undone = try fac.send("POST", "/admin/contributions/\(source)/unmerge", json: #"{"reason":"Not the same"}"#)
        #expect(undone.status == 200)
        #expect(undone.json["state"] as? String == "visible")
        #expect(undone.json["up"] as? Int == 1)
        #expect(undone.json["down"] as? Int == 1)
        #expect(undone.json["comments"] as? Int == 1)
        let after = try app.app.database.read { try ContributionStore($0).contribution(id: target) }
        #expect(after == before)
        let votes = try app.app.database.read { try ModerationStore($0).votes(contributionID: source) }
        #expect(votes.values.map(\.rawValue).sorted() == [-1, 1])
        #expect(try fac.send("POST", "/admin/contributions/\(source)/unmerge").errorCode == "not_merged")
    }

    @Test func redactionKeepsTheOriginalForAdminsOnlyUntilPurged() throws {
        let (app, fac, admin, _, id) = try Self.namingContribution()
        defer { app.close() }
        let redacted = try fac.send(
            "POST", "/admin/contributions/\(id)/redact", json: #"{"body":"A nurse was rude to me","reason":"Name"}"#)
        #expect(redacted.json["body"] as? String == "A nurse was rude to me")
        let search = try app.client().send("GET", "/api/campaigns/test/contributions?q=Zebedee")
        #expect(search.items.isEmpty)
        #expect(try fac.send("GET", "/admin/contributions/\(id)/revisions").status == 403)
        let revisions = try admin.send("GET", "/admin/contributions/\(id)/revisions").items
        #expect(revisions.first?["body"] as? String == "Nurse Zebedee was rude to me")
        #expect(try admin.send("DELETE", "/admin/contributions/\(id)/revisions").json["purged"] as? Int == 1)
        #expect(try admin.send("GET", "/admin/contributions/\(id)/revisions").items.isEmpty)
    }

    /// Withdrawing erases the text; a redaction must not write text back into the erased row, nor
    /// keep a revision of it (it answered 200 and did both before the lifecycle decided redactions).
    @Test func aWithdrawnContributionCannotBeRedacted() throws {
        let (app, fac, admin, author, id) = try Self.namingContribution()
        defer { app.close() }
        #expect(try author.send("DELETE", "/api/contributions/\(id)").status == 200)
        let redacted = try fac.send(
            "POST", "/admin/contributions/\(id)/redact", json: #"{"body":"A nurse was rude to me","reason":"Name"}"#)
        #expect(redacted.status == 409)
        #expect(redacted.errorCode == "contribution_withdrawn")
        #expect(try admin.send("GET", "/admin/contributions/\(id)/revisions").items.isEmpty)
        let mine = try author.send("GET", "/api/contributions/\(id)")
        #expect(mine.json["state"] as? String == "withdrawn")
        #expect(mine.json["body"] as? String == "")
    }

    @Test func officialStatementsAndInvites() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let statement = try fac.send(
            "POST", "/admin/campaigns/test/statements",
            json: #"{"questionId":\#(app.understandQuestion),"title":"Our budget","body":"We have 2 million to spend."}"#)
        #expect(statement.status == 201)
        #expect(statement.json["official"] as? Bool == true)
        let invites = try fac.send("POST", "/admin/campaigns/test/invites", json: #"{"count":3}"#)
        #expect(invites.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        let lines = invites.text.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasSuffix("code"))
        #expect(try app.rowCounts()["invites"] == 3)
        #expect(try fac.send("POST", "/admin/campaigns/test/invites", json: #"{"count":0}"#).status == 422)
    }

    @Test func profileBreakdownsSuppressSmallGroups() throws {
        let app = try TestApp()
        defer { app.close() }
        for _ in 0..<6 { try app.client().join(json: #"{"profile":{"age":"Under 40"}}"#) }
        for _ in 0..<5 { try app.client().join(json: #"{"profile":{"age":"40 or over"}}"#) }
        for _ in 0..<2 { try app.client().join() }
        let org = app.staffClient(try app.addStaff("org", .organiser))
        let before = try org.send("GET", "/admin/campaigns/test/stats")
        #expect(before.json["participants"] as? Int == 13)
        #expect(before.json["release"] is NSNull, "nothing is released before the next midnight")
        #expect(((before.json["byProfile"] as? [String: Any])?["age"] as? [Any])?.isEmpty == true)

        #expect(try app.releaseStatistics() == 1)
        let stats = try org.send("GET", "/admin/campaigns/test/stats")
        #expect((stats.json["release"] as? [String: Any])?["participants"] as? Int == 13)
        let age = (stats.json["byProfile"] as? [String: Any])?["age"] as? [[String: Any]] ?? []
        #expect(age.count == 2)
        #expect(age.first?["choice"] as? String == "Under 40")
        #expect(age.first?["count"] as? Int == 6)
        #expect(age.last?["suppressed"] as? Bool == true)
        #expect(!stats.text.contains("40 or over"))
    }

    /// Whole answer combinations (here one question, so one answer) by size, at k = 5: what is shown.
    @Test(arguments: [
        ([6, 5, 2], [BreakdownEntry.shown(choice: "a", count: 6), .suppressed]),
        ([6, 5, 0], [.shown(choice: "a", count: 6), .shown(choice: "b", count: 5)]),
        ([9, 1, 2], [.shown(choice: "a", count: 9), .suppressed]),
        ([3, 0, 0], [.suppressed]),
        ([5, 5, 5], [.shown(choice: "a", count: 5), .shown(choice: "b", count: 5), .shown(choice: "c", count: 5)]),
        ([0, 0, 0], []),
    ])
    func breakdownSuppression(counts: [Int], expected: [BreakdownEntry]) {
        var groups: [String: Int] = [:]
        for (choice, count) in zip(["a", "b", "c"], counts) where count > 0 { groups["=" + choice] = count }
        let release = ReleaseRecord(campaignID: 1, releasedAt: 0, participants: counts.reduce(0, +), groups: groups)
        #expect(ProfileBreakdown(release, k: 5).breakdown(question: 0, of: 1, choices: ["a", "b", "c"]) == expected)
    }

    /// A breakdown sums shown combinations only, so it cannot be subtracted from the participants
    /// export: with (Under 40, North) × 6 shown and (Under 40, South) × 2 suppressed (with the
    /// smallest shown, secondarily), "Under 40" must not count the suppressed two.
    @Test func breakdownsComeFromShownCombinationsOnly() {
        let release = ReleaseRecord(
            campaignID: 1, releasedAt: 0, participants: 19,
            groups: ["=Under 40\u{1F}=North": 6, "=Under 40\u{1F}=South": 2, "=40+\u{1F}=North": 5, "=40+\u{1F}=South": 6])
        let breakdown = ProfileBreakdown(release, k: 5)
        #expect(breakdown.suppressed == 7)
        #expect(breakdown.breakdown(question: 0, of: 2, choices: ["Under 40", "40+"])
            == [.shown(choice: "Under 40", count: 6), .shown(choice: "40+", count: 6), .suppressed])
        #expect(breakdown.breakdown(question: 1, of: 2, choices: ["North", "South"])
            == [.shown(choice: "North", count: 6), .shown(choice: "South", count: 6), .suppressed])
    }

    @Test func auditChainShowsTampering() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        #expect(try admin.send("POST", "/admin/campaigns/test/phases/understand/close").status == 200)
        #expect(try admin.send("PATCH", "/admin/campaigns/test", json: #"{"summary":"S"}"#).status == 200)
        let intact = try admin.send("GET", "/admin/audit/verify")
        #expect(intact.json["intact"] as? Bool == true)
        #expect(intact.json["entries"] as? Int == 3)
        #expect(throws: SQLiteError.self) {
            try app.app.database.write { try $0.run("UPDATE audit_log SET reason = 'edited' WHERE id = 2") }
        }
        // Someone with the file drops the guard and edits a row: the chain no longer verifies.
        let tamperer = try Database(options: DatabaseOptions(path: app.directory + "/test.sqlite"), migrationsDirectory: nil)
        try tamperer.write { connection in
            try connection.execute("DROP TRIGGER audit_log_no_update")
            try connection.run("UPDATE audit_log SET actor = 'someone else' WHERE id = 2")
        }
        tamperer.close()
        let broken = try admin.send("GET", "/admin/audit/verify")
        #expect(broken.json["intact"] as? Bool == false)
        #expect(broken.json["brokenAt"] as? Int == 2)
    }

    @Test func auditChainVerifiesPurely() {
        var entries: [AuditEntry] = []
        var prev = AuditChain.genesis
        for id in Int64(1)...4 {
            let hash = AuditChain.hash(
                prev: prev, id: id, at: 100 + id, campaignID: nil, actor: "a", action: "x", target: "t\(id)", reason: "")
            entries.append(AuditEntry(
                id: id, at: 100 + id, campaignID: nil, actor: "a", action: "x", target: "t\(id)", reason: "",
                prevHash: prev, hash: hash))
            prev = hash
        }
        #expect(AuditChain.verify(entries) == .intact(count: 4))
        var edited = entries
        edited[1].reason = "changed"
        #expect(AuditChain.verify(edited) == .broken(entryID: 2))
        var removed = entries
        removed.remove(at: 2)
        #expect(AuditChain.verify(removed) == .broken(entryID: 4))
        // Field boundaries cannot shift: "ab" + "c" differs from "a" + "bc".
        #expect(AuditChain.canonical(id: 1, at: 1, campaignID: nil, actor: "ab", action: "c", target: "", reason: "")
            != AuditChain.canonical(id: 1, at: 1, campaignID: nil, actor: "a", action: "bc", target: "", reason: ""))
    }
}
