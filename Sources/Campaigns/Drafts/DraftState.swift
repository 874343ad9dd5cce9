// The lifecycle of a draft document and of each amendment proposed to it.

/// A draft is open to challenge until facilitators publish its final version as the result.
public enum DraftState: String, Sendable, CaseIterable {
    case open
    /// The final version is published; nothing more is amended, voted or discussed.
    case final
}

/// An amendment waits for facilitators, who accept it (making a new version) or decline it, each
/// with a reason.
public enum AmendmentState: String, Sendable, CaseIterable {
    case pending, accepted, declined
}

/// A facilitator's answer to an amendment.
public enum AmendmentDecision: String, Sendable, CaseIterable {
    case accept, decline
}

/// The phases a draft runs in, chosen by its facilitator, as one small set.
public struct DraftPhases: Sendable, Equatable {
    public var kinds: Set<PhaseKind>

    public init(_ kinds: Set<PhaseKind>) {
        self.kinds = kinds
    }

    /// Stored as a bit per phase (understand 1, answer 2, prioritise 4, act 8).
    public init?(mask: Int) {
        guard (1...15).contains(mask) else { return nil }
        kinds = Set(PhaseKind.allCases.filter { mask & Self.bit($0) != 0 })
    }

    public var mask: Int { kinds.reduce(0) { $0 | Self.bit($1) } }

    /// In the campaign's order.
    public var ordered: [PhaseKind] { PhaseKind.allCases.filter(kinds.contains) }

    private static func bit(_ kind: PhaseKind) -> Int {
        switch kind {
        case .understand: 1
        case .answer: 2
        case .prioritise: 4
        case .act: 8
        }
    }
}
