// Why a report of a contribution may not be recorded.

/// The reason a flag is refused.
public enum FlagRefusal: String, Refusal {
    /// Each contributor reports a contribution once.
    case alreadyFlagged = "already_flagged"

    public var message: String {
        switch self {
        case .alreadyFlagged: "You have already reported this."
        }
    }

    public var kind: RefusalKind { .conflict }
}
