// The analysis aids at the Change Challenge's size, end to end over HTTP: draft a codebook from candidate themes,
// two teams of two code a sample blind, the machine coder is measured and then codes the remainder.
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

        // Two teams of two code the sample blind, each analyst taking every other item; disputes are reconciled.
        func list(_ themeIndices: [Int]) -> String { themeIndices.map { String(themes[$0]) }.joined(separator: ",") }
        var disputes = 0
        for position in 0..<Self.sample {
            var codes: [(themes: [Int], notRelevant: Bool)] = []
            for team in 0..<2 {
                let code = ChangeChallengeCorpus.teamCode(at: position, team: team)
                codes.append(code)
                try expectStatus(analysts[team][position % 2].send(
                    "PUT", "/admin/contributions/\(items[position])/codes",
                    json: #"{"themes":[\#(list(code.themes))],"notRelevant":\#(code.notRelevant),"memo":""}"#), 200)
            }
            if codes[0] != codes[1] {
                let truth = ChangeChallengeCorpus.contribution(at: position).themes
                try expectStatus(fay.send("POST", "/admin/contributions/\(items[position])/reconcile",
                                          json: #"{"themes":[\#(list(truth))],"notRelevant":\#(truth.isEmpty)}"#), 200)
                disputes += 1
            }
        }
        let agreement = try fay.send("GET", "/admin/campaigns/cc/agreement")
        let teamKappa = try require_(number(agreement.object("overall")["kappa"]))
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
    }
}
