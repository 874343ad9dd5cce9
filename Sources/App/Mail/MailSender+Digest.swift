// The daily reply digest: authors who asked for alerts hear that someone replied, at most once a day per replied item.
import Campaigns
import Storage

extension MailSender {
    /// Seconds between two digests: a day.
    static let digestInterval: Int64 = 86_400

    /// Run from the hourly upkeep: once `digestInterval` has passed since the last digest, one
    /// `replied` alert is queued for each contribution or comment that got a visible reply from someone
    /// else since then — for every such item, whether or not its author can be reached (the sender
    /// sends only to those who asked, the rest are blanks), so the queue tells staff nothing they
    /// cannot read on the campaign's page. The first run only sets the bookmark.
    func digestReplies(now: Int64) {
        do {
            let last = try database.read { try MailUpkeepStore($0).lastDigest() }
            if let last, now - last < Self.digestInterval { return }
            let key = self.key
            let queued = try database.write { connection -> Int in
                let store = MailUpkeepStore(connection)
                // Re-read inside the write: the bookmark is what the write sees.
                guard let since = try store.lastDigest() else {
                    try store.setLastDigest(now)
                    return 0
                }
                guard now - since >= Self.digestInterval else { return 0 }
                let items = try store.repliedItems(since: since, until: now)
                try store.setLastDigest(now)
                return try OutboxWriter(connection, key: key, now: now).alertEach(items, .replied)
            }
            if queued > 0 { log("mail: \(queued) reply alerts queued") }
        } catch {
            log("mail: the reply digest did not run, will retry: \(String(reflecting: type(of: error)))")
        }
    }
}
