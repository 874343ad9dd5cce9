// `groundswell demo`: fills an empty database with the demo campaign, its crowd, votes and comments.
import Campaigns
import Storage

/// Loading the demo refused because the database already holds campaigns.
public struct DemoError: Error, CustomStringConvertible, Sendable {
    public var description: String { "the database is not empty: the demo is only loaded into a new database" }
}

public enum DemoSeeder {
    /// Creates the `demo` campaign (open access, optional profile questions, three questions,
    /// Understand open for three weeks) with anonymous contributors, votes and comments.
    /// Deterministic apart from ids, seals and the pseudonym secret, which are random and never shown.
    /// The crowd has no devices: nobody can sign in as one of them.
    public static func seed(
        database: Database, key: ServerKey, clock: any WallClock = SystemClock(), flagThreshold: Int = 3
    ) throws {
        let now = clock.now
        let secret = Array(Tokens.hash(Tokens.generate()))
        let seeds = (0..<48).map { _ in Tokens.randomSeed() }
        try database.write { connection in
            let campaigns = CampaignStore(connection)
            guard try campaigns.campaignCount() == 0 else { throw DemoError() }
            let started = now - 9 * 86_400
            let campaignID = try campaigns.create(
                NewCampaign(
                    slug: DemoContent.slug, title: DemoContent.title, summary: DemoContent.summary,
                    description: DemoContent.description, state: .live, access: .open, pseudonymSecret: secret,
                    flagThreshold: flagThreshold),
                now: started)
            var phases = Phase.initial
            phases[0].state = .open
            phases[0].opensAt = started
            phases[0].closesAt = now + 21 * 86_400
            try campaigns.setPhases(campaignID: campaignID, phases)
            let questionIDs = try DemoContent.questions.map { question in
                try campaigns.addQuestion(
                    campaignID: campaignID, phase: PhaseKind(rawValue: question.phase) ?? .understand, text: question.text)
            }
            try campaigns.setProfileQuestions(
                campaignID: campaignID,
                DemoContent.profileQuestions.map { ProfileQuestionRecord(key: $0.key, label: $0.label, choices: $0.choices, required: false) })

            let profileQuestions = try campaigns.profileQuestions(campaignID: campaignID)
            let contributors = ContributorStore(connection)
            var random = SplitMix(seed: 20_261_121)
            var people: [Int64] = []
            for (index, seed) in seeds.enumerated() {
                let joined = started + Int64(index) * 4_000
                people.append(try contributors.create(
                    campaignID: campaignID, joinedOn: CoarseTime.dayNumber(joined), shuffleSeed: seed,
                    profile: try ProfileSeal.seal([:], questions: profileQuestions, key: key)))
            }
            let store = ContributionStore(connection)
            var ids: [Int64] = []
            for (index, item) in DemoContent.contributions.enumerated() {
                let author = people[index % people.count]
                let record = try store.insert(
                    NewContribution(
                        campaignID: campaignID, questionID: questionIDs[item.0], contributorID: author, phase: .understand,
                        title: item.1, body: item.2),
                    now: started + Int64(index) * 20_000 + 3_600)
                ids.append(record.id)
            }
            let votes = VoteStore(connection)
            for (index, id) in ids.enumerated() {
                // Earlier, well-known problems draw more votes; a few ideas split opinion.
                let voters = 6 + Int(random.next() % UInt64(max(1, 30 - index / 2)))
                let support = index % 7 == 4 ? 50 : 85
                for voter in people.shuffled(using: &random).prefix(voters) {
                    let vote: Vote = Int(random.next() % 100) < support ? .up : .down
                    _ = try votes.set(contributionID: id, contributorID: voter, vote: vote, now: now - 3_600)
                }
            }
            let comments = CommentStore(connection)
            for (index, item) in DemoContent.comments.enumerated() {
                let at = now - Int64(DemoContent.comments.count - index) * 7_200
                let first = try comments.insert(
                    contributionID: ids[item.0], parentID: nil, contributorID: people[(index * 5 + 3) % people.count],
                    body: item.1, now: at)
                if let reply = item.2 {
                    _ = try comments.insert(
                        contributionID: ids[item.0], parentID: first.id, contributorID: people[(index * 7 + 11) % people.count],
                        body: reply, now: at + 1_800)
                }
            }
        }
    }
}
