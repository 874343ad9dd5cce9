// The method's two coding rounds: Understand's contributions, then Answer's ideas coded against the same themes.

/// Which contributions a coding round covers. Each round has its own queue, agreement, reconciliation
/// and findings; a code on an Answer idea never counts in Understand's figures, nor the other way.
public enum CodingRound: String, Sendable, CaseIterable {
    case understand, answer

    /// The phase whose contributions the round codes.
    public var phase: PhaseKind {
        switch self {
        case .understand: .understand
        case .answer: .answer
        }
    }

    /// The round a contribution of `phase` is coded in; nil for Prioritise and Act, which are not coded.
    public init?(phase: PhaseKind) {
        switch phase {
        case .understand: self = .understand
        case .answer: self = .answer
        case .prioritise, .act: return nil
        }
    }
}
