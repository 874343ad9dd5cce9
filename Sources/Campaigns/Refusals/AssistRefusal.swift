// Why the analysis aids refuse something, as a stable code and a sentence for the API.

/// A refusal of the candidate themes, the machine coder or its suggestions.
public enum AssistRefusal: String, Refusal {
    /// Fewer settled codes than `MachineCoderEvaluation.minimumSettled`: no figure, no suggestion.
    case tooFewSettledCodes = "too_few_settled_codes"
    /// The codebook has no theme to suggest.
    case noThemes = "no_themes"
    /// The caller's team has not saved its own code for the item yet: coding stays blind.
    case blindUntilCoded = "blind_until_coded"
    /// Analysts never see suggestions; reconcilers and facilitators do.
    case facilitatorsOnly = "suggestions_for_facilitators"
    /// The item is coded by the machine coder, which the campaign switched on for items no team codes.
    case machineCoded = "machine_coded"
    /// There are no Understand contributions to group yet.
    case nothingToGroup = "nothing_to_group"
    /// A candidate's contributions are too alike to be split in two.
    case cannotSplit = "cannot_split"
    /// The candidate was discarded or already named as a theme: it cannot be merged, split, named or discarded.
    case candidateClosed = "candidate_closed"
    /// Only a discarded candidate can be restored.
    case candidateNotDiscarded = "candidate_not_discarded"

    public var message: String {
        switch self {
        case .tooFewSettledCodes:
            "The machine coder is measured on settled codes (agreed or reconciled) and needs at least "
                + "\(MachineCoderEvaluation.minimumSettled) of them; code and settle more items first."
        case .noThemes: "The codebook has no themes yet."
        case .blindUntilCoded: "Save your team's own code for this item first: coding is blind."
        case .facilitatorsOnly: "The machine coder's suggestions are for reconcilers and facilitators only."
        case .machineCoded:
            "The machine coder codes this item for the campaign. A facilitator can switch machine coding off to return it to the teams."
        case .nothingToGroup: "There are no Understand contributions to group yet."
        case .cannotSplit: "The contributions of this candidate are too alike to split in two."
        case .candidateClosed: "That candidate was discarded or has become a theme; restore it or choose an open one."
        case .candidateNotDiscarded: "Only a discarded candidate can be restored."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .blindUntilCoded, .facilitatorsOnly: .notPermitted
        case .tooFewSettledCodes, .noThemes, .machineCoded, .nothingToGroup, .cannotSplit, .candidateClosed,
            .candidateNotDiscarded:
            .conflict
        }
    }
}
