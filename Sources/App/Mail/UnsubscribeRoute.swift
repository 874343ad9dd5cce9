// One-click unsubscribe (RFC 8058): the token in a message's link says what to stop; nothing else is asked.
import Campaigns
import HTTP
import Storage

enum UnsubscribeRoute {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.post, "/api/unsubscribe/{token}", on: .pool, maxBodySize: 1024, unsubscribe)
    }

    /// POST (a mail client's one-click, RFC 8058 §3.2, or the unsubscribe page's button) → 200
    /// `{"unsubscribed": true}`. Stopping is idempotent: a second click, or a token whose address is
    /// gone already, answers the same. A token this server did not make is 404. A GET never
    /// unsubscribes (RFC 8058 §3.1: link checkers follow links); the footer's link opens a page that asks.
    static func unsubscribe(_ request: Request, _ context: AppContext) throws -> Response {
        guard let token = request.parameter("token"), let target = UnsubscribeToken.read(token, key: context.key) else {
            throw APIError.notFound
        }
        _ = try context.database.write { connection in
            switch target {
            case .invitation(let id):
                try InvitationStore(connection).unsubscribe(id: id)
            case .contributor(let id, let subscription):
                try MailAddressStore(connection).unsubscribe(contributorID: id, from: subscription)
            }
        }
        var json = JSONWriter()
        json.object { o in o.field("unsubscribed", true) }
        var response = Response.json(json.bytes)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
