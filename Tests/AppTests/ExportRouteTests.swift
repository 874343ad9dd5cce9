// The export routes over a real server: who may export, streaming headers, gzip, the audit entry, no identities.
import Foundation
import Storage
import Testing
import TestSupport
@testable import App

@Suite("Export routes") struct ExportRouteTests {
    /// Adds a staff account with a personal token and returns the token.
    private func staff(_ app: TestApp, _ name: String, _ role: StaffRole, campaigns: [Int64] = []) throws -> String {
        let token = "staff-token-\(name)"
        let now = app.clock.now
        try app.app.database.write { connection in
            let id = try StaffStore(connection).create(
                NewStaff(name: name, role: role, passwordHash: [1], salt: [2], iterations: 1, campaignIDs: campaigns), now: now)
            _ = try StaffCredentialStore(connection).addToken(staffID: id, tokenHash: Tokens.hash(token), label: "", now: now)
        }
        return token
    }

    /// A keep-alive GET (no `Connection: close`: the server then ends a stream before its first
    /// chunk, a known HTTP-layer bug reported to its owner).
    private func get(_ app: TestApp, _ path: String, token: String?, gzip: Bool = false) throws -> APIResponse {
        let client = try RawClient(port: app.port)
        var head = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(app.port)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if gzip { head += "Accept-Encoding: gzip\r\n" }
        try client.send(head + "\r\n")
        let response = try client.readResponse()
        return APIResponse(status: response.status, headers: response.headers, body: response.body)
    }

    @Test func onlyExportingRolesOfTheCampaignMayExport() throws {
        let app = try TestApp()
        defer { app.close() }
        let analyst = try staff(app, "ana", .analyst)
        let now = app.clock.now
        let other = try app.app.database.write { connection in
            try CampaignStore(connection).create(
                NewCampaign(slug: "other", title: "Other", summary: "", description: "", state: .live, access: .open,
                            pseudonymSecret: [9]), now: now)
        }
        let elsewhere = try staff(app, "fay", .facilitator, campaigns: [other])
        let organiser = try staff(app, "org", .organiser)
        let path = "/admin/campaigns/test/export/votes.csv"
        #expect(try get(app, path, token: nil).status == 401)
        #expect(try get(app, path, token: "not-a-token").status == 401)
        #expect(try get(app, path, token: analyst).errorCode == "role_not_permitted")
        #expect(try get(app, path, token: elsewhere).status == 403)
        #expect(try get(app, path, token: organiser).status == 200)
        #expect(try get(app, "/admin/campaigns/test/export/secrets.csv", token: organiser).status == 404)
        #expect(try get(app, "/admin/campaigns/test/export/votes.txt", token: organiser).status == 404)
        #expect(try get(app, "/admin/campaigns/nope/export/votes.csv", token: organiser).status == 404)
    }

    @Test func theAuditLogExportNeedsTheAuditPermissionAsTheAuditLogDoes() throws {
        let app = try TestApp()
        defer { app.close() }
        let facilitator = try staff(app, "fay", .facilitator)
        let organiser = try staff(app, "org", .organiser)
        let admin = try staff(app, "root", .admin)
        #expect(try get(app, "/admin/audit", token: facilitator).status == 403)
        let refused = try get(app, "/admin/campaigns/test/export/audit.csv", token: facilitator)
        #expect(refused.status == 403 && refused.errorCode == "role_not_permitted")
        #expect(!refused.text.contains("export"), "not one audit row")
        #expect(try get(app, "/admin/campaigns/test/export/votes.csv", token: facilitator).status == 200)
        #expect(try get(app, "/admin/campaigns/test/export/audit.csv", token: organiser).status == 200)
        #expect(try get(app, "/admin/campaigns/test/export/audit.csv", token: admin).status == 200)
        let json = try get(app, "/admin/campaigns/test/export.json", token: facilitator)
        #expect(json.status == 200 && !json.text.contains("\"audit\""), "the open-data document has no audit log")
    }

    @Test func csvIsStreamedChunkedAndGzippedWhenAccepted() throws {
        let app = try TestApp()
        defer { app.close() }
        let token = try staff(app, "org", .organiser)
        let plain = try get(app, "/admin/campaigns/test/export/contributions.csv", token: token)
        #expect(plain.status == 200)
        #expect(plain.headers["Content-Type"] == "text/csv; charset=utf-8")
        #expect(plain.headers["Transfer-Encoding"] == "chunked")
        #expect(plain.headers["Content-Disposition"] == "attachment; filename=\"test-contributions.csv\"")
        #expect(Array(plain.body.prefix(3)) == CSVEncoder.byteOrderMark)
        let zipped = try get(app, "/admin/campaigns/test/export/contributions.csv", token: token, gzip: true)
        #expect(zipped.headers["Content-Encoding"] == "gzip")
        #expect(Array(zipped.body.prefix(2)) == [0x1F, 0x8B])
    }

    @Test func everyExportIsInTheAuditLog() throws {
        let app = try TestApp()
        defer { app.close() }
        let token = try staff(app, "org", .organiser)
        _ = try get(app, "/admin/campaigns/test/export/participants.csv", token: token)
        _ = try get(app, "/admin/campaigns/test/export.json", token: token)
        let campaignID = app.campaignID
        let entries = try app.app.database.read { try AuditStore($0).list(campaignID: campaignID, beforeID: nil, limit: 10) }
        #expect(entries.map(\.target) == ["export.json", "participants.csv"])
        #expect(entries.allSatisfy { $0.actor == "org" && $0.action == "export" })
    }

    @Test func exportsCarryNoTokensHashesOrInternalIdentities() throws {
        let app = try TestApp()
        defer { app.close() }
        let token = try staff(app, "org", .organiser)
        let contributor = app.client()
        try contributor.join(json: "{\"profile\":{\"age\":\"Under 40\"}}")
        let contributorToken = try #require(contributor.token)
        let idea = try contributor.post(question: app.understandQuestion, title: "Mine", body: "My idea")
        try contributor.send("PUT", "/api/contributions/\(idea)/vote", json: "{\"value\":1}")
        let hashHex = Tokens.hash(contributorToken).map { String(format: "%02x", $0) }.joined()
        var bodies = try ExportTable.everyUnlinked.map { table in
            try get(app, "/admin/campaigns/test/export/\(table.rawValue).csv", token: token)
        }
        bodies.append(try get(app, "/admin/campaigns/test/export.json", token: token))
        for response in bodies {
            #expect(response.status == 200)
            #expect(!response.text.contains(contributorToken))
            #expect(!response.text.contains(hashHex))
            #expect(!response.text.contains("127.0.0.1"))
            #expect(!response.text.contains(token))
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bodies.last!.body)) as? [String: Any])
        let votes = try #require(json["votes"] as? [[String: Any]])
        #expect(votes.count == 1)
        // Open data names no contributor at all, not even by pseudonym.
        #expect(Set(votes.first?.keys.map { $0 } ?? []) == ["contribution", "value", "voted_on"])
        for table in ["contributions", "comments", "participants"] {
            for row in json[table] as? [[String: Any]] ?? [] {
                #expect(!row.keys.contains { $0.contains("contributor") || $0 == "participant" || $0 == "author" })
            }
        }
        // The linked export is for admins only.
        #expect(try get(app, "/admin/campaigns/test/export/linked.csv", token: token).status == 403)
    }

    /// A contribution held for review (reports weighed the threshold) may name a colleague: a
    /// moderator has not decided yet. Staff see it marked held; open data leaves it out.
    @Test func aHeldContributionIsMarkedInTheCSVAndLeftOutOfOpenData() throws {
        let app = try TestApp()
        defer { app.close() }
        let token = try staff(app, "org", .organiser)
        let author = app.client()
        try author.join()
        let held = try author.post(question: app.understandQuestion, body: "Sister Jones on ward 7 is the problem")
        let kept = try author.post(question: app.understandQuestion, body: "The ward phone is never answered")
        let now = app.clock.now
        _ = try app.app.database.write { connection in try FlagStore(connection).hold(contributionID: held, now: now) }
        let csv = try get(app, "/admin/campaigns/test/export/contributions.csv", token: token)
        let rows = try PythonCSV.rows(csv.body)
        let header = try #require(rows.first)
        let heldColumn = try #require(header.firstIndex(of: "held"))
        let byID = Dictionary(rows.dropFirst().map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byID[String(held)]?[heldColumn] == "true")
        #expect(byID[String(kept)]?[heldColumn] == "false")
        let json = try get(app, "/admin/campaigns/test/export.json", token: token)
        #expect(!json.text.contains("Sister Jones"))
        #expect(json.text.contains("The ward phone is never answered"))
    }
}
