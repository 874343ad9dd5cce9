// One contributor on several devices: pairing codes, recovery keys, signing out, shared computers, over real HTTP.
import Foundation
import Storage
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct DeviceTests {
    private func pairingCode(_ client: APIClient) throws -> String {
        let response = try client.send("POST", "/api/campaigns/test/pairing")
        #expect(response.status == 201)
        return try #require(response.json["code"] as? String)
    }

    @Test func aPairedDeviceIsTheSameContributor() throws {
        let app = try TestApp()
        defer { app.close() }
        let phone = app.client()
        try phone.join()
        let idea = try phone.post(question: app.understandQuestion, body: "Written on the phone")
        let code = try pairingCode(phone)

        let wardPC = app.client()
        // Typed as people type: lower case, and an O for the zero (the alphabet has no O).
        let typed = code.lowercased().replacingOccurrences(of: "0", with: "o")
        let paired = try wardPC.send("POST", "/api/campaigns/test/pair", json: #"{"code":"\#(typed)"}"#)
        #expect(paired.status == 201)
        wardPC.token = paired.json["token"] as? String
        #expect(wardPC.token != nil && wardPC.token != phone.token, "each device has its own token")
        let mine = try wardPC.send("GET", "/api/me?campaign=test")
        #expect((mine.json["contributions"] as? [[String: Any]])?.map { $0["id"] as? Int } == [Int(idea)])
        #expect(try wardPC.send("GET", "/api/contributions/\(idea)").json["mine"] as? Bool == true)
        #expect(try wardPC.send("PATCH", "/api/contributions/\(idea)", json: #"{"body":"Edited on the ward PC"}"#).status == 200)

        // One person, one vote, whichever device votes.
        let other = app.client()
        try other.join()
        let theirs = try other.post(question: app.understandQuestion, body: "Someone else's")
        #expect(try other.send("GET", "/api/contributions/\(idea)").json["mine"] as? Bool == false, "yours only on one's own devices")
        #expect(try phone.send("PUT", "/api/contributions/\(theirs)/vote", json: #"{"value":1}"#).json["up"] as? Int == 1)
        let again = try wardPC.send("PUT", "/api/contributions/\(theirs)/vote", json: #"{"value":1}"#)
        #expect(again.json["up"] as? Int == 1 && again.json["myVote"] as? Int == 1)

        #expect(try wardPC.send("DELETE", "/api/contributions/\(idea)").status == 200)
        let onPhone = try phone.send("GET", "/api/me?campaign=test")
        #expect((onPhone.json["contributions"] as? [[String: Any]])?.first?["state"] as? String == "withdrawn")
        let device = try wardPC.send("GET", "/api/campaigns/test/device")
        #expect(device.json["devices"] as? Int == 2 && device.json["shared"] as? Bool == false)
    }

    @Test func aPairingCodeWorksOnceForTenMinutesInItsCampaign() throws {
        let app = try TestApp()
        defer { app.close() }
        let phone = app.client()
        try phone.join()
        let code = try pairingCode(phone)
        #expect(try app.client().send("POST", "/api/campaigns/test/pair", json: #"{"code":"\#(code)"}"#).status == 201)
        let twice = try app.client().send("POST", "/api/campaigns/test/pair", json: #"{"code":"\#(code)"}"#)
        #expect(twice.status == 403 && twice.errorCode == "invalid_pairing_code")

        let late = try pairingCode(phone)
        app.clock.advance(by: DeviceRoutes.pairingLifetime)
        #expect(try app.client().send("POST", "/api/campaigns/test/pair", json: #"{"code":"\#(late)"}"#).errorCode
            == "invalid_pairing_code")
        let left = try app.app.database.read { try $0.queryOne("SELECT count(*) FROM pairing_codes") { row -> Int in row.int(0) } }
        #expect(left == 0, "used and expired codes are deleted, with the time beside the contributor")
        #expect(try app.client().send("POST", "/api/campaigns/test/pair", json: #"{"code":""}"#).status == 403)
        #expect(try app.client().send("POST", "/api/campaigns/test/pairing").status == 401)
    }

    @Test func aRecoveryKeyRestoresAContributorAndANewOneReplacesIt() throws {
        let app = try TestApp()
        defer { app.close() }
        let laptop = app.client()
        try laptop.join()
        let idea = try laptop.post(question: app.understandQuestion, body: "Mine")
        let first = try #require(try laptop.send("POST", "/api/campaigns/test/recovery-key").json["recoveryKey"] as? String)
        #expect(first.split(separator: "-").count == 5)
        let restored = app.client()
        let response = try restored.send("POST", "/api/campaigns/test/recover", json: #"{"recoveryKey":"\#(first)"}"#)
        #expect(response.status == 201)
        restored.token = response.json["token"] as? String
        #expect((try restored.send("GET", "/api/me?campaign=test").json["contributions"] as? [[String: Any]])?
            .first?["id"] as? Int == Int(idea))
        #expect(try restored.send("GET", "/api/campaigns/test/device").json["recoveryKey"] as? Bool == true)

        let second = try #require(try laptop.send("POST", "/api/campaigns/test/recovery-key").json["recoveryKey"] as? String)
        #expect(try app.client().send("POST", "/api/campaigns/test/recover", json: #"{"recoveryKey":"\#(first)"}"#).errorCode
            == "invalid_recovery_key")
        #expect(try app.client().send("POST", "/api/campaigns/test/recover", json: #"{"recoveryKey":"\#(second)"}"#).status == 201)
    }

    @Test func signingOutForgetsOnlyThisDevice() throws {
        let app = try TestApp()
        defer { app.close() }
        let phone = app.client()
        try phone.join()
        let code = try pairingCode(phone)
        let pc = app.client()
        pc.token = try app.client().send("POST", "/api/campaigns/test/pair", json: #"{"code":"\#(code)"}"#).json["token"] as? String
        let out = try pc.send("DELETE", "/api/campaigns/test/device")
        #expect(out.status == 200)
        #expect(out.headers["Set-Cookie"]?.hasPrefix("gs_test=;") == true && out.headers["Set-Cookie"]?.contains("Max-Age=0") == true)
        #expect(try pc.send("GET", "/api/me?campaign=test").status == 401)
        #expect(try phone.send("GET", "/api/me?campaign=test").status == 200)
        #expect(try phone.send("GET", "/api/campaigns/test/device").json["devices"] as? Int == 1)
    }

    @Test func aSharedComputerGetsASessionCookie() throws {
        let app = try TestApp()
        defer { app.close() }
        let kiosk = app.client()
        let joined = try kiosk.join(json: #"{"shared":true}"#)
        let cookie = try #require(joined.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("gs_test=") && cookie.contains("HttpOnly"))
        #expect(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "a session cookie ends with the browser")
        #expect(joined.json["shared"] as? Bool == true)
        #expect(try kiosk.send("GET", "/api/campaigns/test").json["shared"] as? Bool == true)
        let home = app.client()
        let persistent = try home.join()
        #expect(persistent.headers["Set-Cookie"]?.contains("Max-Age=31536000") == true)
        #expect(try home.send("GET", "/api/campaigns/test").json["shared"] as? Bool == false)
    }

    @Test func aUsedInviteCodePointsToPairingAndRecovery() throws {
        let app = try TestApp(access: .invite)
        defer { app.close() }
        try app.addInvites(["WARD-PC-01"])
        #expect(try app.client().join(json: #"{"code":"WARD-PC-01"}"#).status == 201)
        let again = try app.client().join(json: #"{"code":"ward-pc-01"}"#)
        #expect(again.errorCode == "code_used")
        let message = (again.json["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("pairing code") && message.contains("recovery key"))
    }

    /// Every try at a pairing code or recovery key is a guess: an address gets 30 per ten minutes.
    @Test func guessingCodesIsRateLimitedPerAddress() throws {
        let app = try TestApp(rateLimits: true)
        defer { app.close() }
        for attempt in 0..<30 {
            let path = attempt % 2 == 0 ? "pair" : "recover"
            let field = attempt % 2 == 0 ? "code" : "recoveryKey"
            #expect(try app.client().send("POST", "/api/campaigns/test/\(path)", json: #"{"\#(field)":"GUESS-\#(attempt)"}"#).status == 403)
        }
        let limited = try app.client().send("POST", "/api/campaigns/test/pair", json: #"{"code":"ABCD-EFGH"}"#)
        #expect(limited.status == 429 && limited.errorCode == "rate_limited")
    }

    /// The database holder finds no pairing code or recovery key, only their keyed hashes.
    @Test func codesAndKeysAreStoredOnlyAsKeyedHashes() throws {
        let app = try TestApp()
        defer { app.close() }
        let phone = app.client()
        try phone.join()
        let code = try pairingCode(phone)
        let key = try #require(try phone.send("POST", "/api/campaigns/test/recovery-key").json["recoveryKey"] as? String)
        let rows = try app.app.database.read { c in
            (try c.queryOne("SELECT code_mac FROM pairing_codes") { $0.blob(0) },
             try c.queryOne("SELECT recovery_mac FROM contributors WHERE recovery_mac IS NOT NULL") { $0.blob(0) })
        }
        #expect(rows.0 == app.app.context.key.pairingMAC(code))
        #expect(rows.1 == app.app.context.key.recoveryMAC(key))
        let directory = app.directory
        _ = try app.app.database.write { _ in }
        app.app.database.scrubWriteAheadLog(wait: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !name.hasSuffix(".key") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            for secret in [code, key, Tokens.normalisedCode(code), Tokens.normalisedCode(key)] {
                #expect(bytes.firstRange(of: Array(secret.utf8)) == nil, "\(name) holds a code or key")
            }
        }
    }
}
