// The four phases a campaign moves through, and the state and schedule of each.

/// The four phases of a campaign, in the order they run.
public enum PhaseKind: String, CaseIterable, Sendable, Codable {
    case understand, answer, prioritise, act

    /// The phase that follows this one, or nil after `act`.
    public var next: PhaseKind? {
        switch self {
        case .understand: .answer
        case .answer: .prioritise
        case .prioritise: .act
        case .act: nil
        }
    }

    /// The phase before this one, or nil before `understand`.
    public var previous: PhaseKind? {
        switch self {
        case .understand: nil
        case .answer: .understand
        case .prioritise: .answer
        case .act: .prioritise
        }
    }

    /// The phase's position in the campaign, 0 for `understand` to 3 for `act`.
    public var position: Int {
        switch self {
        case .understand: 0
        case .answer: 1
        case .prioritise: 2
        case .act: 3
        }
    }

    /// The heading shown to people ("Understand").
    public var title: String {
        switch self {
        case .understand: "Understand"
        case .answer: "Answer"
        case .prioritise: "Prioritise"
        case .act: "Act"
        }
    }
}

/// Where a phase is in its life: it only ever moves pending → open → closed, except that a
/// facilitator may re-open the phase just closed (see `PhaseTransitions`).
public enum PhaseState: String, Sendable, Codable {
    case pending, open, closed
}

/// One phase of one campaign with its optional schedule (Unix seconds).
public struct Phase: Sendable, Equatable {
    public var kind: PhaseKind
    public var state: PhaseState
    /// When the phase opens by itself, if the rules allow it then; nil = only by hand.
    public var opensAt: Int64?
    /// When the phase closes by itself; nil = only by hand.
    public var closesAt: Int64?

    public init(kind: PhaseKind, state: PhaseState = .pending, opensAt: Int64? = nil, closesAt: Int64? = nil) {
        self.kind = kind
        self.state = state
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    /// The four phases of a new campaign, all pending and unscheduled.
    public static var initial: [Phase] {
        PhaseKind.allCases.map { Phase(kind: $0) }
    }

    /// Whole days left until `closesAt`, rounded up (one second left is one day), never negative;
    /// nil when there is no closing time.
    public static func daysLeft(closesAt: Int64?, now: Int64) -> Int? {
        guard let closesAt else { return nil }
        let seconds = closesAt - now
        guard seconds > 0 else { return 0 }
        let day: Int64 = 86_400
        return Int((seconds + day - 1) / day)
    }
}

extension Array where Element == Phase {
    /// The phase that is open, if any (the first one, should the data hold more than one).
    public var openPhase: Phase? {
        first { $0.state == .open }
    }

    /// The state of `kind`; a kind missing from the array counts as pending.
    public func state(of kind: PhaseKind) -> PhaseState {
        first { $0.kind == kind }?.state ?? .pending
    }

    /// Exactly four phases in campaign order: the first entry for each kind, a missing kind pending.
    public var normalised: [Phase] {
        PhaseKind.allCases.map { kind in first { $0.kind == kind } ?? Phase(kind: kind) }
    }
}
