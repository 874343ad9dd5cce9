// GET /api/campaigns/{slug}/events: the campaign's live updates as server-sent events.
import HTTP
import Storage

enum EventsRoute {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns/{slug}/events", on: .pool, events)
    }

    static func events(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let snapshot = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            if snapshot.isMembersOnly {
                try snapshot.requireReader(
                    context.contributor(token: request.contributorToken(slug: slug), campaignID: snapshot.campaign.id, in: connection))
            }
            return snapshot
        }
        let stream: EventStream
        switch context.events.subscribe(campaignID: snapshot.campaign.id, address: request.addressKey) {
        case .subscribed(let subscribed): stream = subscribed
        case .full: throw APIError.unavailable
        case .addressFull: throw APIError.tooManyStreams
        }
        var headers = Headers()
        headers.add("Content-Type", "text/event-stream; charset=utf-8")
        headers.add("Cache-Control", "no-store")
        // Tells buffering reverse proxies (nginx) to pass events through at once.
        headers.add("X-Accel-Buffering", "no")
        return Response(status: .ok, headers: headers, body: .stream(stream))
    }
}
