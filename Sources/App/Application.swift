// The running application: database, responder, server, events and scheduler, started and stopped together.
import Campaigns
import HTTP
import Storage
import Dispatch
import Glibc
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
                log: @escaping @Sendable (String) -> Void) throws {
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
            maxSubscribers: configuration.maxEventSubscribers, heartbeatSeconds: configuration.heartbeatInterval)
        context = AppContext(
            database: database, key: key, clock: clock, configuration: configuration, events: events, metrics: metrics,
            staticFiles: staticFiles, log: log)
        responder = AppResponder(context: context)
        scheduler = PhaseScheduler(context: context)
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.accessLog = configuration.accessLog
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
        // Issue 22's mail outbox adds its backlog here: metrics.watch("groundswell_outbox_backlog") { … }
    }

    /// The metrics listener's port once `start` has bound it; nil without `metricsPort`.
    public var metricsPort: Int? { boundMetricsPort.withLock { $0 } }

    /// Starts listening (and the metrics listener), the heartbeat and the phase scheduler; returns the bound port.
    public func start() throws -> Int {
        let port = try server.start()
        if let metricsServer {
            let bound = try metricsServer.start()
            boundMetricsPort.withLock { $0 = bound }
        }
        context.events.start()
        context.voteTotals.start()
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
        metricsServer?.shutdown {}
        server.shutdown { [self] in
            self.database.close()
            completion()
        }
    }
}
