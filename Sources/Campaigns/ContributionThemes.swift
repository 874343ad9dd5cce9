// Which themes a contributor may tag a new contribution with: a few, and only those the campaign has published.

/// The theme rule of a new contribution: at most `maximum` themes, each one of the campaign's published themes
/// (a draft or archived theme is the team's business, not a label the crowd may use).
public enum ContributionThemes {
    public static let maximum = 20

    /// What is wrong with a choice of themes.
    public enum Problem: Sendable, Equatable {
        case tooMany, notPublished

        /// The sentence the API answers with, on the `themes` field.
        public var message: String {
            switch self {
            case .tooMany: "Choose at most \(ContributionThemes.maximum) themes."
            case .notPublished: "Choose from the campaign's published themes."
            }
        }
    }

    /// The count alone, checked before anything is read.
    public static func check(count: Int) -> Problem? {
        count > maximum ? .tooMany : nil
    }

    /// The whole choice against the campaign's published theme ids.
    public static func check(_ chosen: [Int64], published: Set<Int64>) -> Problem? {
        if let problem = check(count: chosen.count) { return problem }
        return chosen.allSatisfy(published.contains) ? nil : .notPublished
    }
}
