// What became of an idea, from the fixed list the progress page reports (issue 23).

/// An idea's public status. The raw value is the API's and the database's name for it; the list
/// is fixed, so a new status is a new case and every switch over it must decide.
public enum OutcomeStatus: String, Sendable, CaseIterable, Codable {
    case underReview = "under_review"
    case shortlisted
    case inGuide = "in_guide"
    case adopted
    case inProgress = "in_progress"
    case implemented
    case notTakenForward = "not_taken_forward"

    /// How the progress page names it.
    public var label: String {
        switch self {
        case .underReview: "Under review"
        case .shortlisted: "Shortlisted"
        case .inGuide: "In the guide"
        case .adopted: "Adopted"
        case .inProgress: "In progress"
        case .implemented: "Implemented"
        case .notTakenForward: "Not taken forward"
        }
    }

    /// The organisation has taken the idea on, so implementation updates can be reported on it.
    public var isAdopted: Bool {
        switch self {
        case .adopted, .inProgress, .implemented: true
        case .underReview, .shortlisted, .inGuide, .notTakenForward: false
        }
    }
}
