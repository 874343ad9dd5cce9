// `GET /metrics`: on the main port for staff tokens, or on a listener of its own bound to loopback with no token.
import HTTP

enum MetricsRoute {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/metrics", metrics)
    }

    /// Any staff member's token or session; a scraper is better pointed at `--metrics-port`, which needs none.
    static func metrics(_ request: Request, _ context: AppContext) throws -> Response {
        _ = try context.requireStaff(request, .viewMetrics)
        return exposition(context.metrics)
    }

    static func exposition(_ metrics: AppMetrics) -> Response {
        var headers = Headers()
        headers.add("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        headers.add("Cache-Control", "no-store")  // RFC 9111 §5.2.2.5: every scrape reads the values now
        return Response(status: .ok, headers: headers, body: .bytes(metrics.exposition()))
    }
}

/// The metrics listener (`--metrics-host`/`--metrics-port`): `GET /metrics` without a token — who can
/// reach the port is the guard, so it binds to loopback unless told otherwise — and 404 for anything else.
/// Everything is answered in place: rendering reads counters and a few in-memory gauges, no database.
struct MetricsResponder: Responder {
    let metrics: AppMetrics

    func maxBodySize(for head: RequestHead) -> Int { 0 }

    func answering(_ head: RequestHead) -> Answering { .inPlace }

    func respond(to request: Request) -> Response {
        guard request.head.pathSegments == ["metrics"] else {
            return Response.error(.notFound, code: "not_found", message: "Only /metrics is served here.")
        }
        guard request.method == .get || request.method == .head else {
            var response = Response.error(
                .methodNotAllowed, code: "method_not_allowed", message: "This address does not accept that method.")
            response.headers.add("Allow", "GET, HEAD")
            return response
        }
        return MetricsRoute.exposition(metrics)
    }
}
