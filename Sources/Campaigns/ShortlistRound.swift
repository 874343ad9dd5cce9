// The three selections an idea passes through after Answer, and the criteria facilitators score.

/// A shortlist round. Stored as `shortlist_rounds.round` 1, 2, 3; the contributor API's
/// `shortlisted` flag means "in the campaign's latest round up to `crowdShortlist`", so rounds
/// only ever grow forward.
public enum ShortlistRound: String, CaseIterable, Sendable {
    /// Ideas opened to votes and comments in the Prioritise phase.
    case prioritise
    /// Ideas that get a guide in the Act phase.
    case act
    /// Ideas whose finished guide appears in the published guide.
    case published

    /// The last round the crowd's shortlist follows: the ideas chosen in Act. The published round
    /// marks which of them have a published guide; it does not take the others off the list.
    public static let crowdShortlist: ShortlistRound = .act

    public var number: Int {
        switch self {
        case .prioritise: 1
        case .act: 2
        case .published: 3
        }
    }

    /// The round an idea must already be in before it can enter this one.
    public var previous: ShortlistRound? {
        switch self {
        case .prioritise: nil
        case .act: .prioritise
        case .published: .act
        }
    }

    public init?(number: Int) {
        guard let round = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = round
    }
}

/// One scoring criterion of a campaign: a stable key (used in score requests) and its label.
public struct Criterion: Sendable, Equatable {
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }

    /// The method's four criteria, used until a facilitator sets others.
    public static let defaults: [Criterion] = [
        Criterion(key: "crowd", label: "Supported by the crowd"),
        Criterion(key: "doable", label: "Doable"),
        Criterion(key: "building_blocks", label: "Builds on building blocks"),
        Criterion(key: "innovative", label: "Innovative"),
    ]

    /// Lowest and highest score a facilitator can give on one criterion.
    public static let scoreRange: ClosedRange<Int> = 0...3

    /// How many criteria a campaign scores by, and how long a label may be (characters).
    public static let countRange: ClosedRange<Int> = 1...8
    public static let labelRange: ClosedRange<Int> = 1...120

    /// Whether `list` may be a campaign's criteria: 1…8 of them, keys valid and unique, labels 1…120
    /// characters (normalised).
    public static func isValidList(_ list: [Criterion]) -> Bool {
        countRange.contains(list.count) && Set(list.map(\.key)).count == list.count
            && list.allSatisfy { isValidKey($0.key) && labelRange.contains($0.label.count) }
    }

    /// Keys are lower-case letters, digits and `_`, 1…32 characters.
    public static func isValidKey(_ key: String) -> Bool {
        (1...32).contains(key.unicodeScalars.count) && key.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
    }
}
