// The merges that can be undone, listed for the console's unmerge screen (issue 20).
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct MergeListTests {
    @Test func theMergesListedAreTheOnesThatCanBeUndone() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let author = app.client()
        try author.join()
        let keep = try author.post(question: app.understandQuestion, body: "The lifts are always broken")
        let first = try author.post(question: app.understandQuestion, body: "Lifts broken again")
        let second = try author.post(question: app.understandQuestion, body: "The lift is out of order")
        #expect(try fac.send("GET", "/admin/campaigns/test/merges").items.isEmpty)
        for source in [first, second] {
            #expect(try fac.send("POST", "/admin/contributions/\(source)/merge", json: #"{"into":\#(keep),"reason":"Duplicate"}"#).status == 200)
        }
        func listed() throws -> [[Int]] {
            try fac.send("GET", "/admin/campaigns/test/merges").items.compactMap { item in
                guard let source = (item["source"] as? [String: Any])?["id"] as? Int,
                      let into = (item["into"] as? [String: Any])?["id"] as? Int else { return nil }
                return [source, into]
            }
        }
        #expect(try listed() == [[Int(second), Int(keep)], [Int(first), Int(keep)]])
        #expect(try fac.send("POST", "/admin/contributions/\(second)/unmerge", json: #"{"reason":"Not the same lift"}"#).status == 200)
        #expect(try listed() == [[Int(first), Int(keep)]])
        let analyst = app.staffClient(try app.addStaff("ana", .analyst))
        #expect(try analyst.send("GET", "/admin/campaigns/test/merges").status == 403)
    }

    /// Merging by searching for the contribution to keep works on an invite-only campaign too, whose contributor
    /// listing refuses staff (they are not its members): the moderators search their own route.
    @Test func moderatorsFindTheContributionToKeepOnAnInviteOnlyCampaign() throws {
        let app = try TestApp(access: .invite)
        defer { app.close() }
        try app.addInvites(["WARD-7"])
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let member = app.client()
        #expect(try member.join(json: #"{"code":"WARD-7"}"#).status == 201)
        let keep = try member.post(question: app.understandQuestion, body: "The lifts in block C are always broken")
        let other = try member.post(question: app.understandQuestion, body: "The canteen closes too early")
        #expect(try fac.send("GET", "/api/campaigns/test/contributions?q=lifts").errorCode == "invite_required")
        let found = try fac.send("GET", "/admin/campaigns/test/merge-targets?q=lifts%20block")
        try expectStatus(found, 200)
        #expect(found.items.compactMap { $0["id"] as? Int } == [Int(keep)])
        #expect(!found.text.contains("canteen") && other > 0)
        #expect(try fac.send("GET", "/admin/campaigns/test/merge-targets").status == 422)
        let analyst = app.staffClient(try app.addStaff("ana", .analyst))
        #expect(try analyst.send("GET", "/admin/campaigns/test/merge-targets?q=lifts").status == 403)
    }
}
