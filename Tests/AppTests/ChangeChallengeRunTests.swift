// The method at the Change Challenge's size, end to end over HTTP: draft a codebook from candidate themes, two teams
// of two code a sample blind in claimed pages saved in bulk, disputes are settled in bulk, the machine coder is
// measured and then codes the remainder, and the findings leave as CSV matching the console.
import Foundation
import Testing
@testable import App
import Campaigns
import Storage

@Suite struct ChangeChallengeRunTests {
    /// Contributions both teams code by hand before the machine coder is measured.
    static let sample = 400

    @Test func teamsCodeASampleAndTheMachineCodesTheRest() throws {
        let server = try TestApp()
        defer { server.close() }
        let report = try CampaignSeeder(size: .changeChallenge, key: server.app.context.key, slug: "cc", clock: server.clock).seed(database: server.app.database)
        #expect(report.contributions == 7_524 && report.people == 1_455)
        let campaignID = try require_(server.app.database.read { try CampaignStore($0).campaign(slug: "cc")?.id })
        let items = try server.app.database.read { connection in
            try connection.query("SELECT id FROM contributions WHERE campaign_id = ? ORDER BY id", campaignID) { $0.int64(0) }
        }
        let themes = try server.app.database.read { try ThemeStore($0).themes(campaignID: campaignID).map(\.id) }
        #expect(themes.count == 21)

        let fay = server.staffClient(try server.addStaff("fay", .facilitator, campaigns: ["cc"]))
        // Drafting candidates and training over 7,524 texts takes seconds in a debug build beside other suites.
        fay.timeoutSeconds = 300
        var analysts: [[APIClient]] = []
        for (team, names) in [("A", ["ana", "al"]), ("B", ["ben", "bo"])] {
            let clients = try names.map { server.staffClient(try server.addStaff($0, .analyst, campaigns: ["cc"])) }
            let ids = try names.map { String(try server.staffID($0)) }.joined(separator: ",")
            try expectStatus(fay.send("PUT", "/admin/campaigns/cc/coding/teams", json: #"{"name":"\#(team)","members":[\#(ids)]}"#), 200)
            analysts.append(clients)
        }
        try expectStatus(fay.send("PUT", "/admin/campaigns/cc/coding/settings", json: #"{"teamsPerItem":2}"#), 200)

        // Drafting the codebook: candidate themes with quotes, and how much no candidate covers.
        let candidates = try fay.send("GET", "/admin/campaigns/cc/coding/candidates")
        try expectStatus(candidates, 200)
        #expect(candidates.list("items").count >= 10)
        #expect(candidates.list("items").allSatisfy { ($0["quotes"] as? [String])?.count == 3 && !($0["words"] as? [String] ?? []).isEmpty })
        #expect(candidates.json["total"] as? Int == 7_524)
        #expect((candidates.json["uncovered"] as? Int ?? 7_524) < 7_524 / 10)

        // Two teams of two code the sample blind as the console does at scale: each analyst asks for a page (which
        // claims it, so their teammate is handed the next one) and saves the page in one request; a page of A's and a
        // page of B's are asked for together, so both teams code the same items. Then every dispute is settled in
        // requests of up to 500: no call per item anywhere.
        func list(_ themeIndices: [Int]) -> String { themeIndices.map { String(themes[$0]) }.joined(separator: ",") }
        let position = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, $0) })
        var requests = 0
        var coded: [[Int64]] = [[], []]
        for page in 0..<(Self.sample / 50) {
            let pages = try (0..<2).map { team in
                try analysts[team][page % 2].send("GET", "/admin/campaigns/cc/coding/queue").ids("items", "id")
            }
            #expect(pages[0] == pages[1] && pages[0].count == 50, "page \(page): both teams are handed the same 50")
            for team in 0..<2 {
                let body = pages[team].map { id -> String in
                    let code = ChangeChallengeCorpus.teamCode(at: position[id] ?? 0, team: team)
                    return #"{"contributionId":\#(id),"themes":[\#(list(code.themes))],"notRelevant":\#(code.notRelevant)}"#
                }
                let saved = try analysts[team][page % 2].send("POST", "/admin/campaigns/cc/coding/codes",
                                                               json: #"{"items":[\#(body.joined(separator: ","))]}"#)
                try expectStatus(saved, 200)
                #expect(saved.json["done"] as? Int == 50)
                coded[team] += pages[team]
                requests += 2
            }
        }
        #expect(coded[0] == Array(items.prefix(Self.sample)) && coded[1] == coded[0])
        var disputed: [Int64] = []
        var cursor: Int64 = 0
        while true {
            let page = try fay.send("GET", "/admin/campaigns/cc/coding/disputes?after=\(cursor)")
            disputed += page.ids("items", "contributionId")
            requests += 1
            guard let next = page.json["next"] as? Int else { break }
            cursor = Int64(next)
        }
        let settlements = disputed.map { id -> String in
            let truth = ChangeChallengeCorpus.contribution(at: position[id] ?? 0).themes
            return #"{"contributionId":\#(id),"themes":[\#(list(truth))],"notRelevant":\#(truth.isEmpty)}"#
        }
        let settled = try fay.send("POST", "/admin/campaigns/cc/reconcile", json: #"{"items":[\#(settlements.joined(separator: ","))],"reason":"read against the codebook"}"#)
        try expectStatus(settled, 200)
        #expect(settled.json["done"] as? Int == disputed.count && settled.list("skipped").isEmpty)
        let disputes = disputed.count
        #expect(disputes > 0 && requests + 1 < Self.sample / 10, "\(requests) requests for \(Self.sample) items coded twice")
        let agreement = try fay.send("GET", "/admin/campaigns/cc/agreement")
        let teamKappa = try require_(number(agreement.object("overall")["kappa"]))
        #expect(agreement.object("status")["agreed"] as? Int == Self.sample - disputes)
        #expect(agreement.object("overall")["items"] as? Int == Self.sample)
        #expect(agreement.object("status")["reconciled"] as? Int == disputes)

        // The machine coder, measured on held-out items exactly as a third team would be.
        let machine = try fay.send("GET", "/admin/campaigns/cc/coding/machine")
        try expectStatus(machine, 200)
        #expect(machine.json["heldOut"] as? Int == Self.sample)
        let machineKappa = try require_(number(machine.json["kappa"]))
        #expect(machineKappa > 0.6, "the seeded texts carry their themes: a working coder agrees well (teams: \(teamKappa))")
        #expect(machine.json["eligible"] as? Int == 7_524 - Self.sample)

        // The campaign lets it code the remainder; the teams' queues are then done, their agreement unchanged.
        let on = try fay.send("PUT", "/admin/campaigns/cc/coding/machine/settings", json: #"{"enabled":true}"#)
        try expectStatus(on, 200)
        #expect(on.json["coded"] as? Int == 7_524 - Self.sample)
        for team in analysts {
            let queue = try team[0].send("GET", "/admin/campaigns/cc/coding/queue")
            #expect(queue.json["remaining"] as? Int == 0 && queue.list("items").isEmpty)
        }
        let progress = try fay.send("GET", "/admin/campaigns/cc/coding/progress")
        #expect(progress.list("teams").map { $0["remaining"] as? Int } == [0, 0])
        #expect(progress.list("teams").map { $0["coded"] as? Int } == [Self.sample, Self.sample])
        #expect(progress.json["finishesAt"] as? String == ISOTime.string(server.clock.now))
        #expect(progress.json["machineCoded"] as? Int == 7_524 - Self.sample)
        let after = try fay.send("GET", "/admin/campaigns/cc/agreement")
        #expect(number(after.object("overall")["kappa"]) == teamKappa && after.object("overall")["items"] as? Int == Self.sample)
        let findings = try fay.send("GET", "/admin/campaigns/cc/findings")
        #expect(findings.json["items"] as? Int == Self.sample && findings.json["machineCoded"] as? Int == 7_524 - Self.sample)
        let admin = server.staffClient(try server.addStaff("root", .admin))
        let csv = try admin.send("GET", "/admin/campaigns/cc/export/machine_codes.csv")
        try expectStatus(csv, 200)
        #expect(csv.text.split(whereSeparator: \.isNewline).count == 1 + 7_524 - Self.sample)

        // The findings leave as CSV matching what the console showed: every settled item, the teams' agreement.
        let exported = try CSVReader.parse(try admin.send("GET", "/admin/campaigns/cc/export/findings.csv").body).map(\.fields)
        #expect(exported.count - 1 == Self.sample)
        #expect(exported.dropFirst().filter { $0[2] == "reconciled" }.count == disputes)
        for theme in findings.list("themes") {
            let name = theme["name"] as? String ?? ""
            #expect(exported.dropFirst().filter { $0[3].components(separatedBy: "; ").contains(name) }.count == theme["count"] as? Int, "\(name)")
        }
        let figures = try CSVReader.parse(try admin.send("GET", "/admin/campaigns/cc/export/agreement.csv").body).map(\.fields)
        let overall = try require_(figures.first { $0.count > 4 && $0[0] == "understand" && $0[1] == "(all themes)" })
        #expect(abs((Double(overall[4]) ?? -9) - teamKappa) < 1e-6 && Int(overall[2]) == Self.sample)
        let codes = try CSVReader.parse(try admin.send("GET", "/admin/campaigns/cc/export/codes.csv").body).map(\.fields)
        #expect(codes.count - 1 == 2 * Self.sample)
        #expect(codes.dropFirst().filter { !$0[9].isEmpty }.count == 2 * disputes, "reconciled items carry their settlement")
    }
}
