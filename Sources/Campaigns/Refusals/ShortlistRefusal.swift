// Why an idea may not enter a shortlist round.

/// The reason shortlist eligibility refuses an idea.
public enum ShortlistRefusal: String, Refusal {
    /// Only visible ideas from the Answer phase can be shortlisted.
    case notAnIdea = "not_an_idea"
    /// Each round draws from the one before.
    case notInPreviousRound = "not_in_previous_round"
    /// The act round waits until Prioritise is no longer open.
    case prioritiseOpen = "prioritise_open"
    /// The published round needs the idea's guide to be marked final.
    case guideNotFinal = "guide_not_final"

    public var message: String {
        switch self {
        case .notAnIdea: "Only visible ideas from Answer can be shortlisted."
        case .notInPreviousRound: "Select the idea into the round before this one first."
        case .prioritiseOpen: "Close Prioritise before choosing the act round."
        case .guideNotFinal: "Mark the idea's guide final before publishing it."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .notAnIdea: .unprocessable
        case .notInPreviousRound, .prioritiseOpen, .guideNotFinal: .conflict
        }
    }
}
