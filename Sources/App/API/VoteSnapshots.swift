// The campaign snapshots a vote is checked against, kept on the writer between votes.
import Storage
import Synchronization

/// The campaign snapshots votes are checked against, kept on the writer between votes: a vote
/// changes no campaign, so a snapshot stays true until a write that is not a vote starts there
/// (`Database.generalWritesBegun`; phase changes, scheduled ones included, are such writes).
/// Saves each vote two queries and a campaign decode on the one thread every vote goes through.
final class VoteSnapshots: Sendable {
    private let cache = Mutex<(otherWrites: Int, byCampaign: [Int64: CampaignSnapshot])>((-1, [:]))

    /// The snapshot of campaign `id` as the writer's `connection` sees it, inside a vote's write body
    /// of `database`.
    func snapshot(campaignID id: Int64, on connection: Connection, of database: Database) throws -> CampaignSnapshot {
        let otherWrites = database.generalWritesBegun
        if let kept = cache.withLock({ $0.otherWrites == otherWrites ? $0.byCampaign[id] : nil }) { return kept }
        let snapshot = try CampaignSnapshot.load(id: id, in: connection)
        cache.withLock { cache in
            if cache.otherWrites != otherWrites { cache = (otherWrites, [:]) }
            cache.byCampaign[id] = snapshot
        }
        return snapshot
    }
}
