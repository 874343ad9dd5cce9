// A campaign for the analysis aids' tests: Change Challenge contributions with known themes, a 21-theme codebook, two teams.
import Campaigns
import Foundation
import Testing
@testable import App
import Storage

/// Campaign "test" holding the first `count` contributions of `ChangeChallengeCorpus` (written through
/// the stores, many contributors), its codebook, coding teams A (analyst "ana") and B (analyst
/// "ben"), two teams per item, and facilitator "fay". Codes go over HTTP, as analysts send them.
struct AssistScene {
    let server: TestApp
    let fay: APIClient
    let ana: APIClient
    let ben: APIClient
    /// Contribution id by corpus position.
    let items: [Int64]
    /// Theme id by codebook index.
    let themes: [Int64]

    init(count: Int = 120) throws {
        let server = try TestApp()
        self.server = server
        fay = try server.staff("fay", role: "facilitator")
        ana = try server.staff("ana", role: "analyst")
        ben = try server.staff("ben", role: "analyst")
        let campaignID = server.campaignID, question = server.understandQuestion, now = server.clock.now
        (items, themes) = try server.app.database.write { connection in
            let contributors = ContributorStore(connection)
            let people = try (0..<20).map { index in
                try contributors.create(campaignID: campaignID, joinedOn: CoarseTime.dayNumber(now),
                                        shuffleSeed: UInt64(index), profile: nil)
            }
            let store = ContributionStore(connection)
            let items = try (0..<count).map { position -> Int64 in
                let written = ChangeChallengeCorpus.contribution(at: position)
                return try store.insert(NewContribution(
                    campaignID: campaignID, questionID: question, contributorID: people[position % people.count],
                    phase: .understand, title: written.title, body: written.body), now: now).id
            }
            let codebook = ThemeStore(connection)
            let themes = try ChangeChallengeCodebook.themes.map {
                try codebook.add(campaignID: campaignID, name: $0.name, kind: $0.kind, description: "", parentID: nil,
                                 staffID: nil, now: now).id
            }
            return (items, themes)
        }
        let anaID = try server.staffID("ana"), benID = try server.staffID("ben")
        try expectStatus(fay.send("PUT", "/admin/campaigns/test/coding/teams", json: #"{"name":"A","members":[\#(anaID)]}"#), 200)
        try expectStatus(fay.send("PUT", "/admin/campaigns/test/coding/teams", json: #"{"name":"B","members":[\#(benID)]}"#), 200)
        try expectStatus(fay.send("PUT", "/admin/campaigns/test/coding/settings", json: #"{"teamsPerItem":2}"#), 200)
    }

    /// What the contribution at `position` is about, as a settled code.
    func truth(_ position: Int) -> (themes: [Int64], notRelevant: Bool) {
        let themes = ChangeChallengeCorpus.contribution(at: position).themes.map { self.themes[$0] }
        return (themes, themes.isEmpty)
    }

    /// Team `team` (0: ana's A, 1: ben's B) saves its code for the contribution at `position`.
    @discardableResult
    func code(_ position: Int, team: Int, as client: APIClient? = nil) throws -> APIResponse {
        let code = ChangeChallengeCorpus.teamCode(at: position, team: team)
        let list = code.themes.map { String(themes[$0]) }.joined(separator: ",")
        return try (client ?? (team == 0 ? ana : ben)).send(
            "PUT", "/admin/contributions/\(items[position])/codes",
            json: #"{"themes":[\#(list)],"notRelevant":\#(code.notRelevant),"memo":""}"#)
    }

    /// Both teams code positions `range`; the facilitator reconciles each dispute to the truth.
    /// Returns how many items were reconciled.
    @discardableResult
    func codeSample(_ range: Range<Int>) throws -> Int {
        var reconciled = 0
        for position in range {
            try expectStatus(code(position, team: 0), 200)
            try expectStatus(code(position, team: 1), 200)
            guard ChangeChallengeCorpus.teamCode(at: position, team: 0) != ChangeChallengeCorpus.teamCode(at: position, team: 1)
            else { continue }
            let truth = truth(position)
            let list = truth.themes.map(String.init).joined(separator: ",")
            try expectStatus(fay.send("POST", "/admin/contributions/\(items[position])/reconcile",
                                      json: #"{"themes":[\#(list)],"notRelevant":\#(truth.notRelevant)}"#), 200)
            reconciled += 1
        }
        return reconciled
    }

    func close() { server.close() }
}

extension APIResponse {
    /// Integer ids under `key` in each object of the array under `list`.
    func ids(_ list: String, _ key: String) -> [Int64] {
        self.list(list).compactMap { ($0[key] as? Int).map(Int64.init) }
    }
}
