// Method + path patterns with `{name}` parameters, built once and then frozen for lookups.

/// Where a blocking route's handler runs, said when the route is added (deferred routes, added
/// with a `DeferredHandler`, start on the loop and never block).
public enum HandlerPlacement: Sendable {
    /// It answers from memory — no database, no file system, no waiting — so it runs in place on
    /// the connection's event loop. A handler placed here that blocks stalls every connection on
    /// that loop (the App's `RoutePlacementTests` run each one against a database that counts).
    case loop
    /// It may block (the database): it runs on the handler pool.
    case pool
}

/// A route table under construction. Build it, then `freeze()` it into the immutable
/// `FrozenRouter` the server consults on every request.
public struct Router<Context: Sendable>: Sendable {
    public typealias Handler = @Sendable (Request, Context) throws -> Response

    public struct Route: Sendable {
        public let method: HTTPMethod
        public let pattern: String
        /// The largest body this route accepts, in bytes; nil means the server's default.
        public let maxBodySize: Int?
        /// Answers on the handler pool, where it may block. For a deferred route it waits for
        /// `deferred` to reply, so every route can be answered the blocking way too.
        public let handler: Handler
        /// Set for routes added with `add(_:_:maxBodySize:deferred:)`: answers without blocking.
        public let deferred: DeferredHandler?
        /// Where the server answers it, as declared when it was added.
        public let answering: Answering
        let segments: [RoutePatternSegment]
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds a route answered where `placement` says. `pattern` is a path whose segments are
    /// literals or `{name}` parameters. A duplicate method + pattern is a programming error and
    /// traps at start-up.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, on placement: HandlerPlacement, maxBodySize: Int? = nil,
        _ handler: @escaping Handler
    ) {
        let answering: Answering = switch placement {
        case .loop: .inPlace
        case .pool: .onPool
        }
        add(method, pattern, maxBodySize: maxBodySize, handler: handler, deferred: nil, answering: answering)
    }

    mutating func add(
        _ method: HTTPMethod, _ pattern: String, maxBodySize: Int?, handler: @escaping Handler, deferred: DeferredHandler?,
        answering: Answering
    ) {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? RoutePatternSegment.parameter(String(part.dropFirst().dropLast()))
                : RoutePatternSegment.literal(String(part))
        }
        precondition(
            !routes.contains { $0.method == method && $0.segments == segments },
            "route \(method.rawValue) \(pattern) added twice")
        routes.append(Route(
            method: method, pattern: pattern, maxBodySize: maxBodySize, handler: handler, deferred: deferred,
            answering: answering, segments: segments))
    }

    public func freeze() -> FrozenRouter<Context> {
        FrozenRouter(routes: routes)
    }
}

/// The immutable route table. Lookups are by segment count first, then segment by segment,
/// with literals preferred over parameters so `/api/me` beats `/api/{x}`.
public struct FrozenRouter<Context: Sendable>: Sendable {
    public typealias Route = Router<Context>.Route

    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        /// The path exists but not for this method: a 405 with `Allow` (RFC 9110 §15.5.6).
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private let bySegmentCount: [Int: [Route]]
    /// The first segment of every route that starts with a literal, or nil when some route starts
    /// with a parameter: a path starting elsewhere (`/js/app.js`) is not found after one hash.
    private let leadingLiterals: Set<String>?
    public let routes: [Route]

    init(routes: [Route]) {
        self.routes = routes
        var leading: Set<String>? = []
        for route in routes {
            switch route.segments.first {
            case .literal(let text): leading?.insert(text)
            case .parameter: leading = nil
            case nil: break
            }
        }
        leadingLiterals = leading
        bySegmentCount = Dictionary(grouping: routes, by: \.segments.count).mapValues { group in
            // Literal segments first, so the most specific pattern wins.
            group.sorted { $0.specificity > $1.specificity }
        }
    }

    public func match(_ method: HTTPMethod, _ segments: [String]) -> Match {
        if let leadingLiterals, let first = segments.first, !leadingLiterals.contains(first) { return .notFound }
        guard let candidates = bySegmentCount[segments.count] else { return .notFound }
        var allowed: [HTTPMethod] = []
        // HEAD is served by the GET route with the body dropped (RFC 9110 §9.3.2).
        let lookup = method == .head ? HTTPMethod.get : method
        for route in candidates {
            guard let parameters = route.bind(segments) else { continue }
            if route.method == lookup { return .found(route, parameters: parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        guard !allowed.isEmpty else { return .notFound }
        if allowed.contains(.get), !allowed.contains(.head) { allowed.append(.head) }
        return .methodNotAllowed(allowed: allowed)
    }
}

extension Router.Route {
    var specificity: Int {
        segments.reduce(0) { count, segment in
            switch segment {
            case .literal: count + 1
            case .parameter: count
            }
        }
    }

    func bind(_ path: [String]) -> [String: String]? {
        RoutePatternSegment.bind(segments, to: path)
    }
}

/// One segment of a route pattern. Outside the generic `Router` on purpose: matching runs per
/// request, and a type nested in a generic one has its metadata looked up at run time on every
/// use (that lookup was most of the router's cost in a profile).
enum RoutePatternSegment: Sendable, Equatable {
    case literal(String)
    case parameter(String)

    /// The parameters when `path` (of the same length) matches `pattern`, else nil. Every segment is
    /// checked before the dictionary is made: most candidates fail on a literal after a parameter
    /// (`/api/contributions/{id}/comments` against `…/12/vote`), and each would allocate one.
    static func bind(_ pattern: [RoutePatternSegment], to path: [String]) -> [String: String]? {
        for index in pattern.indices {
            switch pattern[index] {
            case .literal(let literal):
                if literal != path[index] { return nil }
            case .parameter:
                if path[index].isEmpty { return nil }
            }
        }
        var parameters: [String: String] = [:]
        for index in pattern.indices {
            if case .parameter(let name) = pattern[index] { parameters[name] = path[index] }
        }
        return parameters
    }
}
