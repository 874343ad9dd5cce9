// Campaign set-up that cannot misfire (issue 20): a shared access code set on create or later always takes effect.
import Campaigns
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite(.serialized) struct CampaignSetupTests {
    @Test func anAccessCodeGivenOnCreateIsNeededToJoin() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let created = try fac.send(
            "POST", "/admin/campaigns", json: #"{"slug":"ward","title":"Ward 7","access":"invite","accessCode":"night-shift-7"}"#)
        #expect(created.status == 201)
        #expect(created.json["access"] as? String == "invite")
        #expect(created.json["hasAccessCode"] as? Bool == true)
        #expect(try fac.send("POST", "/admin/campaigns/ward/launch").status == 200)
        #expect(try app.client().join("ward").errorCode == "invite_required")
        #expect(try app.client().join("ward", json: #"{"code":"wrong-code"}"#).errorCode == "invalid_code")
        #expect(try app.client().join("ward", json: #"{"code":"night-shift-7"}"#).status == 201)
        let audit = app.staffClient(try app.addStaff("root", .admin))
        let actions = try audit.send("GET", "/admin/audit?campaign=ward").items.compactMap { $0["action"] as? String }
        #expect(actions.contains("access_code_set"))
    }

    @Test func anAccessCodeWithoutAccessMeansACodeIsNeeded() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let created = try fac.send("POST", "/admin/campaigns", json: #"{"slug":"ward","title":"Ward 7","accessCode":"night-shift-7"}"#)
        #expect(created.status == 201)
        #expect(created.json["access"] as? String == "invite")
    }

    @Test func aCreateThatCannotKeepItsCodeCreatesNothing() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let open = try fac.send(
            "POST", "/admin/campaigns", json: #"{"slug":"ward","title":"Ward 7","access":"open","accessCode":"night-shift-7"}"#)
        #expect(open.status == 422 && open.errorField == "accessCode")
        let short = try fac.send("POST", "/admin/campaigns", json: #"{"slug":"ward","title":"Ward 7","accessCode":"abc"}"#)
        #expect(short.status == 422 && short.errorField == "accessCode")
        #expect(try fac.send("GET", "/admin/campaigns/ward").status == 404)
    }

    @Test func settingAnAccessCodeOnAnOpenCampaignMakesItNeeded() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let set = try fac.send("PUT", "/admin/campaigns/test/access-code", json: #"{"code":"night-shift-7"}"#)
        #expect(set.status == 200)
        #expect(set.json["access"] as? String == "invite")
        #expect(set.json["hasAccessCode"] as? Bool == true)
        #expect(try app.client().join().errorCode == "invite_required")
        #expect(try app.client().join(json: #"{"code":"night-shift-7"}"#).status == 201)
        // Removing the code leaves the campaign needing one: opening it to anyone is its own, explicit edit.
        let removed = try fac.send("PUT", "/admin/campaigns/test/access-code", json: #"{"code":""}"#)
        #expect(removed.json["access"] as? String == "invite" && removed.json["hasAccessCode"] as? Bool == false)
        #expect(try fac.send("PATCH", "/admin/campaigns/test", json: #"{"access":"open"}"#).json["access"] as? String == "open")
        #expect(try app.client().join().status == 201)
    }

    @Test func theAccessFieldNamesTheModesItTakes() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let refused = try fac.send("POST", "/admin/campaigns", json: #"{"slug":"ward","title":"Ward 7","access":"code"}"#)
        #expect(refused.status == 422 && refused.errorField == "access")
    }
}
