// Why a phase cannot be opened, closed or scheduled, as decided by `PhaseTransitions`.

/// The reason a phase transition or schedule is refused.
public enum TransitionRefusal: String, Refusal {
    case anotherPhaseOpen = "another_phase_open"
    case outOfOrder = "out_of_order"
    case alreadyOpen = "already_open"
    case notOpen = "not_open"
    case reasonRequired = "reason_required"
    /// An opening time for a phase that is open or has closed.
    case alreadyRun = "phase_already_run"
    /// A schedule whose closing time is not after its opening time.
    case closesBeforeOpening = "closes_before_opening"

    public var message: String {
        switch self {
        case .anotherPhaseOpen: "Close the open phase before opening another."
        case .outOfOrder: "Phases open in order: every earlier phase must be closed and this one not yet run."
        case .alreadyOpen: "This phase is already open."
        case .notOpen: "This phase is not open."
        case .reasonRequired: "Re-opening a closed phase needs a reason."
        case .alreadyRun: "Only a phase that has not run can get an opening time."
        case .closesBeforeOpening: "A phase must close after it opens."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .closesBeforeOpening: .unprocessable
        case .anotherPhaseOpen, .outOfOrder, .alreadyOpen, .notOpen, .reasonRequired, .alreadyRun: .conflict
        }
    }
}
