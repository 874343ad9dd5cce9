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
    private let server: Server
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
        database = try Database(options: options, migrationsDirectory: configuration.migrationsDirectory)
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
            database: database, clock: clock, configuration: configuration, events: events, staticFiles: staticFiles,
            log: log)
        responder = AppResponder(context: context)
        scheduler = PhaseScheduler(context: context)
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.accessLog = configuration.accessLog
        server = Server(configuration: serverConfiguration, responder: responder, log: log)
    }

    /// Starts listening, the heartbeat and the phase scheduler; returns the bound port.
    public func start() throws -> Int {
        let port = try server.start()
        context.events.start()
        scheduler.start(intervalSeconds: configuration.scheduleInterval)
        return port
    }

    /// Applies due phase schedules now (the timer does this every `scheduleInterval` seconds).
    @discardableResult
    public func applyPhaseSchedules() throws -> Int {
        try scheduler.applyDue().count
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
        context.events.close()
        scheduler.stop()
        server.shutdown { [self] in
            self.database.close()
            completion()
        }
    }
}
