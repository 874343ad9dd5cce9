// Every route says where it is answered; one answered on an event loop must never begin a database read or write.
import Campaigns
import Foundation
import HTTP
import Storage
import Testing
@testable import App

@Suite struct RoutePlacementTests {
    /// An application context over a fresh migrated database and the real public directory, with
    /// no server, scheduler or heartbeat: nothing but the handlers called here touches the database.
    final class Fixture {
        let directory: String
        let database: Database
        let context: AppContext
        let router: FrozenRouter<AppContext>

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("gs-placement-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var configuration = AppConfiguration()
            configuration.databasePath = directory + "/test.sqlite"
            configuration.rateLimits = false
            database = try Database(
                options: DatabaseOptions(path: configuration.databasePath), migrationsDirectory: TestApp.packageRoot + "/Migrations")
            let key = ServerKey(bytes: Array(UInt8(0)..<32))!
            let clock = ManualClock(1_795_000_000)
            let metrics = AppMetrics()
            let mail = MailSender(
                database: database, key: key, setup: try MailSetup(configuration: configuration), transport: nil, clock: clock,
                metrics: metrics, log: { _ in })
            context = AppContext(
                database: database, key: key, clock: clock, configuration: configuration,
                events: EventsHub(maxSubscribers: 10, maxPerAddress: nil, heartbeatSeconds: 3600), metrics: metrics, mail: mail, mailPreview: nil,
                staticFiles: try StaticFiles(root: TestApp.packageRoot + "/Public"), log: { _ in })
            router = AppRoutes.router().freeze()
        }

        deinit {
            database.close()
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// A request for `route` with every `{parameter}` filled in.
        func request(for route: FrozenRouter<AppContext>.Route) throws -> Request {
            let path = route.pattern.split(separator: "/").map { $0.hasPrefix("{") ? "1" : String($0) }.joined(separator: "/")
            let raw = Array("\(route.method.rawValue) /\(path) HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
            guard case .complete(let head, _) = RequestParser.parseHead(raw, limits: Limits()) else {
                throw TestFailure("cannot parse a request for \(route.pattern)")
            }
            var request = Request(head: head, body: [], client: IPAddress("127.0.0.1")!, id: 1)
            guard case .found(_, let parameters) = router.match(head.method, head.pathSegments) else {
                throw TestFailure("\(route.pattern) does not match its own request")
            }
            request.parameters = parameters
            return request
        }

        /// Reads and writes the handler began (its errors do not matter: an error after a read still read).
        func operations(of route: FrozenRouter<AppContext>.Route) throws -> Int {
            let request = try request(for: route)
            let before = database.operationsBegun
            _ = try? route.handler(request, context)
            return database.operationsBegun - before
        }
    }

    @Test func routesAnsweredOnALoopBeginNoDatabaseWork() throws {
        let fixture = try Fixture()
        let onLoop = fixture.router.routes.filter {
            switch $0.answering {
            case .inPlace: true
            case .onPool, .deferred: false
            }
        }
        // A campaign's pages (`/c/{slug}`, `/guide/{slug}`) look their campaign up, to answer an unknown one 404.
        #expect(Set(onLoop.map(\.pattern)) == ["/healthz", "/openapi.json", "/", "/console"])
        for route in onLoop {
            #expect(try fixture.operations(of: route) == 0, "\(route.method.rawValue) \(route.pattern) is answered on a loop but reads the database")
        }
    }

    /// The check can fail: routes on the pool do begin database work when called the same way.
    @Test func theCountSeesDatabaseWork() throws {
        let fixture = try Fixture()
        let campaigns = try #require(fixture.router.routes.first { $0.pattern == "/api/campaigns" && $0.method == .get })
        #expect(campaigns.answering == .onPool)
        #expect(try fixture.operations(of: campaigns) > 0)
    }

    @Test func theResponderAnswersWhereTheRouteSaid() throws {
        let fixture = try Fixture()
        let responder = AppResponder(context: fixture.context)
        func answering(_ method: String, _ target: String) throws -> Answering {
            let raw = Array("\(method) \(target) HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
            guard case .complete(let head, _) = RequestParser.parseHead(raw, limits: Limits()) else { throw TestFailure(target) }
            return responder.answering(head)
        }
        #expect(try answering("PUT", "/api/contributions/7/vote") == .deferred)
        #expect(try answering("GET", "/api/campaigns") == .onPool)
        #expect(try answering("GET", "/admin/campaigns") == .onPool)
        #expect(try answering("GET", "/c/demo") == .onPool, "the page looks its campaign up")
        #expect(try answering("GET", "/console") == .inPlace)
        #expect(try answering("GET", "/healthz") == .inPlace)
        #expect(try answering("GET", "/js/api.js") == .inPlace, "static files")
        #expect(try answering("GET", "/api/nothing/here") == .inPlace, "a 404 from memory")
        #expect(try answering("DELETE", "/api/campaigns") == .inPlace, "a 405 from memory")
    }
}
