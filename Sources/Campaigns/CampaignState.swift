// A campaign's lifecycle state.

/// A campaign's lifecycle: only a live campaign accepts anything from the crowd; draft and archived
/// campaigns are read-only (`CampaignMove` says how one moves between them).
public enum CampaignState: String, Sendable, Codable {
    case draft, live, archived
}
