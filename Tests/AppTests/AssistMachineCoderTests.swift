// The machine coder over HTTP: no figure before enough settled codes, a figure measured on held-out items, and
// machine coding of the items no team codes — visible, exported, reversible, and out of the inter-team agreement.
import Foundation
import Testing
@testable import App
import Campaigns

@Suite struct AssistMachineCoderTests {
    @Test func noFigureBeforeEnoughSettledCodes() throws {
        let scene = try AssistScene(count: 60)
        defer { scene.close() }
        try scene.codeSample(0..<10)
        // The status says so without an error, so the console never asks for what would be refused.
        let status = try scene.fay.send("GET", "/admin/campaigns/test/coding/assist")
        try expectStatus(status, 200)
        #expect(status.json["texts"] as? Int == 60 && status.json["settled"] as? Int == 10)
        #expect(status.json["needed"] as? Int == 30 && status.json["measurable"] as? Bool == false)
        #expect(status.json["themes"] as? Int == 21 && status.json["draft"] as? Bool == false)
        let early = try scene.fay.send("GET", "/admin/campaigns/test/coding/machine")
        #expect(early.status == 409 && early.errorCode == "too_few_settled_codes")
        #expect((early.json["error"] as? [String: Any])?["message"] as? String == AssistRefusal.tooFewSettledCodes.message)
        let on = try scene.fay.send("PUT", "/admin/campaigns/test/coding/machine/settings", json: #"{"enabled":true}"#)
        #expect(on.status == 409 && on.errorCode == "too_few_settled_codes")
        #expect(try scene.ana.send("GET", "/admin/campaigns/test/coding/machine").status == 403)
    }

    @Test func measuredLikeAThirdTeamOnHeldOutItems() throws {
        let scene = try AssistScene(count: 160)
        defer { scene.close() }
        try scene.codeSample(0..<80)
        let figure = try scene.fay.send("GET", "/admin/campaigns/test/coding/machine")
        try expectStatus(figure, 200)
        // Every settled item (agreed or reconciled) is held out once.
        let agreement = try scene.fay.send("GET", "/admin/campaigns/test/agreement").object("status")
        let settled = (agreement["agreed"] as? Int ?? 0) + (agreement["reconciled"] as? Int ?? 0)
        #expect(settled == 80)
        #expect(figure.json["heldOut"] as? Int == settled && figure.json["settled"] as? Int == settled)
        #expect(figure.json["folds"] as? Int == MachineCoderEvaluation.folds)
        let kappa = try require_(number(figure.json["kappa"]))
        #expect(kappa > 0.3 && kappa <= 1, "a coder that learnt nothing would be near 0")
        #expect(number(figure.json["kappa"]) == number(figure.object("overall")["kappa"]))
        let themes = figure.list("themes")
        #expect(themes.count == 21)
        #expect(themes.allSatisfy { $0["items"] as? Int == settled && $0.keys.contains("kappa") && $0.keys.contains("alpha") })
        #expect(figure.json["enabled"] as? Bool == false && figure.json["eligible"] as? Int == 80)
        // Beside it, the teams' agreement with each other, as the agreement report has it.
        let teams = try scene.fay.send("GET", "/admin/campaigns/test/agreement").object("overall")
        #expect(NSDictionary(dictionary: figure.object("teams")) == NSDictionary(dictionary: teams))
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/coding/assist").json["measurable"] as? Bool == true)
        #expect((figure.json["method"] as? String)?.contains("cross-validation") == true)
        // The figure is what `MachineCoderEvaluation` gives over the same settled codes: recomputed here.
        let input = try scene.server.app.database.read { try MachineCoderInput.load(campaignID: scene.server.campaignID, $0) }
        let corpus = AnalysisCorpus(input.texts)
        let expected = try MachineCoderEvaluation.measure(
            input.settled.keys.sorted().map { MachineCoderEvaluation.Item(id: $0, example: .init(vector: corpus.vector(of: $0), decision: input.settled[$0]!)) },
            themes: input.themes.map(\.id), dimensions: corpus.weighting.dimensions).get()
        #expect(abs(kappa - (expected.report.overall.kappa ?? -9)) < 1e-12)
    }

    @Test func machineCodingIsVisibleReversibleAndApartFromTheTeams() throws {
        let scene = try AssistScene(count: 160)
        defer { scene.close() }
        try scene.codeSample(0..<80)
        try expectStatus(scene.code(80, team: 0), 200)  // in the sample: team B still has to code it
        let agreementBefore = try scene.fay.send("GET", "/admin/campaigns/test/agreement")
        let exportBefore = try scene.fay.send("GET", "/admin/campaigns/test/export/agreement.csv").text

        let on = try scene.fay.send("PUT", "/admin/campaigns/test/coding/machine/settings", json: #"{"enabled":true}"#)
        try expectStatus(on, 200)
        #expect(on.json["coded"] as? Int == 79)
        let codes = try scene.fay.send("GET", "/admin/campaigns/test/coding/machine/codes?limit=100")
        try expectStatus(codes, 200)
        #expect(codes.json["total"] as? Int == 79)
        let machineCoded = Set(codes.ids("items", "contributionId"))
        #expect(machineCoded == Set(scene.items[81...]))
        let confidences = codes.list("items").compactMap { number($0["confidence"]) }
        #expect(confidences == confidences.sorted(), "least confident first")
        #expect(number((codes.json["run"] as? [String: Any])?["kappa"]) != nil)

        // Out of the teams' queues and closed to them; the item in the sample stays with team B.
        let queue = try scene.ben.send("GET", "/admin/campaigns/test/coding/queue").ids("items", "id")
        #expect(queue == [scene.items[80]])
        let refused = try scene.code(100, team: 1)
        #expect(refused.status == 409 && refused.errorCode == "machine_coded")
        // Not in the inter-team agreement, nor in its export.
        let agreementAfter = try scene.fay.send("GET", "/admin/campaigns/test/agreement")
        #expect(NSDictionary(dictionary: agreementAfter.object("overall")) == NSDictionary(dictionary: agreementBefore.object("overall")))
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/export/agreement.csv").text == exportBefore)
        // Exported as machine-coded, counted apart in the findings, audited.
        let csv = try scene.fay.send("GET", "/admin/campaigns/test/export/machine_codes.csv")
        try expectStatus(csv, 200)
        let rows = csv.text.split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.count == 79, "\(csv.text.prefix(300))")
        #expect(rows.allSatisfy { $0.split(separator: ",")[1] == "machine" })
        let findings = try scene.fay.send("GET", "/admin/campaigns/test/findings")
        #expect(findings.json["machineCoded"] as? Int == 79 && findings.json["items"] as? Int == 80)
        let audit = try scene.server.app.database.read { connection in
            try connection.query("SELECT action, reason FROM audit_log WHERE action LIKE 'machine_coding%' ORDER BY id") {
                "\($0.text(0)): \($0.text(1))"
            }
        }
        #expect(audit.count == 1 && audit[0].hasPrefix("machine_coding_on: 79 items machine-coded; kappa "))

        // Off: every machine code goes, the items return to the queue, and that is audited too.
        let off = try scene.fay.send("PUT", "/admin/campaigns/test/coding/machine/settings", json: #"{"enabled":false}"#)
        try expectStatus(off, 200)
        #expect(off.json["returned"] as? Int == 79)
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/coding/machine/codes").json["total"] as? Int == 0)
        #expect(try scene.ben.send("GET", "/admin/campaigns/test/coding/queue").json["remaining"] as? Int == 80)
        try expectStatus(scene.code(100, team: 1), 200)
        let figure = try scene.fay.send("GET", "/admin/campaigns/test/coding/machine")
        #expect(figure.json["enabled"] as? Bool == false)
        #expect((figure.json["lastRun"] as? [String: Any])?["coded"] as? Int == 79)
    }

    @Test func reconcilersGetSuggestionsBesideTheFigure() throws {
        let scene = try AssistScene(count: 160)
        defer { scene.close() }
        try scene.codeSample(0..<60)
        // Disputes left open for the reconciler: both teams code, nobody reconciles.
        var disputed: [Int] = []
        for position in 60..<100 {
            try expectStatus(scene.code(position, team: 0), 200)
            try expectStatus(scene.code(position, team: 1), 200)
            if ChangeChallengeCorpus.teamCode(at: position, team: 0) != ChangeChallengeCorpus.teamCode(at: position, team: 1) {
                disputed.append(position)
            }
        }
        #expect(!disputed.isEmpty)
        let page = try scene.fay.send("GET", "/admin/campaigns/test/coding/suggestions")
        try expectStatus(page, 200)
        #expect(page.ids("items", "contributionId") == disputed.map { scene.items[$0] })
        let settled = 60 + 40 - disputed.count  // the sample, and the items both teams agreed on
        #expect(number(page.object("machine")["kappa"]) != nil && page.object("machine")["heldOut"] as? Int == settled)
        let first = try require_(page.list("items").first)
        #expect((first["codes"] as? [Any])?.count == 2)
        let suggestion = try require_(first["suggestion"] as? [String: Any])
        #expect((suggestion["probabilities"] as? [Any])?.count == 21 && number(suggestion["confidence"]) != nil)
        let one = try scene.fay.send("GET", "/admin/contributions/\(scene.items[disputed[0]])/suggestion")
        try expectStatus(one, 200)
        #expect(ids(one.json["themes"]) == ids(suggestion["themes"]))
        #expect(one.object("machine")["heldOut"] as? Int == settled)
    }

    @Test func progressShowsPaceAndWhenTheTeamsFinish() throws {
        let scene = try AssistScene(count: 40)
        defer { scene.close() }
        // Team A codes ten items six minutes apart; team B five, twelve minutes apart.
        for position in 0..<10 {
            try expectStatus(scene.code(position, team: 0), 200)
            if position % 2 == 0 { try expectStatus(scene.code(position, team: 1), 200) }
            scene.server.clock.advance(by: 360)
        }
        let progress = try scene.ana.send("GET", "/admin/campaigns/test/coding/progress")
        try expectStatus(progress, 200)
        let teams = progress.list("teams")
        #expect(teams.map { $0["name"] as? String } == ["A", "B"])
        #expect(teams.map { $0["coded"] as? Int } == [10, 5])
        #expect(teams.map { $0["remaining"] as? Int } == [30, 35])
        #expect(number(teams[0]["itemsPerHour"]) == 10 && number(teams[1]["itemsPerHour"]) == 5)
        #expect(teams.allSatisfy { $0["finishesAt"] is String })
        #expect(progress.json["finishesAt"] as? String == teams[1]["finishesAt"] as? String, "both finish when B does")
        #expect(progress.json["codesNeeded"] as? Int == 65)
    }
}
