// The votes the writer has committed to `vote_journal` but not yet folded into the tables, held in memory so reads can add them.
import Campaigns
import Dispatch
import Synchronization

/// A range of `vote_journal.seq` as one snapshot sees it: the rows still unfolded there. Every row
/// below `lo` is folded into `votes` and the counts in that same snapshot; none from `lo` on is.
public struct JournalWindow: Sendable, Equatable {
    public var lo: Int64
    public var hi: Int64

    func contains(_ seq: Int64) -> Bool { seq >= lo && seq <= hi }
}

/// A contributor's latest vote on one contribution in the journal: `.neither` when retracted.
struct JournaledVote: Equatable {
    var vote: Vote
    var seq: Int64
}

/// The journal's rows, with what each did to its contribution's counts, shared by the writer (which
/// records them and folds them) and the readers (which add them to what they read).
///
/// The writer records a vote just before its batch commits and discards it if the batch does not;
/// readers only ever look at the window their own snapshot names (`JournalWindow`), so a vote they
/// cannot see yet, or one already folded in their snapshot, is ignored. Folded votes stay here for
/// `retention` after the transaction that folded them, for readers that took their snapshot just
/// before it; a reader whose window reaches below what is still held gets `nil` and reads the
/// journal table instead (`VoteStore.replayJournal`), so the memory is a shortcut, never the truth.
///
/// `@unchecked Sendable`: the only stored state is `state`, a Mutex; `retention` is immutable.
public final class VoteJournal: @unchecked Sendable {
    /// One journal row: its vote and what it changed in its contribution's `up` and `down`.
    struct Entry {
        var seq: Int64
        var contributorID: Int64
        var vote: Vote
        var up: Int8
        var down: Int8
    }

    struct State {
        /// Held entries by contribution, each list in ascending `seq`.
        var byContribution: [Int64: [Entry]] = [:]
        /// Every held entry's (seq, contribution), ascending: the order to discard and prune in.
        var order: [(seq: Int64, contributionID: Int64)] = []
        var head = 0
        /// Entries below this were pruned: a window reaching below it is not covered.
        var heldFrom: Int64 = 0
        /// The highest `seq` in a committed transaction, and the highest folded (as committed).
        var committedThrough: Int64 = 0
        var foldedThrough: Int64 = 0
        /// When the oldest committed, unfolded entry was recorded (uptime nanoseconds).
        var oldestUnfoldedAt: UInt64?
        /// Folds that committed, with when: entries up to `through` go once `retention` has passed.
        var folds: [(through: Int64, at: UInt64)] = []
    }

    private let state = Mutex(State())
    /// How long folded entries stay for readers with an older snapshot, in nanoseconds.
    let retention: UInt64

    public init(retentionMilliseconds: Int = 2000) {
        retention = UInt64(max(0, retentionMilliseconds)) * 1_000_000
    }

    // MARK: The writer's side

    /// Starts empty after `seq`, the highest `seq` the table ever gave (its rows all folded).
    func start(after seq: Int64) {
        state.withLock { state in
            state = State()
            state.heldFrom = seq + 1
            state.committedThrough = seq
            state.foldedThrough = seq
        }
    }

    /// Adds the row `seq`, written in the open transaction; `old` is the vote it replaces.
    func record(seq: Int64, contributionID: Int64, contributorID: Int64, vote: Vote, old: Vote) {
        let change = CountChange(from: old, to: vote)
        let entry = Entry(seq: seq, contributorID: contributorID, vote: vote, up: Int8(change.up), down: Int8(change.down))
        state.withLock { state in
            state.byContribution[contributionID, default: []].append(entry)
            state.order.append((seq, contributionID))
        }
    }

    /// The highest `seq` recorded so far: a mark to discard back to.
    var lastRecorded: Int64 {
        state.withLock { state in state.order.last?.seq ?? state.committedThrough }
    }

    /// The highest `seq` a committed transaction folded.
    var foldedThrough: Int64 { state.withLock { $0.foldedThrough } }

    /// Drops the entries recorded after `mark`: their savepoint or transaction was rolled back.
    func discard(after mark: Int64) {
        state.withLock { state in
            while state.order.count > state.head, let last = state.order.last, last.seq > mark {
                state.order.removeLast()
                state.byContribution[last.contributionID]?.removeLast()
                if state.byContribution[last.contributionID]?.isEmpty == true {
                    state.byContribution[last.contributionID] = nil
                }
            }
        }
    }

    /// Drops what the failed transaction recorded.
    func discardUncommitted() {
        discard(after: state.withLock { $0.committedThrough })
    }

    /// The transaction committed: its entries are durable, and if it folded the journal up to
    /// `folded`, those entries start their retention.
    func committed(folded: Int64?, now: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        state.withLock { state in
            let last = state.order.last?.seq ?? state.committedThrough
            if last > state.committedThrough, state.oldestUnfoldedAt == nil { state.oldestUnfoldedAt = now }
            state.committedThrough = max(state.committedThrough, last)
            if let folded, folded > state.foldedThrough {
                state.foldedThrough = folded
                state.folds.append((folded, now))
                state.oldestUnfoldedAt = state.committedThrough > folded ? now : nil
            }
            Self.prune(&state, now: now, retention: retention)
        }
    }

    /// Entries folded longer than `retention` ago leave memory.
    private static func prune(_ state: inout State, now: UInt64, retention: UInt64) {
        var through: Int64?
        while let first = state.folds.first, now >= first.at + retention {
            through = first.through
            state.folds.removeFirst()
        }
        guard let through else { return }
        while state.head < state.order.count, state.order[state.head].seq <= through {
            let contributionID = state.order[state.head].contributionID
            state.byContribution[contributionID]?.removeFirst()
            if state.byContribution[contributionID]?.isEmpty == true { state.byContribution[contributionID] = nil }
            state.head += 1
        }
        state.heldFrom = through + 1
        if state.head > 4096, state.head * 2 > state.order.count {
            state.order.removeFirst(state.head)
            state.head = 0
        }
    }

    /// Committed votes not yet folded (counted by `seq`, so a rolled-back gap counts too), and how
    /// long the oldest has waited, in nanoseconds.
    func unfolded(now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> (count: Int64, age: UInt64) {
        state.withLock { state in
            (state.committedThrough - state.foldedThrough, state.oldestUnfoldedAt.map { now >= $0 ? now - $0 : 0 } ?? 0)
        }
    }

    // MARK: Reading through a window

    /// What the window's votes add to each contribution's `up` and `down` (contributions they do not
    /// touch are absent), or `nil` when part of the window has left memory.
    func countChanges(for ids: some Sequence<Int64>, in window: JournalWindow) -> [Int64: CountChange]? {
        state.withLock { state in
            guard window.lo >= state.heldFrom else { return nil }
            var changes: [Int64: CountChange] = [:]
            for id in ids {
                guard let entries = state.byContribution[id] else { continue }
                var change = CountChange()
                for entry in entries where window.contains(entry.seq) {
                    change += CountChange(up: Int(entry.up), down: Int(entry.down))
                }
                if !change.isZero { changes[id] = change }
            }
            return changes
        }
    }

    /// The latest vote in the window by `contributorID` on each of `ids` (every contribution when
    /// `nil`), `.neither` for a retracted one; absent where the window holds none. `nil` as `countChanges`.
    func latestVotes(by contributorID: Int64, on ids: [Int64]?, in window: JournalWindow) -> [Int64: JournaledVote]? {
        state.withLock { state in
            guard window.lo >= state.heldFrom else { return nil }
            var votes: [Int64: JournaledVote] = [:]
            func scan(_ id: Int64, _ entries: [Entry]) {
                for entry in entries.reversed() where entry.contributorID == contributorID && window.contains(entry.seq) {
                    votes[id] = JournaledVote(vote: entry.vote, seq: entry.seq)
                    return
                }
            }
            if let ids {
                for id in ids { if let entries = state.byContribution[id] { scan(id, entries) } }
            } else {
                for (id, entries) in state.byContribution { scan(id, entries) }
            }
            return votes
        }
    }
}
