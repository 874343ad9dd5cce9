// The vote journal as one connection sees it: the shared journal and, within a read transaction, its window.

/// Attached to every connection that reads or records votes (`Connection.attachment`), so reads add
/// the unfolded votes their snapshot holds (`VoteStore+Journal`). Confined like its connection.
final class VoteJournalView: ConnectionAttachment {
    let journal: VoteJournal
    /// Inside a read transaction the window cannot change, so it is asked once: nil until asked,
    /// then the snapshot's window (itself nil when the journal is empty there).
    var window: JournalWindow??
    /// Whether a read transaction is open, so `window` may be kept; never on the writer, whose own
    /// writes move the window.
    private(set) var keepsWindow = false

    init(journal: VoteJournal) {
        self.journal = journal
    }

    func readTransactionBegan() {
        keepsWindow = true
    }

    func readTransactionEnded() {
        keepsWindow = false
        window = nil
    }
}
