// `groundswell seed`: generates a whole campaign (people, contributions, Zipf votes, comments, theme codes) in bulk.
import Campaigns
import Storage

/// What a seed run produced, for the CLI to print and the benchmark to use.
public struct SeedReport: Sendable {
    public var slug: String
    public var people = 0
    public var contributions = 0
    public var votes = 0
    public var comments = 0
    /// Team codes of the coded sample (two per item).
    public var codes = 0
    /// Raw contributor device tokens (the database holds only their keyed hashes), for load tests.
    public var tokens: [String] = []
    /// Wall time of the whole run, in seconds.
    public var seconds = 0.0
    /// Size of the database file in bytes after the load (pages in use × page size).
    public var databaseBytes: Int64 = 0

    /// Rows inserted per second, counting people, contributions, votes and comments.
    public var rowsPerSecond: Double {
        Double(people + contributions + votes + comments) / max(seconds, 0.001)
    }
}

/// Seeding refused: a campaign with the slug already exists.
public struct SeedError: Error, CustomStringConvertible, Sendable {
    public let slug: String
    public var description: String { "a campaign with slug \"\(slug)\" already exists" }
}

/// Generates one live campaign of `size` with its Understand phase open, so every contributor action
/// is allowed. Text and counts are deterministic; tokens and the pseudonym secret are random.
/// Each chunk of rows is one `Database.write` transaction through `SeedStore`.
public struct CampaignSeeder {
    public let size: SeedSize
    public let slug: String
    /// How many raw tokens to return in the report (the first contributors'); the rest are never known.
    public let tokenCount: Int
    /// How many of the first contributions two seeded teams code (`change-challenge` only; 0 for other sizes).
    public let codedSample: Int
    let clock: any WallClock
    let log: (String) -> Void
    /// The server key the devices' token hashes are made with: the one the server will read.
    let key: ServerKey

    public init(
        size: SeedSize, key: ServerKey, slug: String = "bench", tokenCount: Int = 0, codedSample: Int = 0,
        clock: any WallClock = SystemClock(), log: @escaping (String) -> Void = { _ in }
    ) {
        self.size = size
        self.key = key
        self.slug = slug
        self.tokenCount = min(max(0, tokenCount), size.people)
        switch size.corpus {
        case .civic: self.codedSample = 0
        case .changeChallenge: self.codedSample = min(max(0, codedSample), size.contributions)
        }
        self.clock = clock
        self.log = log
    }

    public func seed(database: Database) throws -> SeedReport {
        let started = ContinuousClock.now
        var report = SeedReport(slug: slug)
        let setup = try createCampaign(database)
        log("campaign \(slug) created; loading \(size.rawValue)")

        let (peopleIDs, tokens) = try timed("contributors") { try insertPeople(database, campaignID: setup.campaignID) }
        report.people = peopleIDs.count
        report.tokens = tokens

        var random = SplitMix(seed: 9_000_001)
        let plan = SeedPlan(size: size, people: peopleIDs.count, random: &random)
        let contributionIDs = try timed("contributions") {
            try insertContributions(database, setup: setup, plan: plan, peopleIDs: peopleIDs)
        }
        report.contributions = contributionIDs.count
        report.votes = try timed("votes") {
            try insertVotes(database, plan: plan, contributionIDs: contributionIDs, peopleIDs: peopleIDs)
        }
        report.comments = try timed("comments") {
            try insertComments(database, plan: plan, contributionIDs: contributionIDs, peopleIDs: peopleIDs)
        }
        report.codes = try timed("coded sample") { try insertCodes(database, setup: setup, contributionIDs: contributionIDs) }
        let suspended = setup.suspended
        let campaignID = setup.campaignID
        report.databaseBytes = try timed("indexes and search") {
            try database.write { connection in
                let store = SeedStore(connection)
                try store.restore(suspended)
                try store.indexForSearch(campaignID: campaignID)
                return try store.databaseBytes()
            }
        }
        let elapsed = ContinuousClock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }

    /// Runs one stage and logs how long it took.
    func timed<T>(_ stage: String, _ body: () throws -> T) throws -> T {
        let start = ContinuousClock.now
        let value = try body()
        log("\(stage): \(ContinuousClock.now - start)")
        return value
    }

    static let questions = [
        "What would make daily life in our area better?",
        "What gets in the way of getting around safely?",
        "What should the budget fund first next year?",
    ]

    /// Published themes; about four in ten generated ideas are coded with one.
    static let themes = [
        "Transport", "Housing", "Green spaces", "Safety", "Health", "Young people", "Older people", "Local economy",
    ]

    var now: Int64 { clock.now }
    var campaignStart: Int64 { clock.now - 30 * 86_400 }
}
