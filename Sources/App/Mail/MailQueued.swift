// The answer of every route that queues mail: the sender woken for the new rows, then 202 with their count.
import HTTP

extension AppContext {
    /// Wakes the outbox's sender (the rows are committed) and answers 202 `{queued, …}`; `fields` writes
    /// what follows the count.
    func mailQueued(_ queued: Int, _ fields: (inout JSONWriter) -> Void = { _ in }) -> Response {
        mail.wake()
        var json = JSONWriter()
        json.object { o in
            o.field("queued", queued)
            fields(&o)
        }
        return .json(json.bytes, status: .accepted)
    }
}
