// Codebook, blind coding by two teams, the agreement report, reconciliation and publishing, over real HTTP.
import Foundation
import Testing
import TestSupport
@testable import App

/// A campaign with two coding teams (A: analyst "ana", B: analyst "ben"), a facilitator, themes
/// X and Y, and four Understand contributions, coded as in the comment on `agreementNumbers`.
private struct CodingScene {
    let server: TestApp
    let facilitator: APIClient
    let ana: APIClient
    let ben: APIClient
    let x: Int64
    let y: Int64
    let items: [Int64]

    init() throws {
        let server = try TestApp()
        let facilitator = try server.staff("fay", role: "facilitator")
        self.server = server
        self.facilitator = facilitator
        ana = try server.staff("ana", role: "analyst")
        ben = try server.staff("ben", role: "analyst")
        let contributor = try server.contributor()
        let question = server.understandQuestion
        items = try (1...4).map { try contributor.post(question: question, body: "Hard thing number \($0)") }
        x = try Self.theme(facilitator, "Time", kind: "barrier")
        y = try Self.theme(facilitator, "Neighbours", kind: "building_block")
        let anaID = try server.staffID("ana"), benID = try server.staffID("ben")
        try expectStatus(facilitator.send("PUT", "/admin/campaigns/test/coding/teams", json: #"{"name":"A","members":[\#(anaID)]}"#), 200)
        try expectStatus(facilitator.send("PUT", "/admin/campaigns/test/coding/teams", json: #"{"name":"B","members":[\#(benID)]}"#), 200)
        try expectStatus(facilitator.send("PUT", "/admin/campaigns/test/coding/settings", json: #"{"teamsPerItem":2}"#), 200)
    }

    static func theme(_ client: APIClient, _ name: String, kind: String) throws -> Int64 {
        let response = try client.send("POST", "/admin/campaigns/test/themes", json: #"{"name":"\#(name)","kind":"\#(kind)"}"#)
        guard response.status == 201, let id = response.json["id"] as? Int else { throw TestFailure("theme: \(response.text)") }
        return Int64(id)
    }

    @discardableResult
    func code(_ client: APIClient, _ item: Int64, _ themes: [Int64], notRelevant: Bool = false) throws -> APIResponse {
        let list = themes.map(String.init).joined(separator: ",")
        return try client.send("PUT", "/admin/contributions/\(item)/codes",
                               json: #"{"themes":[\#(list)],"notRelevant":\#(notRelevant),"memo":"m"}"#)
    }

    /// Codes the four items as in the hand-worked example.
    func codeAll() throws {
        try expectStatus(code(ana, items[0], [x]), 200)
        try expectStatus(code(ben, items[0], [x]), 200)
        try expectStatus(code(ana, items[1], [x, y]), 200)
        try expectStatus(code(ben, items[1], [x]), 200)
        try expectStatus(code(ana, items[2], [y]), 200)
        try expectStatus(code(ben, items[2], [y]), 200)
        try expectStatus(code(ana, items[3], [], notRelevant: true), 200)
        try expectStatus(code(ben, items[3], [y]), 200)
    }
}

func expectStatus(_ response: APIResponse, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    if response.status != status { throw TestFailure("expected \(status), got \(response.status): \(response.text)") }
}

@Suite struct AnalysisCodingTests {
    @Test func codingIsBlindUntilReconciled() throws {
        let scene = try CodingScene()
        defer { scene.server.close() }
        let item = scene.items[0]
        try expectStatus(scene.code(scene.ana, item, [scene.x]), 200)
        // Ben (team B) cannot see team A's code.
        let before = try scene.ben.send("GET", "/admin/contributions/\(item)/codes")
        try expectStatus(before, 200)
        #expect(before.list("codes").isEmpty)
        #expect(before.json["reconciled"] is NSNull)
        try expectStatus(scene.code(scene.ben, item, [scene.y]), 200)
        let own = try scene.ben.send("GET", "/admin/contributions/\(item)/codes").list("codes")
        #expect(own.count == 1)
        #expect(own.first?["mine"] as? Bool == true)
        #expect(ids(own.first?["themes"]) == [scene.y])
        // Analysts cannot read the agreement report (it lists every team's codes).
        #expect(try scene.ben.send("GET", "/admin/campaigns/test/agreement").status == 403)
        // The facilitator sees both.
        #expect(try scene.facilitator.send("GET", "/admin/contributions/\(item)/codes").list("codes").count == 2)
        // Reconciled: codes are closed and every analyst sees them.
        try expectStatus(scene.facilitator.send("POST", "/admin/contributions/\(item)/reconcile",
                                                json: #"{"themes":[\#(scene.x)],"reason":"Y was a stretch"}"#), 200)
        let after = try scene.ben.send("GET", "/admin/contributions/\(item)/codes")
        #expect(after.list("codes").count == 2)
        #expect(ids((after.json["reconciled"] as? [String: Any])?["themes"]) == [scene.x])
        let late = try scene.code(scene.ana, item, [scene.y])
        #expect(late.status == 409 && late.errorCode == "reconciled")
    }

    @Test func rolesAndCampaignsAreChecked() throws {
        let scene = try CodingScene()
        defer { scene.server.close() }
        #expect(try scene.server.client().send("GET", "/admin/campaigns/test/coding/queue").status == 401)
        // Analysts add themes as they come up while coding (issue 20); keeping the codebook (edit, archive) is the facilitators'.
        let analystTheme = try scene.ana.send("POST", "/admin/campaigns/test/themes", json: #"{"name":"Mine"}"#)
        #expect(analystTheme.status == 201)
        let mine = try #require(analystTheme.json["id"] as? Int)
        #expect(try scene.ana.send("PATCH", "/admin/themes/\(mine)", json: #"{"archived":true}"#).status == 403)
        #expect(try scene.ana.send("PATCH", "/admin/themes/\(scene.x)", json: #"{"name":"Renamed"}"#).status == 403)
        let elsewhere = try scene.server.staff("other", role: "analyst", assigned: false)
        #expect(try elsewhere.send("POST", "/admin/campaigns/test/themes", json: #"{"name":"Not mine to add"}"#).status == 403)
        #expect(try elsewhere.send("GET", "/admin/campaigns/test/coding/queue").status == 403)
        let organiser = try scene.server.staff("org", role: "organiser")
        #expect(try organiser.send("GET", "/admin/campaigns/test/coding/queue").status == 403)
        let admin = try scene.server.addStaff("root", .admin)
        #expect(try scene.server.staffClient(admin).send("GET", "/admin/campaigns/test/coding/queue").status == 200)
        let badTheme = try scene.code(scene.ana, scene.items[0], [999])
        #expect(badTheme.status == 422 && badTheme.errorField == "themes")
        let contradictory = try scene.code(scene.ana, scene.items[0], [scene.x], notRelevant: true)
        #expect(contradictory.status == 422)
    }

    /// Statistics count contributions per theme from the findings (agreed or reconciled), as findings.csv does; the
    /// console's per-theme chart read a field the API never sent.
    @Test func statisticsCountContributionsPerThemeFromTheFindings() throws {
        let scene = try CodingScene()
        defer { scene.server.close() }
        for (coder, themes) in [(scene.ana, [scene.x]), (scene.ben, [scene.x])] {
            try expectStatus(scene.code(coder, scene.items[0], themes), 200)  // agreed: Time
        }
        try expectStatus(scene.code(scene.ana, scene.items[1], [scene.y]), 200)  // disputed: no finding yet
        try expectStatus(scene.code(scene.ben, scene.items[1], [scene.x]), 200)
        try expectStatus(scene.code(scene.ana, scene.items[2], [scene.x, scene.y]), 200)  // awaiting team B
        func perTheme() throws -> [String: Int] {
            let stats = try scene.facilitator.send("GET", "/admin/campaigns/test/stats")
            try expectStatus(stats, 200)
            return Dictionary(uniqueKeysWithValues: stats.list("perTheme").compactMap { row in
                (row["name"] as? String).map { ($0, row["contributions"] as? Int ?? -1) }
            })
        }
        #expect(try perTheme() == ["Time": 1, "Neighbours": 0])
        try expectStatus(scene.facilitator.send("POST", "/admin/contributions/\(scene.items[1])/reconcile",
                                                json: #"{"themes":[\#(scene.x),\#(scene.y)],"notRelevant":false,"reason":"Both"}"#), 200)
        #expect(try perTheme() == ["Time": 2, "Neighbours": 1])
    }

    /// The second team is handed what the first has coded before anything new, so every item it codes completes a pair.
    @Test func queueServesItemsTheOtherTeamCodedFirst() throws {
        let scene = try CodingScene()
        defer { scene.server.close() }
        try expectStatus(scene.code(scene.ana, scene.items[2], [scene.x]), 200)
        let ben = try scene.ben.send("GET", "/admin/campaigns/test/coding/queue")
        #expect(ben.json["coder"] as? String != nil)
        #expect(ben.list("items").compactMap { ($0["id"] as? Int).map(Int64.init) }
                == [scene.items[2], scene.items[0], scene.items[1], scene.items[3]])
        let ana = try scene.ana.send("GET", "/admin/campaigns/test/coding/queue")
        #expect(ana.list("items").compactMap { ($0["id"] as? Int).map(Int64.init) }
                == [scene.items[0], scene.items[1], scene.items[3]])
        #expect(ana.json["remaining"] as? Int == 3)
    }

    /// Two teams, four items, themes X and Y (hand-worked, as in AgreementReportTests):
    /// item 1: A {X} B {X}; item 2: A {X,Y} B {X}; item 3: A {Y} B {Y}; item 4: A not relevant, B {Y}.
    /// X: P P A A vs P P A A → percent 1, kappa 1, alpha 1.
    /// Y: A P P A vs A A P P → percent 0.5, kappa (0.5 − 0.5)/(1 − 0.5) = 0,
    ///    alpha = 1 − (n − 1)·Σo(c≠k) / Σn_c·n_k = 1 − 7·4/(2·4·4) = 0.125.
    /// Exact sets: {X} {X,Y} {Y} {} vs {X} {X} {Y} {Y} → percent 0.5; pe = .25·.5 + .25·.5 = .25,
    ///    kappa = (.5 − .25)/.75 = 1/3; alpha = 1 − 7·4/(64 − (9 + 1 + 9 + 1)) = 16/44.
    @Test func agreementNumbers() throws {
        let scene = try CodingScene()
        defer { scene.server.close() }
        try scene.codeAll()
        let report = try scene.facilitator.send("GET", "/admin/campaigns/test/agreement")
        try expectStatus(report, 200)
        let overall = report.object("overall")
        #expect(overall["items"] as? Int == 4)
        #expect(abs((number(overall["percent"]) ?? -1) - 0.5) < 1e-9)
        #expect(abs((number(overall["kappa"]) ?? -1) - 1.0 / 3.0) < 1e-9)
        #expect(abs((number(overall["alpha"]) ?? -1) - 16.0 / 44.0) < 1e-9)
        let themes = report.list("themes")
        let x = try #require(themes.first { ($0["id"] as? Int).map(Int64.init) == scene.x }?["figures"] as? [String: Any])
        let y = try #require(themes.first { ($0["id"] as? Int).map(Int64.init) == scene.y }?["figures"] as? [String: Any])
        #expect(number(x["percent"]) == 1 && number(x["kappa"]) == 1 && number(x["alpha"]) == 1)
        #expect(abs((number(y["percent"]) ?? -1) - 0.5) < 1e-9)
        #expect(abs(number(y["kappa"]) ?? -1) < 1e-9)
        #expect(abs((number(y["alpha"]) ?? -1) - 0.125) < 1e-9)
        let disagreements = report.list("disagreements").compactMap { ($0["contributionId"] as? Int).map(Int64.init) }
        #expect(disagreements == [scene.items[1], scene.items[3]])
        #expect(report.object("status")["agreed"] as? Int == 2)
        #expect(report.object("status")["disputed"] as? Int == 2)
    }

    @Test func reconciliationMakesFindingsAndPublishesTheFramework() throws {
        let scene = try CodingScene()
        defer { scene.server.close() }
        let unused = try CodingScene.theme(scene.facilitator, "Unused", kind: "barrier")
        try scene.codeAll()
        try expectStatus(scene.facilitator.send("POST", "/admin/contributions/\(scene.items[1])/reconcile",
                                                json: #"{"themes":[\#(scene.x),\#(scene.y)]}"#), 200)
        try expectStatus(scene.facilitator.send("POST", "/admin/contributions/\(scene.items[3])/reconcile",
                                                json: #"{"notRelevant":true}"#), 200)
        let audited = try scene.server.app.database.read { connection in
            try connection.query("SELECT action, target FROM audit_log WHERE action = 'reconcile' ORDER BY id") { row in
                row.text(1)
            }
        }
        #expect(audited == ["contribution:\(scene.items[1])", "contribution:\(scene.items[3])"])
        let report = try scene.facilitator.send("GET", "/admin/campaigns/test/agreement")
        #expect(report.list("disagreements").isEmpty)
        #expect(report.object("status")["reconciled"] as? Int == 2)
        let findings = try scene.facilitator.send("GET", "/admin/campaigns/test/findings")
        #expect(findings.json["items"] as? Int == 4)
        #expect(findings.json["notRelevant"] as? Int == 1)
        let counts = Dictionary(uniqueKeysWithValues: findings.list("themes").map {
            (Int64($0["id"] as? Int ?? 0), $0["count"] as? Int ?? -1)
        })
        #expect(counts == [scene.x: 2, scene.y: 2, unused: 0])
        let examples = findings.list("themes").first { Int64($0["id"] as? Int ?? 0) == scene.x }?["examples"] as? [[String: Any]]
        #expect(examples?.first?["body"] as? String == "Hard thing number 1")

        // Before publishing, contributors see no themes; after, exactly the themes of the findings.
        let contributor = try scene.server.contributor()
        #expect((try contributor.send("GET", "/api/campaigns/test").json["themes"] as? [Any])?.isEmpty == true)
        let published = try scene.facilitator.send("POST", "/admin/campaigns/test/publish-themes")
        try expectStatus(published, 200)
        let visible = try contributor.send("GET", "/api/campaigns/test").list("themes")
        #expect(Set(visible.compactMap { ($0["id"] as? Int).map(Int64.init) }) == [scene.x, scene.y])
    }

    @Test func themeEditsBumpTheVersionCodesWereGivenUnder() throws {
        let scene = try CodingScene()
        defer { scene.server.close() }
        try expectStatus(scene.code(scene.ana, scene.items[0], [scene.x]), 200)
        let edited = try scene.facilitator.send("PATCH", "/admin/themes/\(scene.x)", json: #"{"name":"Lack of time"}"#)
        try expectStatus(edited, 200)
        #expect(edited.json["version"] as? Int == 2)
        let archiveOnly = try scene.facilitator.send("PATCH", "/admin/themes/\(scene.y)", json: #"{"archived":true}"#)
        #expect(archiveOnly.json["version"] as? Int == 1 && archiveOnly.json["archived"] as? Bool == true)
        try expectStatus(scene.code(scene.ben, scene.items[0], [scene.x]), 200)
        let codes = try scene.facilitator.send("GET", "/admin/contributions/\(scene.items[0])/codes").list("codes")
        let versions = codes.compactMap { ($0["themeVersions"] as? [String: Any])?[String(scene.x)] as? Int }.sorted()
        #expect(versions == [1, 2])
        // An archived theme can no longer be chosen.
        #expect(try scene.code(scene.ana, scene.items[1], [scene.y]).status == 422)
    }
}
