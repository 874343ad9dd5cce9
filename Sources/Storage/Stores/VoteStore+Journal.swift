// Votes through the journal: appending one at group-commit speed, folding the journal into the tables, reading with it.
import Campaigns

extension VoteStore {
    /// The journal as this connection sees it; nil without a journal.
    var journalView: VoteJournalView? { connection.attachment as? VoteJournalView }

    /// Appends the vote to `vote_journal` and records it in `journal`; the tally adds the unfolded
    /// votes to the stored counts. One row on a page the batch shares, instead of four pages.
    func recordInJournal(
        _ journal: VoteJournal, contributionID: Int64, contributorID: Int64, vote: Vote, now: Int64
    ) throws -> VoteTally {
        guard let stored = try storedCounts(contributionID: contributionID, contributorID: contributorID) else {
            throw StoreError.notFound
        }
        var counts = stored.counts, old = stored.old
        if let window = try journalWindow() {
            let unfolded = try covering(window) { view -> (changes: [Int64: CountChange], latest: [Int64: JournaledVote])? in
                guard let changes = view.countChanges(for: [contributionID], in: window),
                      let latest = view.latestVotes(by: contributorID, on: [contributionID], in: window) else { return nil }
                return (changes, latest)
            }
            if let change = unfolded.changes[contributionID] { counts = counts + change }
            if let latest = unfolded.latest[contributionID] { old = latest.vote }
        }
        try connection.run(
            "INSERT INTO vote_journal (contribution_id, contributor_id, value, voted_at) VALUES (?, ?, ?, ?)",
            contributionID, contributorID, vote, now)
        journal.record(
            seq: connection.lastInsertRowID, contributionID: contributionID, contributorID: contributorID, vote: vote, old: old)
        return VoteTally(id: contributionID, counts: counts + CountChange(from: old, to: vote), myVote: vote)
    }

    /// Folds every journal row into `votes` and the contributions' counts, as if each had been
    /// written there in `seq` order, and deletes them; run it inside the writer's transaction.
    /// Only each pair's last vote is written, and each contribution's counts once. Returns the
    /// highest `seq` folded, `nil` when the journal was empty. Reads the table, not the memory, so
    /// rows another process wrote or folded are handled too.
    public func foldJournal() throws -> Int64? {
        var latest: [VoteKey: (vote: Vote, votedAt: Int64)] = [:]
        var first: Int64?
        var through: Int64?
        try connection.each("SELECT seq, contribution_id, contributor_id, value, voted_at FROM vote_journal ORDER BY seq", values: []) { row in
            latest[VoteKey(contributionID: row.int(1), contributorID: row.int(2))] = (try row.vote(3, table: "vote_journal"), row.int(4))
            if first == nil { first = row.int(0) }
            through = row.int(0)
            return true
        }
        guard let first, let through else { return nil }
        let keys = latest.keys.sorted()
        // What each row changed is in memory when it still holds them all (this writer recorded
        // them); otherwise each pair's stored vote is read before it is replaced.
        let remembered = journalView?.journal.countChanges(
            for: Set(keys.map(\.contributionID)), in: JournalWindow(lo: first, hi: through))
        var changes = remembered ?? [:]
        for key in keys {
            guard let vote = latest[key] else { continue }
            if remembered == nil {
                let old = try storedVote(contributionID: key.contributionID, contributorID: key.contributorID)
                changes[key.contributionID, default: CountChange()] += CountChange(from: old, to: vote.vote)
            }
            try writeVote(contributionID: key.contributionID, contributorID: key.contributorID, vote: vote.vote, votedAt: vote.votedAt)
        }
        for (id, change) in changes.sorted(by: { $0.key < $1.key }) where !change.isZero {
            guard let stored = try connection.queryOne("SELECT up, down FROM contributions WHERE id = ?", id, row: {
                VoteCounts(up: $0.int(0), down: $0.int(1))
            }) else { continue }
            try setCounts(contributionID: id, stored + change)
        }
        try connection.run("DELETE FROM vote_journal WHERE seq <= ?", through)
        return through
    }

    /// Whether the database has the journal's table (migration 0004).
    func hasJournal() throws -> Bool {
        try connection.queryOne("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'vote_journal'") { _ in true } ?? false
    }

    /// The highest `seq` the journal ever gave (0 before its first row).
    func journalSequence() throws -> Int64 {
        try connection.queryOne("SELECT seq FROM sqlite_sequence WHERE name = 'vote_journal'") { row -> Int64 in row.int(0) } ?? 0
    }

    /// The unfolded rows in this connection's snapshot, `nil` when there are none. Asked once per
    /// read transaction (the snapshot does not change), every time on the writer (its own writes do).
    func journalWindow() throws -> JournalWindow? {
        let view = journalView
        if let cached = view?.window { return cached }
        let window = try connection.queryOne(
            "SELECT (SELECT min(seq) FROM vote_journal), (SELECT max(seq) FROM vote_journal)"
        ) { row -> JournalWindow? in row.optionalInt(0).map { JournalWindow(lo: $0, hi: row.int(1)) } } ?? nil
        if let view, view.keepsWindow { view.window = .some(window) }
        return window
    }

    /// What the unfolded votes add to the given contributions' counts; empty without a journal.
    func journalCountChanges(for ids: [Int64]) throws -> [Int64: CountChange] {
        guard journalView != nil, !ids.isEmpty, let window = try journalWindow() else { return [:] }
        return try covering(window) { $0.countChanges(for: ids, in: window) }
    }

    /// The caller's latest unfolded votes on `ids` (every contribution when `nil`); `nil` without a journal.
    func journalVotes(by contributorID: Int64, on ids: [Int64]?) throws -> [Int64: JournaledVote]? {
        guard journalView != nil, let window = try journalWindow() else { return nil }
        return try covering(window) { $0.latestVotes(by: contributorID, on: ids, in: window) }
    }

    /// `body` over the shared journal, or, when it no longer holds the whole window, over the
    /// window's rows replayed from the table (always complete, so `body` answers there).
    private func covering<T>(_ window: JournalWindow, _ body: (VoteJournal) -> T?) throws -> T {
        if let journal = journalView?.journal, let answer = body(journal) { return answer }
        let replay = try replayJournal(window)
        guard let answer = body(replay) else { throw StoreError.notFound }
        return answer
    }

    /// The window's rows read from this snapshot, each with the vote it replaced, as a journal of their own.
    func replayJournal(_ window: JournalWindow) throws -> VoteJournal {
        let replay = VoteJournal(retentionMilliseconds: 0)
        replay.start(after: window.lo - 1)
        let rows = try connection.query(
            "SELECT seq, contribution_id, contributor_id, value FROM vote_journal WHERE seq BETWEEN ? AND ? ORDER BY seq",
            window.lo, window.hi
        ) { row in
            (seq: row.int(0) as Int64, contributionID: row.int(1) as Int64, contributorID: row.int(2) as Int64,
             vote: try row.vote(3, table: "vote_journal"))
        }
        for row in rows {
            let old = try replay.latestVotes(by: row.contributorID, on: [row.contributionID], in: window)?[row.contributionID]?.vote
                ?? storedVote(contributionID: row.contributionID, contributorID: row.contributorID)
            replay.record(seq: row.seq, contributionID: row.contributionID, contributorID: row.contributorID, vote: row.vote, old: old)
        }
        return replay
    }
}

/// One contributor's vote on one contribution, ordered as the `votes` primary key is.
struct VoteKey: Hashable, Comparable {
    var contributionID: Int64
    var contributorID: Int64

    static func < (lhs: VoteKey, rhs: VoteKey) -> Bool {
        (lhs.contributionID, lhs.contributorID) < (rhs.contributionID, rhs.contributorID)
    }
}
