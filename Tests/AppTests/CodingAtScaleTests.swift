// Coding as a real team does it, over real HTTP: staff ids to form teams, claims so teammates never share an item,
// codes and settlements in bulk, and Answer's ideas coded in a round of their own.
import Foundation
import Testing
import TestSupport
@testable import App
import Campaigns
import Synchronization

/// Two teams of two (A: ana, al; B: ben, bo), a facilitator, themes X and Y, `count` Understand items.
private struct TeamScene {
    let server: TestApp
    let fay: APIClient
    let ana: APIClient, al: APIClient, ben: APIClient, bo: APIClient
    let teams: [Int64]
    let x: Int64, y: Int64
    let items: [Int64]

    init(count: Int = 12) throws {
        server = try TestApp()
        fay = try server.staff("fay", role: "facilitator")
        ana = try server.staff("ana", role: "analyst")
        al = try server.staff("al", role: "analyst")
        ben = try server.staff("ben", role: "analyst")
        bo = try server.staff("bo", role: "analyst")
        let contributor = try server.contributor()
        let question = server.understandQuestion
        items = try (1...count).map { try contributor.post(question: question, body: "Understand item \($0)") }
        x = try Self.theme(fay, "Time", "barrier")
        y = try Self.theme(fay, "Neighbours", "building_block")
        // Team members are named by staff id, which the staff list gives.
        let root = server.staffClient(try server.addStaff("root", .admin))
        let staff = try root.send("GET", "/admin/staff").list("items")
        func id(_ name: String) -> Int { staff.first { $0["name"] as? String == name }?["id"] as? Int ?? -1 }
        var teams: [Int64] = []
        for (name, members) in [("A", ["ana", "al"]), ("B", ["ben", "bo"])] {
            let team = try fay.send("PUT", "/admin/campaigns/test/coding/teams",
                                    json: #"{"name":"\#(name)","members":[\#(members.map { String(id($0)) }.joined(separator: ","))]}"#)
            try expectStatus(team, 200)
            #expect((team.json["members"] as? [Int])?.count == 2)
            teams.append(Int64(team.json["id"] as? Int ?? -1))
        }
        self.teams = teams
        try expectStatus(fay.send("PUT", "/admin/campaigns/test/coding/settings", json: #"{"teamsPerItem":2}"#), 200)
    }

    static func theme(_ client: APIClient, _ name: String, _ kind: String) throws -> Int64 {
        let response = try client.send("POST", "/admin/campaigns/test/themes", json: #"{"name":"\#(name)","kind":"\#(kind)"}"#)
        guard response.status == 201, let id = response.json["id"] as? Int else { throw TestFailure("theme: \(response.text)") }
        return Int64(id)
    }

    func queue(_ client: APIClient, round: String = "understand", limit: Int = 50) throws -> [Int64] {
        let response = try client.send("GET", "/admin/campaigns/test/coding/queue?round=\(round)&limit=\(limit)")
        try expectStatus(response, 200)
        return response.ids("items", "id")
    }

    /// `{"items":[…]}` of codes for a bulk save.
    static func bulk(_ codes: [(Int64, [Int64], Bool)]) -> String {
        let items = codes.map { id, themes, notRelevant in
            #"{"contributionId":\#(id),"themes":[\#(themes.map(String.init).joined(separator: ","))],"notRelevant":\#(notRelevant)}"#
        }
        return #"{"items":[\#(items.joined(separator: ","))]}"#
    }
}

@Suite struct CodingAtScaleTests {
    @Test func staffIdsAreInTheStaffListMeAndACreatedAccount() throws {
        let server = try TestApp()
        defer { server.close() }
        let root = server.staffClient(try server.addStaff("root", .admin))
        let created = try root.send("POST", "/admin/staff", json: #"{"name":"newcomer","role":"analyst"}"#)
        try expectStatus(created, 201)
        let id = try #require(created.json["id"] as? Int)
        #expect(Int64(id) == (try server.staffID("newcomer")))
        let listed = try root.send("GET", "/admin/staff").list("items").first { $0["name"] as? String == "newcomer" }
        #expect(listed?["id"] as? Int == id)
        let me = try root.send("GET", "/admin/me")
        #expect(me.json["id"] as? Int == Int(try server.staffID("root")))
    }

    /// Two analysts of one team asking for work at the same moment are never handed the same item,
    /// and together they are handed every item once.
    @Test func teammatesAskingAtOnceNeverGetTheSameItem() throws {
        let scene = try TeamScene(count: 40)
        defer { scene.server.close() }
        for _ in 0..<5 {
            let pages = try concurrentPages([scene.ana, scene.al], scene: scene, limit: 15)
            #expect(Set(pages[0]).isDisjoint(with: pages[1]), "ana \(pages[0]) al \(pages[1])")
            #expect(pages[0].count == 15 && pages[1].count == 15)
            for client in [scene.ana, scene.al] {
                try expectStatus(client.send("DELETE", "/admin/campaigns/test/coding/claims"), 200)
            }
        }
        // The other team is not held up by A's claims.
        #expect(try scene.queue(scene.ben, limit: 50).count == 40)
        // A's two pages together, then asking again, hand out the rest of the 40 to whoever asks.
        let ana = try scene.queue(scene.ana, limit: 15), al = try scene.queue(scene.al, limit: 15)
        #expect(try scene.queue(scene.ana, limit: 15) == ana, "asking again renews the same page")
        #expect(try scene.queue(scene.bo, limit: 50).isEmpty, "ben holds every item of B's queue")
        try expectStatus(scene.al.send("DELETE", "/admin/campaigns/test/coding/claims"), 200)
        let after = try scene.queue(scene.ana, limit: 50)
        #expect(Set(after).isSuperset(of: ana) && Set(after).isSuperset(of: al) && after.count == 40)
    }

    /// Every page by two threads at once; the queue's claims are what keeps them apart.
    private func concurrentPages(_ clients: [APIClient], scene: TeamScene, limit: Int) throws -> [[Int64]] {
        let results = Mutex<[Int: [Int64]]>([:])
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for (index, client) in clients.enumerated() {
            let port = client.port, token = client.token
            group.enter()
            DispatchQueue.global().async {
                let own = APIClient(port: port)
                own.token = token
                start.wait()
                let page = (try? own.send("GET", "/admin/campaigns/test/coding/queue?limit=\(limit)").ids("items", "id")) ?? []
                results.withLock { $0[index] = page }
                group.leave()
            }
        }
        for _ in clients { start.signal() }
        group.wait()
        return results.withLock { map in clients.indices.map { map[$0] ?? [] } }
    }

    @Test func aTeammatesClaimAndCodeAreNotOverwrittenSilently() throws {
        let scene = try TeamScene(count: 3)
        defer { scene.server.close() }
        let page = try scene.queue(scene.ana, limit: 1)
        let item = try #require(page.first)
        let save = #"{"themes":[\#(scene.x)],"notRelevant":false,"memo":""}"#
        let claimed = try scene.al.send("PUT", "/admin/contributions/\(item)/codes", json: save)
        #expect(claimed.status == 409 && claimed.errorCode == "claimed_by_teammate", "\(claimed.text)")
        try expectStatus(scene.ana.send("PUT", "/admin/contributions/\(item)/codes", json: save), 200)
        let again = try scene.al.send("PUT", "/admin/contributions/\(item)/codes", json: #"{"themes":[\#(scene.y)],"notRelevant":false}"#)
        #expect(again.status == 409 && again.errorCode == "coded_by_teammate")
        try expectStatus(scene.al.send("PUT", "/admin/contributions/\(item)/codes",
                                       json: #"{"themes":[\#(scene.y)],"notRelevant":false,"revise":true}"#), 200)
        // A lapsed claim is no longer a teammate's.
        let next = try #require(try scene.queue(scene.ana, limit: 1).first)
        scene.server.clock.advance(by: CodingClaims.lease + 1)
        try expectStatus(scene.al.send("PUT", "/admin/contributions/\(next)/codes", json: save), 200)
    }

    @Test func aPageOfCodesIsSavedInOneRequest() throws {
        let scene = try TeamScene(count: 12)
        defer { scene.server.close() }
        let page = try scene.queue(scene.ana, limit: 10)
        #expect(page.count == 10)
        let other = try scene.queue(scene.al, limit: 2)
        let codes = page.map { ($0, [scene.x], false) } + [(other[0], [scene.y], false)]
        let saved = try scene.ana.send("POST", "/admin/campaigns/test/coding/codes", json: TeamScene.bulk(codes))
        try expectStatus(saved, 200)
        #expect(saved.json["done"] as? Int == 10)
        let skipped = saved.list("skipped")
        #expect(skipped.count == 1 && skipped.first?["id"] as? Int == Int(other[0])
                && skipped.first?["code"] as? String == "claimed_by_teammate")
        #expect(try scene.queue(scene.ana, limit: 50) == [], "ana's team has the other two claimed by al")
        // A malformed item saves nothing at all.
        let bad = try scene.al.send("POST", "/admin/campaigns/test/coding/codes",
                                    json: #"{"items":[{"contributionId":\#(other[0]),"themes":[\#(scene.x)]},{"contributionId":\#(other[1]),"themes":[999999]}]}"#)
        #expect(bad.status == 422 && bad.errorField == "items[1].themes", "\(bad.text)")
        #expect(try scene.fay.send("GET", "/admin/contributions/\(other[0])/codes").list("codes").isEmpty)
        let fine = try scene.al.send("POST", "/admin/campaigns/test/coding/codes",
                                     json: TeamScene.bulk([(other[0], [scene.x], false), (other[1], [], true)]))
        #expect(fine.json["done"] as? Int == 2)
        let status = try scene.fay.send("GET", "/admin/campaigns/test/agreement").object("status")
        #expect(status["awaiting"] as? Int == 12)
    }

    @Test func disputesAreSettledInBulkByTakingATeamsCodesOrGivingEach() throws {
        let scene = try TeamScene(count: 6)
        defer { scene.server.close() }
        // A says X on all six; B says Y on the first four and X on the last two: four disputes.
        try expectStatus(scene.ana.send("POST", "/admin/campaigns/test/coding/codes",
                                        json: TeamScene.bulk(scene.items.map { ($0, [scene.x], false) })), 200)
        try expectStatus(scene.ben.send("POST", "/admin/campaigns/test/coding/codes",
                                        json: TeamScene.bulk(scene.items.enumerated().map { ($1, [$0 < 4 ? scene.y : scene.x], false) })), 200)
        let page = try scene.fay.send("GET", "/admin/campaigns/test/coding/disputes?limit=3")
        try expectStatus(page, 200)
        #expect(page.json["total"] as? Int == 4)
        #expect(page.ids("items", "contributionId") == Array(scene.items[0..<3]))
        let first = try #require(page.list("items").first)
        #expect(first["question"] as? String == "What gets in the way?" || !(first["question"] as? String ?? "").isEmpty)
        #expect((first["codes"] as? [[String: Any]])?.compactMap { $0["team"] as? String }.sorted() == ["A", "B"])
        let next = try #require(page.json["next"] as? Int)
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/coding/disputes?after=\(next)").ids("items", "contributionId") == [scene.items[3]])

        let take = try scene.fay.send("POST", "/admin/campaigns/test/reconcile",
                                      json: #"{"take":\#(scene.teams[1]),"ids":[\#(scene.items[0]),\#(scene.items[1])],"reason":"B read it right"}"#)
        try expectStatus(take, 200)
        #expect(take.json["done"] as? Int == 2)
        let given = try scene.fay.send("POST", "/admin/campaigns/test/reconcile",
                                       json: #"{"items":[{"contributionId":\#(scene.items[2]),"themes":[\#(scene.x),\#(scene.y)]},{"contributionId":\#(scene.items[3]),"themes":[],"notRelevant":true}]}"#)
        #expect(given.json["done"] as? Int == 2)
        let report = try scene.fay.send("GET", "/admin/campaigns/test/agreement")
        #expect(report.object("status")["reconciled"] as? Int == 4 && report.object("status")["agreed"] as? Int == 2)
        let codes = try scene.fay.send("GET", "/admin/contributions/\(scene.items[0])/codes").object("reconciled")
        #expect(ids(codes["themes"]) == [scene.y])
        let findings = try scene.fay.send("GET", "/admin/campaigns/test/findings")
        #expect(findings.json["items"] as? Int == 6 && findings.json["notRelevant"] as? Int == 1)
        // An analyst cannot settle; a team that coded nothing is skipped item by item.
        #expect(try scene.ana.send("POST", "/admin/campaigns/test/reconcile", json: #"{"take":\#(scene.teams[0]),"ids":[\#(scene.items[4])]}"#).status == 403)
        let lone = try scene.fay.send("PUT", "/admin/campaigns/test/coding/teams", json: #"{"name":"C","members":[]}"#)
        let none = try scene.fay.send("POST", "/admin/campaigns/test/reconcile",
                                      json: #"{"take":\#(lone.json["id"] as? Int ?? 0),"ids":[\#(scene.items[4])]}"#)
        #expect(none.json["done"] as? Int == 0 && none.list("skipped").first?["code"] as? String == "no_code_from_team")
    }

    /// Answer ideas are coded against the themes in their own round: their own queue, agreement and
    /// findings, never counted in Understand's.
    @Test func answerIdeasAreCodedInARoundOfTheirOwn() throws {
        let scene = try TeamScene(count: 2)
        defer { scene.server.close() }
        try scene.server.open(.answer)
        let contributor = try scene.server.contributor()
        let ideas = try (1...3).map { try contributor.post(question: scene.server.answerQuestion, title: "Idea \($0)", body: "Do thing \($0)") }
        #expect(try scene.queue(scene.ana) == scene.items, "the Understand queue holds no idea")
        let answerQueue = try scene.queue(scene.ben, round: "answer")
        #expect(answerQueue == ideas)
        try expectStatus(scene.ana.send("POST", "/admin/campaigns/test/coding/codes",
                                        json: TeamScene.bulk(ideas.map { ($0, [scene.x], false) })), 200)
        try expectStatus(scene.ben.send("POST", "/admin/campaigns/test/coding/codes",
                                        json: TeamScene.bulk(ideas.map { ($0, [scene.x], false) })), 200)
        let understand = try scene.fay.send("GET", "/admin/campaigns/test/agreement")
        #expect(understand.json["round"] as? String == "understand")
        #expect(understand.object("overall")["items"] as? Int == 0)
        #expect(understand.object("status")["awaiting"] as? Int == 0 && understand.object("status")["agreed"] as? Int == 0)
        let answer = try scene.fay.send("GET", "/admin/campaigns/test/agreement?round=answer")
        #expect(answer.object("overall")["items"] as? Int == 3 && answer.object("status")["agreed"] as? Int == 3)
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/findings?round=answer").json["items"] as? Int == 3)
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/findings").json["items"] as? Int == 0)
        #expect(try scene.queue(scene.ben, round: "answer").isEmpty)
        #expect(try scene.ana.send("GET", "/admin/campaigns/test/coding/queue?round=act").status == 422)
    }

    /// The findings leave as CSV matching the console: agreement.csv keyed by team exactly as the
    /// report (two analysts a team, so keying by analyst would differ), codes.csv with the team and
    /// the reconciled themes, findings.csv with every settled item, teams.csv with the members.
    @Test func theFindingsLeaveAsCSVMatchingTheReport() throws {
        let scene = try TeamScene(count: 8)
        defer { scene.server.close() }
        // Within each team the two analysts take alternate items; A and B differ on items 0, 3 and 6.
        for (team, members) in [(0, [scene.ana, scene.al]), (1, [scene.ben, scene.bo])] {
            for (index, item) in scene.items.enumerated() {
                let themes = team == 1 && index % 3 == 0 ? [scene.y] : index % 2 == 0 ? [scene.x] : [scene.x, scene.y]
                try expectStatus(members[index % 2].send("PUT", "/admin/contributions/\(item)/codes",
                                                         json: #"{"themes":[\#(themes.map(String.init).joined(separator: ","))],"notRelevant":false}"#), 200)
            }
        }
        try expectStatus(scene.fay.send("POST", "/admin/campaigns/test/reconcile",
                                        json: #"{"take":\#(scene.teams[1]),"ids":[\#(scene.items[0]),\#(scene.items[3])]}"#), 200)
        let report = try scene.fay.send("GET", "/admin/campaigns/test/agreement")
        let organiser = try scene.server.staff("olga", role: "organiser")
        func csv(_ name: String) throws -> [[String]] {
            let response = try organiser.send("GET", "/admin/campaigns/test/export/\(name).csv")
            try expectStatus(response, 200)
            #expect(Array(response.body.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name).csv starts with a BOM")
            return try CSVReader.parse(response.body).map(\.fields)
        }
        let agreement = try csv("agreement")
        #expect(agreement.first == ["round", "theme", "items", "percent_agreement", "mean_kappa", "krippendorff_alpha"])
        let overall = try #require(agreement.first { $0.count > 2 && $0[1] == "(all themes)" })
        let kappa = try #require(number(report.object("overall")["kappa"]))
        #expect(abs((Double(overall[4]) ?? -9) - kappa) < 1e-6, "export \(overall[4]) vs report \(kappa)")
        #expect(Int(overall[2]) == report.object("overall")["items"] as? Int)
        for theme in report.list("themes") {
            let name = theme["name"] as? String ?? ""
            let row = try #require(agreement.first { $0.count > 4 && $0[1] == name })
            let figures = theme["figures"] as? [String: Any] ?? [:]
            if let k = number(figures["kappa"]) { #expect(abs((Double(row[4]) ?? -9) - k) < 1e-6, "\(name)") }
        }

        let codes = try csv("codes")
        #expect(codes.first?.prefix(4) == ["contribution", "round", "team", "coder"])
        let first = codes.dropFirst().filter { $0[0] == String(scene.items[0]) }
        #expect(first.map { $0[2] }.sorted() == ["A", "B"])
        #expect(first.allSatisfy { $0[8] == "Neighbours" && $0[9] == "false" }, "\(first)")
        #expect(codes.dropFirst().filter { $0[0] == String(scene.items[6]) }.allSatisfy { $0[8].isEmpty && $0[9].isEmpty })

        let findings = try csv("findings")
        let console = try scene.fay.send("GET", "/admin/campaigns/test/findings")
        #expect(findings.count - 1 == console.json["items"] as? Int)
        #expect(findings.count - 1 == 7, "8 items: 5 agreed, 2 reconciled, 1 still disputed")
        for theme in console.list("themes") {
            let name = theme["name"] as? String ?? ""
            let carrying = findings.dropFirst().filter { $0[3].components(separatedBy: "; ").contains(name) }.count
            #expect(carrying == theme["count"] as? Int, "\(name)")
        }
        #expect(try csv("teams") == [["team", "member", "role"], ["A", "al", "analyst"], ["A", "ana", "analyst"],
                                     ["B", "ben", "analyst"], ["B", "bo", "analyst"]])
    }

    @Test func publishingThemesSaysWhichItLeftOutAndWhy() throws {
        let scene = try TeamScene(count: 3)
        defer { scene.server.close() }
        let archived = try TeamScene.theme(scene.fay, "Old", "barrier")
        try expectStatus(scene.fay.send("PATCH", "/admin/themes/\(archived)", json: #"{"archived":true}"#), 200)
        for client in [scene.ana, scene.ben] {
            try expectStatus(client.send("PUT", "/admin/contributions/\(scene.items[0])/codes", json: #"{"themes":[\#(scene.x)]}"#), 200)
        }
        let published = try scene.fay.send("POST", "/admin/campaigns/test/publish-themes")
        try expectStatus(published, 200)
        #expect(published.ids("published", "id") == [scene.x])
        let left = published.list("left").map { "\($0["name"] as? String ?? ""):\($0["reason"] as? String ?? "")" }
        #expect(left == ["Neighbours:no_finding", "Old:archived"])
        #expect(published.json["unsettled"] as? Int == 0, "items nobody coded are not in the coding state")
        try expectStatus(scene.ana.send("PUT", "/admin/contributions/\(scene.items[1])/codes", json: #"{"themes":[\#(scene.y)]}"#), 200)
        #expect(try scene.fay.send("POST", "/admin/campaigns/test/publish-themes").json["unsettled"] as? Int == 1)
    }
}
