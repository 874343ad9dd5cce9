// Invitations, cross-site protection and rate limits over real HTTP.
import Campaigns
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite(.serialized) struct AccessTests {
    @Test func inviteCodesAreSingleUse() throws {
        let server = try TestApp(access: .invite)
        defer { server.close() }
        try server.addInvites(["ABCD-1234"])
        let first = server.client(), second = server.client()
        let missing = try first.join()
        #expect(missing.status == 403 && missing.errorCode == "invite_required")
        let wrong = try first.join(json: #"{"code":"WRONG"}"#)
        #expect(wrong.status == 403 && wrong.errorCode == "invalid_code")
        #expect(try first.join(json: #"{"code":"abcd 1234"}"#).status == 201)
        let before = try server.rowCounts()
        let reused = try second.join(json: #"{"code":"ABCD-1234"}"#)
        #expect(reused.status == 409 && reused.errorCode == "code_used")
        #expect(try server.rowCounts() == before)
    }

    @Test func anInviteOnlyCampaignIsReadByItsMembersOnly() throws {
        let server = try TestApp(access: .invite)
        defer { server.close() }
        try server.addInvites(["WARD-7"])
        let member = server.client()
        #expect(try member.join(json: #"{"code":"WARD-7"}"#).status == 201)
        let id = try member.post(question: server.understandQuestion, body: "The night shift rota is unsafe")
        let paths = ["/api/campaigns/test/contributions", "/api/campaigns/test/contributions?sort=random",
                     "/api/contributions/\(id)", "/api/campaigns/test/similar?text=rota"]
        for path in paths {
            let mine = try member.send("GET", path)
            #expect(mine.status == 200 && mine.text.contains("night shift"), "\(path) for a member")
        }
        // A stranger, and a member of another campaign, read nothing: not from the cache of the pages above either.
        let stranger = server.client()
        stranger.token = "not-a-member"
        for reader in [server.client(), stranger] {
            for path in paths {
                let refused = try reader.send("GET", path)
                #expect(refused.status == 403 && refused.errorCode == "invite_required", "\(path)")
                #expect(!refused.text.contains("night shift"))
            }
        }
        let events = try RawClient(port: server.port)
        try events.send("GET /api/campaigns/test/events HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try events.readResponse().status == 403)
        // What a visitor needs to find the campaign and join stays public.
        let detail = try server.client().send("GET", "/api/campaigns/test")
        #expect(detail.status == 200 && detail.json["access"] as? String == "invite")
    }

    @Test func cookieWritesNeedSameOrigin() throws {
        let server = try TestApp()
        defer { server.close() }
        let alice = server.client()
        let token = try #require(try alice.join().json["token"] as? String)
        let body = #"{"questionId":\#(server.understandQuestion),"body":"via cookie"}"#
        let path = "/api/campaigns/test/contributions"
        let cookie = ("Cookie", "gs_test=\(token)")
        let forged = try alice.send("POST", path, json: body, headers: [cookie, ("Origin", "https://evil.example")], bearer: false)
        #expect(forged.status == 403 && forged.errorCode == "cross_site")
        let crossSite = try alice.send("POST", path, json: body, headers: [cookie, ("Sec-Fetch-Site", "cross-site")], bearer: false)
        #expect(crossSite.status == 403 && crossSite.errorCode == "cross_site")
        let bare = try alice.send("POST", path, json: body, headers: [cookie], bearer: false)
        #expect(bare.status == 403)
        let sameSite = try alice.send("POST", path, json: body, headers: [cookie, ("Sec-Fetch-Site", "same-origin")], bearer: false)
        #expect(sameSite.status == 201)
        let origin = try alice.send(
            "POST", path, json: body, headers: [cookie, ("Origin", "http://127.0.0.1:\(server.port)")], bearer: false)
        #expect(origin.status == 201)
        #expect(try alice.send("POST", path, json: body).status == 201, "Bearer requests are exempt")
    }

    @Test func joiningIsRateLimitedPerAddress() throws {
        let server = try TestApp(rateLimits: true)
        defer { server.close() }
        let limit = RateLimiter.Action.join.rules.address.limit
        for _ in 0..<limit { #expect(try server.client().join().status == 201) }
        let limited = try server.client().join()
        #expect(limited.status == 429 && limited.errorCode == "rate_limited")
        #expect(Int(limited.headers["Retry-After"] ?? "") ?? 0 > 0)
        server.clock.advance(by: RateLimiter.Action.join.rules.address.window)
        #expect(try server.client().join().status == 201)
    }
}
