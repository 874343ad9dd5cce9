// The running application: database, responder, server, events and scheduler, started and stopped together.
import Campaigns
import HTTP
import Storage
import Dispatch
import Glibc
import Mail
import Synchronization

/// Wires the layers together from an `AppConfiguration`. `main.swift` and the end-to-end tests
/// both start the server through this type, so they run the same code.
public final class Application: Sendable {
    public let configuration: AppConfiguration
    public let database: Database
    public let context: AppContext
    let responder: AppResponder
    let scheduler: PhaseScheduler
    public let metrics: AppMetrics
    private let server: Server
    /// The `/metrics`-only listener, when `metricsPort` is set.
    private let metricsServer: Server?
    /// Guarded by its mutex: the metrics listener's bound port, once started.
    private let boundMetricsPort = Mutex<Int?>(nil)
    /// Guarded by its mutex: the signal sources, kept alive for the life of the application.
    private let stopSignals = Mutex<StopSignals?>(nil)

    /// Opens (and migrates) the database and builds the server; nothing listens until `start`.
    public init(configuration: AppConfiguration, clock: any WallClock = SystemClock(),
                outcomeAlerts: (any OutcomeAlerts)? = nil, log: @escaping @Sendable (String) -> Void) throws {
        self.configuration = configuration
        var options = DatabaseOptions(path: configuration.databasePath)
        options.synchronous = configuration.synchronous
        options.groupCommit = configuration.groupCommit
        options.voteJournal = configuration.voteJournal
        options.checkpoints = configuration.checkpoints
        let metrics = AppMetrics()
        self.metrics = metrics
        options.observer = metrics
        database = try Database(options: options, migrationsDirectory: configuration.migrationsDirectory)
        let key: ServerKey
        do {
            let opened = try ServerKeyFile.open(path: configuration.resolvedKeyFilePath, database: database)
            if opened.created { log("made a new server key in \(configuration.resolvedKeyFilePath): back it up apart from the database") }
            key = opened.key
            try PrivacyUpgrade.run(database: database, key: key)
        } catch {
            database.close()
            throw error
        }
        let staticFiles: StaticFiles?
        do {
            staticFiles = try StaticFiles(root: configuration.publicDirectory)
        } catch {
            log("no static files: cannot read the public directory")
            staticFiles = nil
        }
        let events = EventsHub(
            maxSubscribers: configuration.maxEventSubscribers,
            maxPerAddress: configuration.rateLimits ? configuration.maxEventSubscribersPerAddress : nil,
            heartbeatSeconds: configuration.heartbeatInterval)
        let mailSetup: MailSetup
        let transport: (any MailTransport)?
        let preview: PreviewMailbox?
        do {
            mailSetup = try MailSetup(configuration: configuration)
            (transport, preview) = try Self.transport(for: mailSetup, log: log)
        } catch {
            database.close()
            throw error
        }
        let mail = MailSender(
            database: database, key: key, setup: mailSetup, transport: transport, clock: clock, metrics: metrics, log: log)
        context = AppContext(
            database: database, key: key, clock: clock, configuration: configuration, events: events, metrics: metrics,
            mail: mail, mailPreview: preview, staticFiles: staticFiles,
            outcomeAlerts: outcomeAlerts ?? OutboxOutcomeAlerts(key: key, clock: clock), log: log)
        responder = AppResponder(context: context)
        scheduler = PhaseScheduler(context: context)
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.accessLog = configuration.accessLog
        serverConfiguration.trustedProxies = configuration.trustedProxies
        // Off for load tests: one load generator is one address.
        serverConfiguration.limits.maxConnectionsPerAddress =
            configuration.rateLimits ? configuration.maxConnectionsPerAddress : serverConfiguration.limits.maxConnections
        serverConfiguration.observer = metrics
        let server = Server(configuration: serverConfiguration, responder: responder, log: log)
        self.server = server
        metricsServer = configuration.metricsPort.map { port in
            var listener = ServerConfiguration()
            listener.host = configuration.metricsHost
            listener.port = port
            listener.accessLog = false
            listener.eventLoops = 1
            return Server(configuration: listener, responder: MetricsResponder(metrics: metrics), log: log)
        }
        // Held weakly: the server and the database hold the metrics as their observer.
        let database = database
        metrics.watch("groundswell_http_connections") { [weak server] in server?.connectionCount ?? 0 }
        metrics.watch("groundswell_event_streams") { [weak events] in events?.subscriberCount ?? 0 }
        metrics.watch("groundswell_writer_queue_depth") { [weak database] in database?.pendingWriteCount ?? 0 }
        metrics.watch("groundswell_vote_journal_depth") { [weak database] in database?.unfoldedVoteCount ?? 0 }
        metrics.watch("groundswell_outbox_backlog") { [weak mail] in mail?.relayStatus.backlog ?? 0 }
        metrics.watch("groundswell_mail_relay_up") { [weak mail] in mail?.relayStatus.state == .up ? 1 : 0 }
    }

    /// The transport `setup` asks for: the relay, the demo's preview, or none (messages wait).
    private static func transport(
        for setup: MailSetup, log: @Sendable (String) -> Void
    ) throws -> ((any MailTransport)?, PreviewMailbox?) {
        switch setup.delivery {
        case .none:
            log("mail: GROUNDSWELL_SMTP_URL is not set, so nothing is sent; queued messages wait in the outbox")
            return (nil, nil)
        case .preview:
            log("mail: GROUNDSWELL_MAIL_PREVIEW is on: messages are shown in the console, never sent (a demo setting)")
            let preview = PreviewMailbox()
            return (preview, preview)
        case .relay(let relay):
            log("mail: sending through \(relay.summary)")
            return (try SMTPTransport(relay: relay), nil)
        }
    }

    /// The metrics listener's port once `start` has bound it; nil without `metricsPort`.
    public var metricsPort: Int? { boundMetricsPort.withLock { $0 } }

    /// Starts listening (and the metrics listener), the heartbeat and the phase scheduler; returns the bound port.
    public func start() throws -> Int {
        let port = try server.start()
        context.mail.listening(at: "http://\(configuration.host):\(port)")
        if let metricsServer {
            let bound = try metricsServer.start()
            boundMetricsPort.withLock { $0 = bound }
        }
        context.events.start()
        context.voteTotals.start()
        context.mail.start()
        scheduler.start(intervalSeconds: configuration.scheduleInterval)
        return port
    }

    /// Applies due phase schedules now (the timer does this every `scheduleInterval` seconds).
    @discardableResult
    public func applyPhaseSchedules() throws -> Int {
        try scheduler.applyDue().count
    }

    /// Makes the statistics releases that are due now (`StatisticsRelease`; the scheduler's timer
    /// does this every `scheduleInterval` seconds); returns how many were made.
    @discardableResult
    public func releaseStatistics() throws -> Int {
        try StatisticsRelease.releaseDue(context: context)
    }

    /// SIGTERM/SIGINT → graceful shutdown (event streams first, so connections can drain) → `onStop`.
    public func installSignalHandlers(onStop: @escaping @Sendable () -> Void) {
        let signals = StopSignals { [self] in
            context.log("shutting down: finishing in-flight requests")
            shutdown(completion: onStop)
        }
        stopSignals.withLock { $0 = signals }
    }

    /// Ends event streams, lets in-flight requests finish, then closes the database.
    public func shutdown(completion: @escaping @Sendable () -> Void) {
        context.voteTotals.stop()
        context.events.close()
        scheduler.stop()
        context.mail.stop()
        metricsServer?.shutdown {}
        server.shutdown { [self] in
            self.database.close()
            completion()
        }
    }
}
