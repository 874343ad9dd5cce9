// Registers every /admin route, each wrapped so staff sign-in failures and caching are handled alike.
import HTTP

/// The staff area's route table. `register` is the one call the app's route builder makes.
enum AdminRoutes {
    static func register(_ router: inout Router<AppContext>) {
        let throttle = SignInThrottle()
        let hasher = PasswordHasher()
        SessionRoutes.register(&router, throttle: throttle, hasher: hasher)
        StaffRoutes.register(&router, hasher: hasher)
        CampaignSetupRoutes.register(&router)
        QuestionRoutes.register(&router)
        PhaseRoutes.register(&router)
        ModerationRoutes.register(&router)
        StatsRoutes.register(&router)
        AuditRoutes.register(&router)
        InvitationRoutes.register(&router)
        MailStatusRoutes.register(&router)
        AuthorMessageRoutes.register(&router)
        AnnouncementRoutes.register(&router)
        InvitationRequestRoutes.register(&router)
        MailTemplateRoutes.register(&router)
        OutcomeRoutes.register(&router)
    }

    /// Adds a route whose handler may throw `StaffAuthError` (answered here with its 401) and
    /// whose responses are never cached: staff data must not linger in shared caches.
    ///
    /// Any other error a handler throws for a caller who is not signed in becomes that 401 too, so
    /// handlers that look up `{slug}` or `{id}` (or read the body) before checking the caller
    /// cannot tell an anonymous prober which campaigns and ids exist. `signIn` marks the one
    /// route that serves callers who are not signed in: its own errors pass through.
    static func add(
        _ router: inout Router<AppContext>, _ method: HTTPMethod, _ pattern: String, maxBodySize: Int? = nil,
        signIn: Bool = false, _ handler: @escaping Router<AppContext>.Handler
    ) {
        router.add(method, pattern, on: .pool, maxBodySize: maxBodySize) { request, context in
            var response: Response
            do {
                response = try handler(request, context)
            } catch let error as StaffAuthError {
                response = error.response
            } catch let error where !signIn {
                guard try context.staffCaller(request) == nil else { throw error }
                response = StaffAuthError.signInRequired.response
            }
            if !response.headers.contains("Cache-Control") { response.headers.add("Cache-Control", "no-store") }
            return response
        }
    }
}
