// One person minting identities: per-address and per-campaign join ceilings, and proof of work on joining.
import Crypto
import Foundation
import Storage
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct SybilResistanceTests {
    /// A join from the loopback address `source`; the response.
    static func join(_ app: TestApp, from source: String = "127.0.0.1", json: String = "{}") throws -> RawResponse {
        let client = try RawClient(port: app.port, from: source)
        try client.send("POST /api/campaigns/test/join HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n" + json)
        return try client.readResponse()
    }

    static func code(_ response: RawResponse) -> String? {
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        return (json?["error"] as? [String: Any])?["code"] as? String
    }

    @Test func anIdentityBurstFromOneAddressStopsAtItsLimitsForTheWindowAndTheDay() throws {
        let app = try TestApp(rateLimits: true)
        defer { app.close() }
        let perWindow = RateLimiter.Action.join.rules.address.limit
        var made = 0
        for window in 0..<6 {
            var refused: RawResponse?
            for _ in 0...perWindow {
                let response = try Self.join(app)
                if response.status == 201 { made += 1 } else { refused = response; break }
            }
            let response = try #require(refused, "window \(window) never refused")
            #expect(response.status == 429 && Self.code(response) == "rate_limited")
            app.clock.advance(by: RateLimiter.Action.join.rules.address.window)
        }
        #expect(made == RateLimiter.joinsPerAddressPerDay.limit, "a day holds five windows' worth, then no more")
        #expect(try Self.join(app, from: "127.0.0.2").status == 201, "another address is not held back")
        app.clock.advance(by: 86_400)
        #expect(try Self.join(app).status == 201, "the next day it may join again")
    }

    @Test func aCampaignsJoinCeilingHoldsAcrossAddressesButNotForPersonalInvitations() throws {
        let app = try TestApp(rateLimits: true) { $0.joinCeiling = 100 }
        defer { app.close() }
        var made = 0
        var ceiling: RawResponse?
        addresses: for host in 2...10 {
            for _ in 0..<RateLimiter.Action.join.rules.address.limit {
                let response = try Self.join(app, from: "127.0.0.\(host)")
                guard response.status == 201 else {
                    ceiling = response
                    break addresses
                }
                made += 1
            }
        }
        #expect(made == 100)
        #expect(ceiling?.status == 429 && ceiling.map(Self.code) == "join_ceiling")
        #expect(Int(ceiling?.headers["Retry-After"] ?? "") ?? 0 > 0)
        app.clock.advance(by: 3600)
        #expect(try Self.join(app, from: "127.0.0.20").status == 201, "the next hour has room again")
    }

    @Test func personalInvitationsAreNotCountedAgainstTheCeiling() throws {
        let app = try TestApp(rateLimits: true, access: .invite) { $0.joinCeiling = 1 }
        defer { app.close() }
        try app.addInvites(["A-1", "A-2", "A-3"])
        for code in ["A-1", "A-2", "A-3"] { #expect(try Self.join(app, json: #"{"code":"\#(code)"}"#).status == 201) }
        // A wrong code is refused as such and does not use up the ceiling either.
        #expect(Self.code(try Self.join(app, json: #"{"code":"A-9"}"#)) == "invalid_code")
    }

    /// The launch morning of an invite-only campaign: a whole trust joins from behind one NAT
    /// address, each with their own invitation. The invitations bound the identities, so they use
    /// up no share of the address; only codes that fail count, as guesses.
    @Test func aTrustBehindOneAddressJoinsWithItsInvitations() throws {
        let app = try TestApp(rateLimits: true, access: .invite)
        defer { app.close() }
        let codes = (1...120).map { "WARD-\($0)" }
        try app.addInvites(codes)
        let statuses = try codes.map { try Self.join(app, json: #"{"code":"\#($0)"}"#).status }
        #expect(statuses.filter { $0 == 201 }.count == 120, "refused: \(statuses.filter { $0 != 201 }.count)")
        // Wrong codes are guesses: a few hundred per ten minutes, then 429 from that address only.
        let limit = RateLimiter.invitationGuessesPerAddress.limit
        for index in 0..<limit { #expect(Self.code(try Self.join(app, json: #"{"code":"NOPE-\#(index)"}"#)) == "invalid_code") }
        #expect(Self.code(try Self.join(app, json: #"{"code":"NOPE-X"}"#)) == "rate_limited")
        #expect(Self.code(try Self.join(app, from: "127.0.0.2", json: #"{"code":"NOPE-Y"}"#)) == "invalid_code")
    }

    /// A nonce whose SHA-256(challenge:nonce) has `bits` leading zero bits, as the page finds it.
    static func solve(_ challenge: String, bits: Int, weakest: Bool = false) -> String {
        var nonce = 0
        while true {
            let zeros = JoinProof.zeroBits(SHA256.hash(data: Array("\(challenge):\(nonce)".utf8)))
            if weakest ? zeros < bits : zeros >= bits { return String(nonce) }
            nonce += 1
        }
    }

    @Test func aCampaignAskingForProofOfWorkJoinsOnlyWithAFreshValidProof() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        #expect(try admin.send("PATCH", "/admin/campaigns/test", json: #"{"joinProofBits":30}"#).status == 422)
        #expect(try admin.send("PATCH", "/admin/campaigns/test", json: #"{"joinProofBits":10}"#).status == 200)
        let visitor = app.client()
        #expect(try visitor.send("GET", "/api/campaigns/test").json["joinProofBits"] as? Int == 10)

        #expect(try visitor.join().errorCode == "proof_required")
        func challenge() throws -> String {
            let issued = try visitor.send("GET", "/api/campaigns/test/join/challenge")
            #expect(issued.json["bits"] as? Int == 10)
            return try #require(issued.json["challenge"] as? String)
        }
        func proof(_ challenge: String, _ nonce: String) -> String {
            #"{"proof":{"challenge":"\#(challenge)","nonce":"\#(nonce)"}}"#
        }
        let first = try challenge()
        #expect(try visitor.join(json: proof(first, Self.solve(first, bits: 10, weakest: true))).errorCode == "proof_invalid")
        var forged = Array(first)
        forged[5] = forged[5] == "A" ? "B" : "A"
        #expect(try visitor.join(json: proof(String(forged), "1")).errorCode == "proof_invalid")
        let good = Self.solve(first, bits: 10)
        let joined = try visitor.join(json: proof(first, good))
        #expect(joined.status == 201)
        // The same proof makes no second identity.
        #expect(try app.client().join(json: proof(first, good)).errorCode == "proof_invalid")
        // A challenge is good for ten minutes.
        let late = try challenge()
        app.clock.advance(by: JoinProof.lifetime)
        #expect(try app.client().join(json: proof(late, Self.solve(late, bits: 10))).errorCode == "proof_invalid")
        let fresh = try challenge()
        #expect(try app.client().join(json: proof(fresh, Self.solve(fresh, bits: 10))).status == 201)
    }

    /// Spent proofs are remembered in memory only, so a restart must not make one good again:
    /// the process after it (the same server key, nothing remembered) refuses every challenge
    /// of the process before, and its own work as before.
    @Test func aProofSpentBeforeARestartIsNotGoodAfterIt() throws {
        let key = try #require(ServerKey(bytes: Array(UInt8(0)..<32)))
        let before = JoinProof(key: key)
        let (challenge, _) = before.challenge(campaignID: 1, now: 1_000)
        let nonce = Self.solve(challenge, bits: 8)
        #expect(before.verify(challenge: challenge, nonce: nonce, campaignID: 1, bits: 8, now: 1_001) == .valid)
        #expect(before.verify(challenge: challenge, nonce: nonce, campaignID: 1, bits: 8, now: 1_002) == .spent)
        let after = JoinProof(key: key)
        #expect(after.verify(challenge: challenge, nonce: nonce, campaignID: 1, bits: 8, now: 1_003) == .forged)
        let (fresh, _) = after.challenge(campaignID: 1, now: 1_003)
        #expect(after.verify(challenge: fresh, nonce: Self.solve(fresh, bits: 8), campaignID: 1, bits: 8, now: 1_004) == .valid)
    }

    @Test func aChallengeOfAnotherCampaignIsRefused() throws {
        let app = try TestApp()
        defer { app.close() }
        let now = app.clock.now
        _ = try app.app.database.write { connection -> Int64 in
            let other = try CampaignStore(connection).create(
                NewCampaign(slug: "other", title: "Other", summary: "", description: "", state: .live, access: .open,
                            pseudonymSecret: [3]), now: now)
            try connection.run("UPDATE campaigns SET join_proof_bits = 4")
            return other
        }
        let issued = try app.client().send("GET", "/api/campaigns/other/join/challenge").json["challenge"] as? String ?? ""
        let nonce = Self.solve(issued, bits: 4)
        #expect(try app.client().join(json: #"{"proof":{"challenge":"\#(issued)","nonce":"\#(nonce)"}}"#).errorCode == "proof_invalid")
    }
}
