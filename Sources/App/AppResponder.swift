// The server's Responder: cross-site check, the frozen route table, static files, error mapping.
import HTTP

/// Answers every request: routes first, then static files for GET/HEAD, else a JSON 404.
/// Errors thrown by handlers are mapped to the JSON envelope by `ErrorMapping` only here.
public final class AppResponder: Responder {
    let router: FrozenRouter<AppContext>
    let context: AppContext
    private let errors: ErrorMapping
    /// Largest body any route accepts when it does not say (bytes), 64 KiB; a path no route matches
    /// gets 4 KiB. Over it: 413 from the server, before the body is read.
    static let defaultMaxBody = 64 * 1024

    init(context: AppContext) {
        self.context = context
        self.router = AppRoutes.router().freeze()
        self.errors = ErrorMapping(log: context.log)
    }

    public func maxBodySize(for head: RequestHead) -> Int {
        switch router.match(head.method, head.pathSegments) {
        case .found(let route, _): route.maxBodySize ?? Self.defaultMaxBody
        case .methodNotAllowed, .notFound: 4 * 1024
        }
    }

    /// Where the matched route said, when it was added, it is answered: on the handler pool when
    /// it may block, deferred for a vote (one write answered from its commit), in place for what
    /// answers from memory (`/healthz`, `/`, `/console`, `/openapi.json`). Static files, 404 and 405
    /// are answered in place (a path no route starts with is not found after one hash).
    public func answering(_ head: RequestHead) -> Answering {
        switch router.match(head.method, head.pathSegments) {
        case .found(let route, _): route.answering
        case .methodNotAllowed, .notFound: .inPlace
        }
    }

    public func respond(to request: Request) -> Response {
        guard CrossSiteCheck.allows(request) else { return ErrorMapping.envelope(.crossSite) }
        switch router.match(request.method, request.head.pathSegments) {
        case .found(let route, let parameters):
            var request = request
            request.parameters = parameters
            return finished(Result { try route.handler(request, context) }, route: route, request: request)
        case .methodNotAllowed(let allowed):
            var response = Response.error(
                .methodNotAllowed, code: ErrorCatalogue.methodNotAllowedCode, message: "This address does not accept that method.")
            response.headers.add("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            return response
        case .notFound:
            if let file = context.staticFiles?.response(for: request) { return file }
            return Self.notFound(request, context)
        }
    }

    /// 404: the JSON envelope for the API and the staff area, a real HTML page for everything a
    /// browser asks for by address (a mistyped page must not show raw JSON).
    static func notFound(_ request: Request, _ context: AppContext) -> Response {
        switch request.head.pathSegments.first {
        case "api", "admin", "metrics", "openapi.json", "healthz":
            return ErrorMapping.envelope(.notFound)
        default:
            return context.staticFiles?.notFoundPage ?? ErrorMapping.envelope(.notFound)
        }
    }

    public func respond(to request: Request, reply: @escaping @Sendable (Response) -> Void) {
        guard CrossSiteCheck.allows(request) else { return reply(ErrorMapping.envelope(.crossSite)) }
        guard case .found(let route, let parameters) = router.match(request.method, request.head.pathSegments),
              let deferred = route.deferred
        else { preconditionFailure("answering(_:) deferred a request no deferred route matches") }
        var routed = request
        routed.parameters = parameters
        deferred(routed, context) { [self, routed] result in
            reply(finished(result, route: route, request: routed))
        }
    }

    /// A handler's outcome as the response: errors mapped to the envelope, the route noted for the
    /// access log, API answers not cached unless the handler said otherwise.
    private func finished(
        _ result: Result<Response, any Error>, route: FrozenRouter<AppContext>.Route, request: Request
    ) -> Response {
        var response: Response
        switch result {
        case .success(let answer): response = answer
        case .failure(let error): response = errors.response(for: error, request: request)
        }
        response.route = route.pattern
        if request.path.hasPrefix("/api/"), !response.headers.contains("Cache-Control") {
            response.headers.add("Cache-Control", "no-store")
        }
        return response
    }
}

/// Every route of the application, in one table (the OpenAPI test walks it).
enum AppRoutes {
    static func router() -> Router<AppContext> {
        var router = Router<AppContext>()
        ReadingRoutes.register(&router)
        CampaignRoutes.register(&router)
        JoinRoute.register(&router)
        DeviceRoutes.register(&router)
        UnsubscribeRoute.register(&router)
        MailAddressRoutes.register(&router)
        ContributionRoutes.register(&router)
        InteractionRoutes.register(&router)
        EventsRoute.register(&router)
        PageRoutes.register(&router)
        IdeaPageRoute.register(&router)
        ProgressRoute.register(&router)
        StoryRoutes.register(&router)
        DraftRoutes.register(&router)
        AnalysisRoutes.register(&router)
        ExportRoutes.register(&router)
        OpenAPIDocument.register(&router)
        AdminRoutes.register(&router)
        MetricsRoute.register(&router)
        return router
    }
}
