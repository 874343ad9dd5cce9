// The codebook's vocabulary: what kind of theme a theme is, and an analyst's decision on one item.

/// What a theme names in the method: a barrier to change, a building block for it, or a
/// facilitator's own category. Stored as text: `barrier`, `building_block`, or the custom name.
public enum ThemeKind: Sendable, Equatable, Hashable {
    case barrier
    case buildingBlock
    /// A facilitator's own kind: lower-case letters, digits, `_` and `-`, 1…32 characters (the
    /// codebook import has always allowed `-`, the console `_` and digits; both are kept).
    case custom(String)

    public init?(rawValue: String) {
        switch rawValue {
        case "barrier": self = .barrier
        case "building_block": self = .buildingBlock
        default:
            let allowed = rawValue.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
            }
            guard allowed, (1...32).contains(rawValue.unicodeScalars.count) else { return nil }
            self = .custom(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .barrier: "barrier"
        case .buildingBlock: "building_block"
        case .custom(let name): name
        }
    }
}

/// One analyst's (or team's) decision on one contribution: a set of themes, or "not relevant".
/// Exactly one of the two: an empty theme set is only valid as "not relevant".
public struct CodeDecision: Sendable, Equatable, Hashable {
    public var themes: Set<Int64>
    public var notRelevant: Bool

    public enum Problem: String, Error, Sendable {
        /// Neither a theme nor "not relevant" was given.
        case empty
        /// Themes were given together with "not relevant".
        case contradictory
        /// More themes than a single contribution plausibly carries.
        case tooMany = "too_many"

        public var message: String {
            switch self {
            case .empty: "Choose at least one theme, or mark the contribution as not relevant."
            case .contradictory: "A contribution marked not relevant cannot also have themes."
            case .tooMany: "Choose at most \(CodeDecision.maxThemes) themes."
            }
        }
    }

    public static let maxThemes = 12

    public init(themes: Set<Int64>, notRelevant: Bool) {
        self.themes = themes
        self.notRelevant = notRelevant
    }

    /// Checks the decision's shape (theme ids are checked against the codebook elsewhere).
    public static func validated(themes: [Int64], notRelevant: Bool) -> Result<CodeDecision, Problem> {
        let set = Set(themes)
        if notRelevant && !set.isEmpty { return .failure(.contradictory) }
        if !notRelevant && set.isEmpty { return .failure(.empty) }
        if set.count > maxThemes { return .failure(.tooMany) }
        return .success(CodeDecision(themes: set, notRelevant: notRelevant))
    }

    /// The label `AgreementReport.build` expects: the theme set, empty for "not relevant".
    public var agreementLabel: Set<Int64> { notRelevant ? [] : themes }
}
