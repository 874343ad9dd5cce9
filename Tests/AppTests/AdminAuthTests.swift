// Staff authentication and roles over real HTTP: the roles × endpoints matrix, sessions, tokens, throttling.
import Campaigns
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite(.serialized) struct AdminAuthTests {
    struct Endpoint: Sendable, CustomStringConvertible {
        var method: String
        var path: String
        var json: String?
        var allowed: Set<StaffRole>
        var description: String { "\(method) \(path)" }
    }

    static let endpoints: [Endpoint] = [
        Endpoint(method: "GET", path: "/admin/me", allowed: Set(StaffRole.allCases)),
        Endpoint(method: "GET", path: "/admin/campaigns", allowed: Set(StaffRole.allCases)),
        Endpoint(method: "GET", path: "/admin/campaigns/test", allowed: Set(StaffRole.allCases)),
        Endpoint(method: "GET", path: "/admin/staff", allowed: [.admin]),
        Endpoint(method: "GET", path: "/admin/campaigns/test/stats", allowed: [.admin, .facilitator, .organiser]),
        Endpoint(method: "GET", path: "/admin/audit", allowed: [.admin, .organiser]),
        Endpoint(method: "GET", path: "/admin/campaigns/test/moderation", allowed: [.admin, .facilitator]),
        Endpoint(
            method: "PUT", path: "/admin/campaigns/test/phases/understand/schedule",
            json: #"{"closesAt":"2030-01-01T00:00:00Z"}"#, allowed: [.admin, .facilitator]),
        Endpoint(
            method: "PATCH", path: "/admin/campaigns/test", json: #"{"summary":"New summary"}"#,
            allowed: [.admin, .facilitator]),
    ]

    @Test(arguments: endpoints) func rolesMatrix(_ endpoint: Endpoint) throws {
        let app = try TestApp()
        defer { app.close() }
        let anonymous = try app.client().send(endpoint.method, endpoint.path, json: endpoint.json)
        #expect(anonymous.status == 401)
        #expect(anonymous.errorCode == "unauthorized")
        for role in StaffRole.allCases {
            let staff = try app.addStaff("staff-\(role.rawValue)", role)
            let response = try app.staffClient(staff).send(endpoint.method, endpoint.path, json: endpoint.json)
            if endpoint.allowed.contains(role) {
                #expect(response.status == 200, "\(role) on \(endpoint)")
            } else {
                #expect(response.status == 403, "\(role) on \(endpoint)")
                #expect(response.errorCode == "role_not_permitted")
            }
        }
    }

    @Test func accountLimitedToAnotherCampaignIsForbidden() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        #expect(try admin.send("POST", "/admin/campaigns", json: #"{"slug":"other","title":"Other"}"#).status == 201)
        let limited = app.staffClient(try app.addStaff("fac", .facilitator, campaigns: ["other"]))
        #expect(try limited.send("GET", "/admin/campaigns/other/stats").status == 200)
        let other = try limited.send("GET", "/admin/campaigns/test/stats")
        #expect(other.status == 403 && other.errorCode == "campaign_not_covered")
        let listed = try limited.send("GET", "/admin/campaigns").json["campaigns"] as? [[String: Any]] ?? []
        #expect(listed.compactMap { $0["slug"] as? String } == ["other"])
    }

    @Test func passwordSessionExpiresAndSignsOut() throws {
        let app = try TestApp()
        defer { app.close() }
        let staff = try app.addStaff("ana", .facilitator)
        let client = app.client()
        let wrong = try client.send("POST", "/admin/session", json: #"{"name":"ana","password":"not it"}"#)
        #expect(wrong.status == 401)
        #expect(wrong.headers["Set-Cookie"] == nil)
        let unknown = try client.send("POST", "/admin/session", json: #"{"name":"nobody","password":"x"}"#)
        #expect(unknown.status == 401)
        let signIn = try client.send(
            "POST", "/admin/session", json: #"{"name":"ana","password":\#(quote(staff.password))}"#)
        #expect(signIn.status == 200)
        #expect(signIn.json["role"] as? String == "facilitator")
        let cookie = try #require(signIn.headers["Set-Cookie"])
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Max-Age=28800"))
        #expect(!cookie.contains("Secure"))
        let pair = String(cookie.prefix { $0 != ";" })
        #expect(try client.send("GET", "/admin/me", headers: [("Cookie", pair)]).status == 200)

        app.clock.advance(by: 8 * 3600)
        #expect(try client.send("GET", "/admin/me", headers: [("Cookie", pair)]).status == 401)

        let again = try client.send(
            "POST", "/admin/session", json: #"{"name":"ana","password":\#(quote(staff.password))}"#)
        let second = String(try #require(again.headers["Set-Cookie"]).prefix { $0 != ";" })
        #expect(try client.send("GET", "/admin/me", headers: [("Cookie", second)]).status == 200)
        let signOut = try client.send(
            "DELETE", "/admin/session", headers: [("Cookie", second), ("Sec-Fetch-Site", "same-origin")])
        #expect(signOut.status == 200)
        #expect(try client.send("GET", "/admin/me", headers: [("Cookie", second)]).status == 401)
    }

    @Test func cookieWritesFromAnotherSiteAreRefused() throws {
        let app = try TestApp()
        defer { app.close() }
        let response = try app.client().send(
            "POST", "/admin/campaigns", json: #"{"slug":"x","title":"X"}"#,
            headers: [("Cookie", "gs_staff=whatever"), ("Sec-Fetch-Site", "cross-site")])
        #expect(response.status == 403)
        #expect(response.errorCode == "cross_site")
    }

    @Test func tokensCanBeCreatedAndRevoked() throws {
        let app = try TestApp()
        defer { app.close() }
        let staff = app.staffClient(try app.addStaff("org", .organiser))
        let created = try staff.send("POST", "/admin/tokens", json: #"{"label":"script"}"#)
        #expect(created.status == 201)
        let scripted = app.client()
        scripted.token = try #require(created.json["token"] as? String)
        #expect(try scripted.send("GET", "/admin/me").status == 200)
        let id = try #require(created.json["id"] as? Int)
        #expect(try staff.send("DELETE", "/admin/tokens/\(id)").status == 200)
        #expect(try scripted.send("GET", "/admin/me").status == 401)
        #expect(try staff.send("DELETE", "/admin/tokens/\(id)").status == 404)
        // The account's first token still works, and nothing stored is the token itself.
        #expect(try staff.send("GET", "/admin/me").status == 200)
        let stored = try app.app.database.read { connection in
            try connection.query("SELECT token_hash FROM staff_tokens") { $0.blob(0) }
        }
        #expect(!stored.contains(Array(try #require(scripted.token).utf8)))
    }

    @Test func failedSignInsAreRateLimitedPerName() throws {
        let app = try TestApp()
        defer { app.close() }
        let staff = try app.addStaff("bo", .admin)
        let client = app.client()
        for _ in 0..<5 {
            #expect(try client.send("POST", "/admin/session", json: #"{"name":"bo","password":"guess"}"#).status == 401)
        }
        let limited = try client.send(
            "POST", "/admin/session", json: #"{"name":"bo","password":\#(quote(staff.password))}"#)
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] != nil)
        app.clock.advance(by: 901)
        let later = try client.send(
            "POST", "/admin/session", json: #"{"name":"bo","password":\#(quote(staff.password))}"#)
        #expect(later.status == 200)
    }

    @Test func anEmptyCampaignListNeverWidensALimitedAccountToEveryCampaign() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        let fay = app.staffClient(try app.addStaff("fay", .facilitator, campaigns: ["test"]))
        let emptied = try admin.send("PATCH", "/admin/staff/fay", json: #"{"campaigns":[]}"#)
        #expect(emptied.status == 422 && emptied.errorField == "campaigns")
        #expect(try fay.send("GET", "/admin/me").json["campaigns"] as? [String] == ["test"], "still limited")
        #expect(try admin.send("PATCH", "/admin/staff/fay", json: #"{"campaigns":["test"],"allCampaigns":true}"#).status == 422)
        // Widening is an explicit act, and audited as such.
        #expect(try admin.send("PATCH", "/admin/staff/fay", json: #"{"allCampaigns":true}"#).status == 200)
        #expect(try fay.send("GET", "/admin/me").json["campaigns"] as? [String] == [])
        let last = try admin.send("GET", "/admin/audit").items.first { $0["action"] as? String == "campaigns_change" }
        #expect(last?["reason"] as? String == "all campaigns")
    }

    @Test func adminsManageRolesAndEveryChangeIsAudited() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        let created = try admin.send("POST", "/admin/staff", json: #"{"name":"cat","role":"analyst"}"#)
        #expect(created.status == 201)
        #expect((created.json["password"] as? String)?.count ?? 0 >= 20)
        let cat = app.client()
        cat.token = created.json["token"] as? String
        #expect(try cat.send("GET", "/admin/campaigns/test/stats").status == 403)
        #expect(try admin.send("PATCH", "/admin/staff/cat", json: #"{"role":"organiser"}"#).status == 200)
        #expect(try cat.send("GET", "/admin/campaigns/test/stats").status == 200)
        #expect(try admin.send("PATCH", "/admin/staff/root", json: #"{"role":"analyst"}"#).status == 409)
        #expect(try admin.send("PATCH", "/admin/staff/cat", json: #"{"disabled":true}"#).status == 200)
        #expect(try cat.send("GET", "/admin/me").status == 401)
        let actions = try admin.send("GET", "/admin/audit").items.compactMap { $0["action"] as? String }
        #expect(actions.contains("role_change"))
        #expect(actions.contains("staff_disable"))
        #expect(actions.contains("staff_add"))
    }

    /// A lost laptop: the admin signs the account out everywhere and revokes its tokens, and the account stays, so its
    /// owner signs in again with their password.
    @Test func anAdminRevokesAnAccountsTokensAndSessionsButKeepsTheAccount() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        let cat = try app.addStaff("cat", .facilitator)
        let first = app.staffClient(cat)
        let second = app.client()
        second.token = try #require(try first.send("POST", "/admin/tokens", json: #"{"label":"laptop"}"#).json["token"] as? String)
        let signIn = { () throws -> String in
            let answer = try app.client().send("POST", "/admin/session", json: #"{"name":"cat","password":\#(quote(cat.password))}"#)
            return String(try #require(answer.headers["Set-Cookie"]).prefix { $0 != ";" })
        }
        let session = try signIn()
        #expect(try app.client().send("GET", "/admin/me", headers: [("Cookie", session)]).status == 200)

        let revoked = try admin.send("PATCH", "/admin/staff/cat", json: #"{"revokeTokens":true}"#)
        try expectStatus(revoked, 200)
        #expect(revoked.json["disabled"] as? Bool == false && revoked.json["role"] as? String == "facilitator")
        #expect(try first.send("GET", "/admin/me").status == 401)
        #expect(try second.send("GET", "/admin/me").status == 401)
        #expect(try app.client().send("GET", "/admin/me", headers: [("Cookie", session)]).status == 401)
        #expect(try app.client().send("GET", "/admin/me", headers: [("Cookie", try signIn())]).status == 200)
        #expect(try admin.send("GET", "/admin/me").status == 200, "nobody else's tokens are touched")
        let entry = try admin.send("GET", "/admin/audit").items.first { $0["action"] as? String == "token_revoke" }
        #expect(entry?["target"] as? String == "staff:cat" && entry?["reason"] as? String == "every session and 2 tokens")
        #expect(try app.staffClient(try app.addStaff("fay", .facilitator))
            .send("PATCH", "/admin/staff/cat", json: #"{"revokeTokens":true}"#).status == 403)
    }
}
