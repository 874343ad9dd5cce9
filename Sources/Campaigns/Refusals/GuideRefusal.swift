// Why a mini-guide may not be started, saved or marked final.

/// The reason a change to a guide is refused.
public enum GuideRefusal: String, Refusal {
    /// Someone saved the guide after the editor opened it (the answer carries the current text).
    case stale = "guide_stale"
    /// Facilitators marked the guide final; it can no longer be edited.
    case final = "guide_final"
    /// Guides are started for ideas in the act round only.
    case notInActRound = "not_in_act_round"
    /// An idea has one guide.
    case exists = "guide_exists"
    /// A guide with nothing written cannot be marked final.
    case empty = "empty_guide"
    /// Comments are for published guides.
    case notPublished = "guide_not_published"

    public var message: String {
        switch self {
        case .stale: "Someone saved this guide after you opened it. Merge your changes into the current text."
        case .final: "This guide has been marked final and can no longer be edited."
        case .notInActRound: "Select the idea into the act round first."
        case .exists: "This idea already has a guide."
        case .empty: "Nothing has been written in this guide yet."
        case .notPublished: "This guide is not published yet, so it cannot be commented on."
        }
    }

    public var kind: RefusalKind { .conflict }
}
