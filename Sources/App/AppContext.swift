// What every handler receives besides the request: the database, clock, settings, events and limits.
import Campaigns
import HTTP
import Storage

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
    /// The outbox's sender: wake it after a write that queued mail (`OutboxWriter`).
    let mail: MailSender
    /// The demo's preview of sent messages (GROUNDSWELL_MAIL_PREVIEW=on); nil otherwise.
    let mailPreview: PreviewMailbox?
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
    /// Each campaign's similar-ideas index (`SimilarIdeasCache`).
    let similarIdeas = SimilarIdeasCache()
    /// Campaign snapshots as votes on the writer check them (`VoteSnapshots`).
    let voteSnapshots = VoteSnapshots()
    /// Corpora and trained machine coders of the analysis aids (`AssistCache`).
    let assist = AssistCache()
    /// Challenges and spent proofs of the join's proof of work.
    let joinProof: JoinProof
    /// The last hour's report moments, for the moderation queue's burst signal.
    let reportBursts = ReportBursts()
    /// Alerts to contributors who opted in when an idea they took part in changes status: the mail
    /// outbox (`OutboxOutcomeAlerts`) unless the application was given another; nil sends none.
    let outcomeAlerts: (any OutcomeAlerts)?

    init(
        database: Database, key: ServerKey, clock: any WallClock, configuration: AppConfiguration, events: EventsHub,
        metrics: AppMetrics, mail: MailSender, mailPreview: PreviewMailbox?, staticFiles: StaticFiles?,
        outcomeAlerts: (any OutcomeAlerts)? = nil,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.outcomeAlerts = outcomeAlerts
        self.database = database
        self.key = key
        self.mail = mail
        self.mailPreview = mailPreview
        self.joinProof = JoinProof(key: key)
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
