// Route matching: parameters, literal precedence, 404 versus 405 with the allowed methods.

import Dispatch
import Testing
@testable import HTTP

@Suite("Router")
struct RouterTests {
    static func router() -> FrozenRouter<Int> {
        var router = Router<Int>()
        router.add(.get, "/api/campaigns", on: .loop) { _, _ in .text("list") }
        router.add(.get, "/api/campaigns/{slug}", on: .loop) { request, _ in .text("one \(request.parameter("slug") ?? "")") }
        router.add(.post, "/api/campaigns/{slug}/join", on: .loop) { _, _ in .text("join") }
        router.add(.get, "/api/campaigns/demo", on: .loop) { _, _ in .text("literal") }
        router.add(.put, "/api/contributions/{id}/vote", on: .loop) { _, _ in .text("vote") }
        return router.freeze()
    }

    @Test func parameters() {
        guard case .found(let route, let parameters) = Self.router().match(.get, ["api", "campaigns", "nhs"]) else {
            Issue.record("no match")
            return
        }
        #expect(route.pattern == "/api/campaigns/{slug}")
        #expect(parameters == ["slug": "nhs"])
    }

    @Test func literalBeatsParameter() {
        guard case .found(let route, _) = Self.router().match(.get, ["api", "campaigns", "demo"]) else {
            Issue.record("no match")
            return
        }
        #expect(route.pattern == "/api/campaigns/demo")
    }

    @Test func headUsesGet() {
        guard case .found(let route, _) = Self.router().match(.head, ["api", "campaigns"]) else {
            Issue.record("no match")
            return
        }
        #expect(route.method == .get)
    }

    @Test func methodNotAllowedListsAllowed() {
        guard case .methodNotAllowed(let allowed) = Self.router().match(.delete, ["api", "contributions", "7", "vote"]) else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.put])
        guard case .methodNotAllowed(let getAllowed) = Self.router().match(.post, ["api", "campaigns"]) else {
            Issue.record("expected 405")
            return
        }
        #expect(Set(getAllowed) == [.get, .head])
    }

    @Test func notFound() {
        guard case .notFound = Self.router().match(.get, ["api", "nothing"]) else {
            Issue.record("expected 404")
            return
        }
    }

    @Test func firstSegmentOutsideEveryRouteIsNotFound() {
        guard case .notFound = Self.router().match(.get, ["js", "app.js"]) else {
            Issue.record("a path no route starts with was matched")
            return
        }
        // A route that starts with a parameter still reaches every first segment.
        var router = Router<Int>()
        router.add(.get, "/api/campaigns", on: .loop) { _, _ in .text("list") }
        router.add(.get, "/{page}/{name}", on: .loop) { _, _ in .text("page") }
        guard case .found(let route, let parameters) = router.freeze().match(.get, ["js", "app.js"]) else {
            Issue.record("no match")
            return
        }
        #expect(route.pattern == "/{page}/{name}")
        #expect(parameters == ["page": "js", "name": "app.js"])
    }

    @Test func deferredRouteAnswersTheBlockingWayToo() throws {
        struct Refused: Error {}
        var router = Router<Int>()
        router.add(.put, "/api/votes/{id}", deferred: { request, context, reply in
            let id = request.parameter("id") ?? ""
            DispatchQueue.global().async {
                reply(id == "0" ? .failure(Refused()) : .success(.text("vote \(id) in \(context)")))
            }
        })
        let frozen = router.freeze()
        guard case .found(let route, let parameters) = frozen.match(.put, ["api", "votes", "7"]) else {
            Issue.record("no match")
            return
        }
        #expect(route.deferred != nil)
        var request = try #require(Self.request("PUT /api/votes/7 HTTP/1.1\r\nHost: t\r\n\r\n"))
        request.parameters = parameters
        #expect(String(decoding: try Self.bytes(route.handler(request, 3)), as: UTF8.self) == "vote 7 in 3")
        request.parameters = ["id": "0"]
        #expect(throws: Refused.self) { try route.handler(request, 3) }
    }

    @Test func routesCarryWhereTheyAreAnswered() {
        var router = Router<Int>()
        router.add(.get, "/memory", on: .loop) { _, _ in .text("m") }
        router.add(.get, "/database", on: .pool) { _, _ in .text("d") }
        router.add(.put, "/vote", deferred: { _, _, reply in reply(.success(.text("v"))) })
        let answering = router.freeze().routes.map { ($0.pattern, $0.answering) }
        #expect(answering.map(\.0) == ["/memory", "/database", "/vote"])
        #expect(answering.map(\.1) == [.inPlace, .onPool, .deferred])
    }

    static func request(_ raw: String) -> Request? {
        guard case .complete(let head, _) = RequestParser.parseHead(Array(raw.utf8), limits: Limits()) else { return nil }
        return Request(head: head, body: [], client: IPAddress("127.0.0.1")!, id: 1)
    }

    static func bytes(_ response: Response) -> [UInt8] {
        guard case .bytes(let bytes) = response.body else { return [] }
        return bytes
    }
}
