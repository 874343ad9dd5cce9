// A seed's coded sample: two teams of two analysts code the first contributions blind, and disputes are reconciled.
import Campaigns
import Storage

extension CampaignSeeder {
    /// The seeded analysts (two per team) and the facilitator who reconciles; none can sign in
    /// (their password hashes are random bytes) — they exist so the codes have coders.
    static let seededTeams = [("A", ["seed-analyst-a1", "seed-analyst-a2"]), ("B", ["seed-analyst-b1", "seed-analyst-b2"])]
    static let seededFacilitator = "seed-facilitator"

    /// Codes the first `codedSample` contributions as both teams would (`ChangeChallengeCorpus.teamCode`),
    /// two minutes apart per team, and reconciles every dispute to what the contribution is about.
    /// Returns the codes written.
    func insertCodes(_ database: Database, setup: Setup, contributionIDs: [Int64]) throws -> Int {
        let sample = min(codedSample, contributionIDs.count)
        guard sample > 0 else { return 0 }
        let now = self.now
        let campaignID = setup.campaignID
        let (teams, facilitator) = try database.write { connection -> ([(coder: String, members: [Int64])], Int64) in
            let staff = StaffStore(connection)
            var random = SystemRandomNumberGenerator()
            func account(_ name: String, _ role: StaffRole) throws -> Int64 {
                let unusable = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
                return try staff.create(NewStaff(name: name, role: role, passwordHash: unusable, salt: unusable,
                                                 iterations: 1, campaignIDs: [campaignID]), now: now)
            }
            let codes = CodeStore(connection)
            let teams = try Self.seededTeams.map { name, members in
                let team = try codes.setTeam(campaignID: campaignID, name: name,
                                             members: try members.map { try account($0, .analyst) }, now: now)
                return (coder: "t\(team.id)", members: team.members)
            }
            try codes.setTeamsPerItem(campaignID: campaignID, 2)
            return (teams, try account(Self.seededFacilitator, .facilitator))
        }
        let themeIDs = setup.themeIDs
        let versions = Dictionary(uniqueKeysWithValues: themeIDs.map { ($0, 1) })
        @Sendable func decision(_ code: (themes: [Int], notRelevant: Bool)) -> CodeDecision {
            CodeDecision(themes: Set(code.themes.map { themeIDs[$0] }), notRelevant: code.notRelevant)
        }
        var written = 0
        var start = 0
        while start < sample {
            let (first, end) = (start, min(sample, start + 500))
            written += try database.write { connection -> Int in
                let store = CodeStore(connection)
                var count = 0
                for position in first..<end {
                    let id = contributionIDs[position]
                    let codedAt = now - Int64(sample - position) * 120
                    var decisions: [CodeDecision] = []
                    for (index, team) in teams.enumerated() {
                        let code = decision(ChangeChallengeCorpus.teamCode(at: position, team: index))
                        try store.save(contributionID: id, staffID: team.members[position % team.members.count],
                                       coder: team.coder, decision: code, themeVersions: versions, memo: "",
                                       now: codedAt)
                        decisions.append(code)
                        count += 1
                    }
                    if Set(decisions).count > 1 {
                        let truth = ChangeChallengeCorpus.contribution(at: position).themes
                        try store.reconcile(contributionID: id, decision: decision((truth, truth.isEmpty)),
                                            themeVersions: versions, reason: "", staffID: facilitator, now: codedAt)
                    }
                }
                return count
            }
            start = end
        }
        return written
    }
}
