// What every handler receives besides the request: the database, clock, settings, events and limits.
import Campaigns
import HTTP
import Storage
import Synchronization

/// The application's shared services, built once at start-up and handed to every handler.
/// Immutable; each member is itself safe to use from any thread.
public struct AppContext: Sendable {
    public let database: Database
    /// The server key (`GROUNDSWELL_KEY_FILE`): keyed hashes and seals, never stored in the database.
    public let key: ServerKey
    public let clock: any WallClock
    public let configuration: AppConfiguration
    let events: EventsHub
    /// What `/metrics` reports; the server and the writer feed it.
    let metrics: AppMetrics
    /// Vote totals for the event stream, sent once per `countInterval` (`VoteTotals`).
    let voteTotals: VoteTotals
    let rateLimiter: RateLimiter
    /// Nil when the public directory is missing (the API still works; pages 404).
    let staticFiles: StaticFiles?
    let log: @Sendable (String) -> Void
    /// Rendered keyset pages of contribution listings (`ContributionListing`).
    let listingPages: VersionedCache<ListingKey, RenderedListing>
    /// The ids each `sort=random` listing permutes, by slug and filters (limit and cursor unset).
    let shuffleIDs: VersionedCache<ListingKey, [Int64]>
    /// Campaign snapshots as votes on the writer check them (`VoteSnapshots`).
    let voteSnapshots = VoteSnapshots()
    /// Corpora and trained machine coders of the analysis aids (`AssistCache`).
    let assist = AssistCache()

    init(
        database: Database, key: ServerKey, clock: any WallClock, configuration: AppConfiguration, events: EventsHub,
        metrics: AppMetrics, staticFiles: StaticFiles?, log: @escaping @Sendable (String) -> Void
    ) {
        self.database = database
        self.key = key
        self.clock = clock
        self.configuration = configuration
        self.events = events
        self.metrics = metrics
        self.voteTotals = VoteTotals(events: events, intervalSeconds: configuration.countInterval)
        self.rateLimiter = RateLimiter(enabled: configuration.rateLimits, clock: clock)
        self.staticFiles = staticFiles
        self.log = log
        self.listingPages = VersionedCache(limits: .init(maxEntries: 512, maxBytes: 32 << 20)) { $0.cost }
        self.shuffleIDs = VersionedCache(limits: .init(maxEntries: 64, maxBytes: 64 << 20)) { 64 + 8 * $0.count }
    }
}

/// The campaign snapshots votes are checked against, kept on the writer between votes: a vote
/// changes no campaign, so a snapshot stays true until a write that is not a vote starts there
/// (`Connection.otherWritesStarted`; phase changes, scheduled ones included, are such writes).
/// Saves each vote two queries and a campaign decode on the one thread every vote goes through.
final class VoteSnapshots: Sendable {
    private let cache = Mutex<(otherWrites: Int, byCampaign: [Int64: CampaignSnapshot])>((-1, [:]))

    /// The snapshot of campaign `id` as the writer's `connection` sees it.
    func snapshot(campaignID id: Int64, on connection: Connection) throws -> CampaignSnapshot {
        let otherWrites = connection.otherWritesStarted
        if let kept = cache.withLock({ $0.otherWrites == otherWrites ? $0.byCampaign[id] : nil }) { return kept }
        let snapshot = try CampaignSnapshot.load(id: id, in: connection)
        cache.withLock { cache in
            if cache.otherWrites != otherWrites { cache = (otherWrites, [:]) }
            cache.byCampaign[id] = snapshot
        }
        return snapshot
    }
}

/// A campaign as a request sees it: the row and its phases, read in one snapshot.
struct CampaignSnapshot: Sendable {
    var campaign: CampaignRecord
    var phases: [Phase]

    /// The campaign that `slug` names, if the public may see it (not a draft); else 404.
    static func load(slug: String, in connection: Connection) throws -> CampaignSnapshot {
        guard let campaign = try CampaignStore(connection).campaign(slug: slug) else { throw APIError.notFound }
        return try load(campaign, in: connection)
    }

    static func load(id: Int64, in connection: Connection) throws -> CampaignSnapshot {
        guard let campaign = try CampaignStore(connection).campaign(id: id) else { throw APIError.notFound }
        return try load(campaign, in: connection)
    }

    private static func load(_ campaign: CampaignRecord, in connection: Connection) throws -> CampaignSnapshot {
        switch campaign.state {
        case .draft: throw APIError.notFound
        case .live, .archived: break
        }
        return CampaignSnapshot(campaign: campaign, phases: try CampaignStore(connection).phases(campaignID: campaign.id))
    }

    /// Throws the phase rules' refusal for `action`, if any.
    func require(_ action: ContributorAction, targetPhase: PhaseKind?, shortlisted: Bool = false) throws {
        let context = ActionContext(
            campaignState: campaign.state, phases: phases, action: action, targetPhase: targetPhase,
            targetShortlisted: shortlisted)
        if let refusal = PhaseRules.check(context) { throw refusal }
    }
}

extension Request {
    /// A `{name}` path parameter that must be a positive integer id; anything else is 404.
    func idParameter(_ name: String) throws -> Int64 {
        guard let text = parameter(name), let id = Int64(text), id > 0 else { throw APIError.notFound }
        return id
    }

    func slugParameter() throws -> String {
        guard let slug = parameter("slug"), !slug.isEmpty else { throw APIError.notFound }
        return slug
    }
}
