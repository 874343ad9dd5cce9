// How a campaign moves through its lifecycle: launched once from a draft, archived once for good.

/// A change to a campaign's lifecycle state that staff can ask for.
public enum CampaignMove: Sendable, CaseIterable {
    /// draft → live.
    case launch
    /// draft or live → archived.
    case archive

    /// The state `self` leads to from `state`, or why it cannot happen.
    public func apply(to state: CampaignState) -> Result<CampaignState, CampaignRefusal> {
        switch (state, self) {
        case (.draft, .launch): .success(.live)
        case (.draft, .archive), (.live, .archive): .success(.archived)
        case (.live, .launch): .failure(.alreadyLive)
        case (.archived, .launch), (.archived, .archive): .failure(.archived)
        }
    }
}

extension CampaignState {
    /// Staff may change the set-up, phases and moderation of draft and live campaigns only.
    public var editRefusal: CampaignRefusal? {
        switch self {
        case .draft, .live: nil
        case .archived: .archived
        }
    }
}
