// Why an idea's status may not be set, or an implementation update added.

/// The reason reporting an outcome is refused.
public enum OutcomeRefusal: String, Refusal {
    /// Outcomes are for visible ideas from Answer.
    case notReportable = "not_reportable"
    /// The idea already has that status; say what changed with a new one, or add an update.
    case unchanged = "status_unchanged"
    /// Implementation updates are for adopted ideas (adopted, in progress, implemented).
    case notAdopted = "not_adopted"

    public var message: String {
        switch self {
        case .notReportable: "Outcomes are reported on visible ideas from Answer only."
        case .unchanged: "The idea already has this status. Add an implementation update instead."
        case .notAdopted: "Set the idea's status to adopted first: updates are for ideas being implemented."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .notReportable: .unprocessable
        case .unchanged, .notAdopted: .conflict
        }
    }
}
