// A small fixed campaign for export tests, built through the stores with a fixed clock and secret.
import Campaigns
import Foundation
import HTTP
import Storage
@testable import App

/// A temporary database holding campaign "fixture": two questions, two profile questions, seven
/// participants (profile groups of 4, 2 and 1) and a statistics release of them the next day, awkward
/// text in every field, a hidden contribution, an official statement, votes, comments, themes, a
/// shortlist, two analysts' codes, two machine codes, outcomes with updates and an audit entry.
final class ExportFixture {
    let directory: String
    let database: Database
    let clock = ManualClock(1_795_000_000)  // 2026-11-18T11:06:40Z
    private(set) var campaign: ExportCampaign
    /// The contributors' random ids, to prove none of them leaks.
    private(set) var contributorIDs: [Int64] = []
    static let secret = Array(UInt8(0)..<32)
    /// A fixed server key, so sealed profiles open as in production.
    static let key = ServerKey(bytes: Array(UInt8(100)..<132))!

    static let bodies = [
        "Commas, \"quotes\" and a\r\nCRLF plus a\nLF",
        "Emoji 🚲👩🏽‍💻 and right-to-left: مرحبا بالعالم — שלום",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+44 20 7946 0000",
        "-1+2",
        "@SUM(A1:A2)",
        "\tindented",
    ]

    init(readerCount: Int = 2) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gs-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var options = DatabaseOptions(path: directory + "/export.sqlite")
        options.synchronous = .normal
        options.readerCount = readerCount
        database = try Database(options: options, migrationsDirectory: TestApp.packageRoot + "/Migrations")
        let t0 = clock.now
        let key = Self.key
        contributorIDs = try database.write { connection -> [Int64] in
            let campaigns = CampaignStore(connection)
            let id = try campaigns.create(
                NewCampaign(
                    slug: "fixture", title: "Fixture", summary: "A fixed campaign", description: "For golden files",
                    state: .live, access: .open, pseudonymSecret: Self.secret), now: t0)
            var phases = Phase.initial
            phases[0].state = .open
            try campaigns.setPhases(campaignID: id, phases)
            let understand = try campaigns.addQuestion(campaignID: id, phase: .understand, text: "What is hard, and why?")
            let answer = try campaigns.addQuestion(campaignID: id, phase: .answer, text: "What would help?")
            try campaigns.setProfileQuestions(campaignID: id, [
                ProfileQuestionRecord(key: "age", label: "Age", choices: ["Under 40", "40 or over"], required: false),
                ProfileQuestionRecord(key: "area", label: "Area", choices: ["North", "South"], required: false),
            ])
            let profile = try campaigns.profileQuestions(campaignID: id)
            let groups = [["Under 40", "North"], ["Under 40", "North"], ["Under 40", "North"], ["Under 40", "North"],
                          ["40 or over", "North"], ["40 or over", "North"], ["40 or over", "South"]]
            let contributors = ContributorStore(connection)
            var people: [Int64] = []
            for (index, group) in groups.enumerated() {
                let sealed = try ProfileSeal.seal([profile[0].id: group[0], profile[1].id: group[1]], questions: profile, key: key)
                people.append(try contributors.create(
                    campaignID: id, joinedOn: CoarseTime.dayNumber(t0 + Int64(index) * 3600), shuffleSeed: UInt64(index),
                    profile: sealed))
            }
            let transport = try campaigns.addTheme(campaignID: id, name: "Transport, buses", description: "", published: true, now: t0)
            let care = try campaigns.addTheme(campaignID: id, name: "Care", description: "", published: false, now: t0)

            let store = ContributionStore(connection)
            var ideas: [Int64] = []
            for (index, body) in Self.bodies.enumerated() {
                let record = try store.insert(
                    NewContribution(
                        campaignID: id, questionID: index < 5 ? understand : answer, contributorID: people[index],
                        phase: index < 5 ? .understand : .answer, title: index == 0 ? nil : "Idea \(index)", body: body,
                        themes: index == 0 ? [transport, care] : index == 1 ? [care] : []),
                    now: t0 + 86_400 + Int64(index) * 60)
                ideas.append(record.id)
            }
            _ = try store.setState(id: ideas[4], .hidden)
            let official = try store.insert(
                NewContribution(
                    campaignID: id, questionID: understand, contributorID: nil, phase: .understand, title: "From the team",
                    body: "We read everything.", official: true),
                now: t0 + 2 * 86_400)
            ideas.append(official.id)
            // The team's statement is a story with a byline to quote and a link.
            try StoryStore(connection).add(
                StoryRecord(contributionID: official.id, byline: "Sam, \"nights\", porter", linkURL: "https://video.example/sam",
                            linkLabel: "=Sam's film"), staffID: nil)

            let votes = VoteStore(connection)
            for (p, person) in people.enumerated() {
                for (i, idea) in ideas.prefix(3).enumerated() where (p + i) % 3 != 0 {
                    _ = try votes.set(contributionID: idea, contributorID: person, vote: (p + i) % 2 == 0 ? .up : .down,
                                      now: t0 + 2 * 86_400 + Int64(p * 10 + i))
                }
            }
            let comments = CommentStore(connection)
            let first = try comments.insert(contributionID: ideas[0], parentID: nil, contributorID: people[1],
                                            body: "Agree, \"strongly\"", now: t0 + 3 * 86_400)
            _ = try comments.insert(contributionID: ideas[0], parentID: first.id, contributorID: people[2],
                                    body: "=1+1", now: t0 + 3 * 86_400 + 5)

            let staff = StaffStore(connection)
            let ana = try staff.create(
                NewStaff(name: "Ana Lyst", role: .analyst, passwordHash: [1], salt: [2], iterations: 1), now: t0)
            let ben = try staff.create(
                NewStaff(name: "Ben Coder", role: .analyst, passwordHash: [1], salt: [2], iterations: 1), now: t0)
            // Ana codes for team A, Ben for team B, as the coding routes store it (codes and code_themes);
            // they disagree on idea 1, which a facilitator reconciles to Transport, buses.
            let codeStore = CodeStore(connection)
            let teamA = try codeStore.setTeam(campaignID: id, name: "A", members: [ana], now: t0).id
            let teamB = try codeStore.setTeam(campaignID: id, name: "B", members: [ben], now: t0).id
            for (staffID, team, themes) in [(ana, teamA, [transport]), (ben, teamB, [transport, care])] {
                try codeStore.save(
                    contributionID: ideas[0], staffID: staffID, coder: "t\(team)",
                    decision: CodeDecision(themes: Set(themes), notRelevant: false),
                    themeVersions: [:], memo: "memo, with comma", now: t0 + 4 * 86_400)
            }
            try codeStore.save(
                contributionID: ideas[1], staffID: ana, coder: "t\(teamA)", decision: CodeDecision(themes: [], notRelevant: true),
                themeVersions: [:], memo: "", now: t0 + 4 * 86_400)
            try codeStore.reconcile(
                contributionID: ideas[0], decision: CodeDecision(themes: [transport], notRelevant: false), themeVersions: [:],
                reason: "", staffID: nil, now: t0 + 5 * 86_400)
            // The machine coder coded idea 3 (Transport, buses) and idea 4 (not relevant).
            _ = try MachineCodeStore(connection).apply(
                campaignID: id, measurement: AgreementReport.Figures(items: 40, percent: 0.9, kappa: 0.8125, alpha: 0.8),
                heldOut: 40,
                codes: [NewMachineCode(contributionID: ideas[2], decision: CodeDecision(themes: [transport], notRelevant: false),
                                       confidence: 0.75),
                        NewMachineCode(contributionID: ideas[3], decision: CodeDecision(themes: [], notRelevant: true),
                                       confidence: 0.5)],
                themeVersions: [:], staffID: nil, now: t0 + 4 * 86_400 + 60)
            try connection.run(
                "INSERT INTO shortlist_rounds (campaign_id, round, created_at) VALUES (?, 1, ?)", id, t0 + 5 * 86_400)
            try connection.run(
                "INSERT INTO shortlist_entries (round_id, contribution_id, reason) VALUES (?, ?, 'popular')",
                connection.lastInsertRowID, ideas[0])
            // Outcomes: idea 5 adopted with an update (a formula and a comma to neutralise), idea 6 not taken forward.
            let outcomes = OutcomeStore(connection)
            _ = try outcomes.setStatus(campaignID: id, contributionID: ideas[5], status: .adopted,
                                       response: "=cmd|' /C calc'!A0, funded", staffID: nil, now: t0 + 6 * 86_400)
            _ = try outcomes.setStatus(campaignID: id, contributionID: ideas[6], status: .notTakenForward,
                                       response: "Already planned", staffID: nil, now: t0 + 6 * 86_400 + 60)
            try outcomes.addUpdate(
                campaignID: id,
                NewProgressUpdate(contributionID: ideas[5], role: "Estates, North", site: "@Main site", note: "Ordered",
                                  percent: 40, notedOn: "2027-01-15"), staffID: nil, now: t0 + 7 * 86_400)
            try outcomes.addUpdate(
                campaignID: id,
                NewProgressUpdate(contributionID: ideas[5], role: "", site: "", note: "Running", percent: nil,
                                  notedOn: "2027-02-01"), staffID: nil, now: t0 + 8 * 86_400)
            // A draft in two sections: one amendment (a formula to neutralise) accepted into version 2, one declined.
            let drafts = DraftStore(connection)
            let draft = try drafts.create(
                campaignID: id, questionID: answer, title: "A vision, \"draft\"", phases: DraftPhases([.answer]), staffID: nil,
                now: t0 + 6 * 86_400)
            var sections: [VersionedSection] = []
            for (position, text) in [("Vision", "Care close to home."), ("=Principles", "-People first")].enumerated() {
                let section = try store.insert(
                    NewContribution(
                        campaignID: id, questionID: answer, contributorID: nil, phase: .answer, title: text.0, body: text.1,
                        official: true),
                    now: t0 + 6 * 86_400)
                try drafts.addSection(contributionID: section.id, draftID: draft, position: position)
                sections.append(VersionedSection(
                    sectionID: section.id, text: DraftSectionText(number: "\(position + 1)", level: 1, heading: text.0, body: text.1)))
            }
            let v1 = DraftVersion(number: 1, sections: sections)
            try drafts.addVersion(draftID: draft, v1, amendmentID: nil, reason: "First draft published.", staffID: nil, now: t0 + 6 * 86_400)
            var amendments: [Int64] = []
            for (person, body) in [(people[3], "=Care closer to home."), (people[4], "People first, always")] {
                let amendment = try store.insert(
                    NewContribution(campaignID: id, questionID: answer, contributorID: person, phase: .answer, title: nil, body: body),
                    now: t0 + 6 * 86_400 + 600)
                try drafts.addAmendment(
                    contributionID: amendment.id, draftID: draft, sectionID: sections[amendments.count].sectionID, baseVersion: 1)
                amendments.append(amendment.id)
            }
            let v2 = try DraftVersioning.amend(v1, section: sections[0].sectionID, body: "=Care closer to home.").unwrap()
            try drafts.addVersion(draftID: draft, v2, amendmentID: amendments[0], reason: "@Clearer, yes", staffID: nil, now: t0 + 7 * 86_400)
            _ = try drafts.decide(amendmentID: amendments[0], .accepted, reason: "@Clearer, yes", decidedVersion: 2, staffID: nil, now: t0 + 7 * 86_400)
            _ = try drafts.decide(amendmentID: amendments[1], .declined, reason: "+Too vague", decidedVersion: nil, staffID: nil, now: t0 + 7 * 86_400)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: id, actor: "Fay Cilitator", action: .hide, target: "contribution \(ideas[4])",
                              reason: "personal details"), now: t0 + 5 * 86_400)
            return people
        }
        try StatisticsRelease.releaseDue(database: database, key: key, k: 1, now: t0 + 86_400)
        guard let found = try database.read({ try ExportStore($0).campaign(slug: "fixture") }) else {
            throw CocoaError(.fileNoSuchFile)
        }
        campaign = found
    }

    func sources(k: Int = 3) -> ExportSources {
        ExportSources(database: database, campaign: campaign, kAnonymity: k, key: Self.key)
    }

    /// The whole body of a stream, pulled as the connection would.
    static func drain(_ stream: any ResponseStream) -> [UInt8] {
        var bytes: [UInt8] = []
        loop: while true {
            switch stream.next(wake: {}) {
            case .chunk(let chunk): bytes += chunk
            case .wait: continue
            case .end: break loop
            }
        }
        return bytes
    }

    func csv(_ table: ExportTable, k: Int = 3) throws -> [UInt8] {
        Self.drain(CSVExportStream(source: try sources(k: k).source(for: table), log: { _ in }))
    }

    func close() {
        database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

private extension Optional {
    func unwrap() throws -> Wrapped {
        guard let self else { throw CocoaError(.fileNoSuchFile) }
        return self
    }
}
