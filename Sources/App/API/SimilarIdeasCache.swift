// The similar-ideas index of each campaign, rebuilt only when the texts it was built from change.
import Campaigns
import Synchronization

/// One `SimilarityIndex` per campaign with the version of the texts it holds (`ContributionStore
/// .similarityVersion`: every visible, unheld contribution's id and last edit). A vote or a comment
/// changes the database's data version but not that, so the index outlives them; a new, edited,
/// hidden, held or withdrawn contribution changes it, and the next request builds a new one.
final class SimilarIdeasCache: Sendable {
    /// Campaigns whose index is kept at most; the least recently used goes first.
    static let maxCampaigns = 16

    private struct Entry {
        var version: [Int64]
        var index: SimilarityIndex
        var lastUse: UInt64
    }

    private struct State {
        var entries: [Int64: Entry] = [:]
        var clock: UInt64 = 0
    }

    /// Guarded by its own lock, held only for dictionary work: an index is built outside it (two
    /// requests may build the same one at once; the later simply replaces the earlier).
    private let state = Mutex(State())

    /// The index of `campaignID` for texts at `version`, built from `documents()` when none is kept.
    func index(campaignID: Int64, version: [Int64], documents: () throws -> [SimilarityDocument]) rethrows -> SimilarityIndex {
        let kept: SimilarityIndex? = state.withLock { state in
            guard var entry = state.entries[campaignID], entry.version == version else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[campaignID] = entry
            return entry.index
        }
        if let kept { return kept }
        let built = SimilarityIndex(try documents())
        state.withLock { state in
            state.clock += 1
            state.entries[campaignID] = Entry(version: version, index: built, lastUse: state.clock)
            if state.entries.count > Self.maxCampaigns,
               let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                state.entries[oldest] = nil
            }
        }
        return built
    }
}
