// A guide for one idea in the Act phase: its fixed sections and one saved revision of the text.

/// The sections every guide has, in the order readers see them.
public enum GuideSection: String, CaseIterable, Sendable {
    case problem
    case whatToDo
    case howToStart
    case whatItNeeds
    case evidence

    public var heading: String {
        switch self {
        case .problem: "The problem"
        case .whatToDo: "What to do"
        case .howToStart: "How to start"
        case .whatItNeeds: "What it needs"
        case .evidence: "Evidence"
        }
    }
}

/// The text of a guide at one revision. Revision numbers start at 1 and grow by one per save.
public struct GuideRevision: Sendable, Equatable {
    public var revision: Int
    public var title: String
    /// Section → text; a missing section is empty.
    public var sections: [GuideSection: String]

    public init(revision: Int, title: String, sections: [GuideSection: String]) {
        self.revision = revision
        self.title = title
        self.sections = sections
    }

    public func text(_ section: GuideSection) -> String { sections[section] ?? "" }

    public static let titleMaxCharacters = 200
    public static let sectionMaxCharacters = 10_000

    /// Why a save is refused.
    public enum SaveRefusal: Error, Sendable, Equatable {
        /// Someone saved since `base`; the caller must merge with `current` and try again.
        case stale(current: Int)
        /// The guide was marked final and can no longer be edited.
        case final
    }

    /// Optimistic concurrency: a save based on revision `base` succeeds only if `base` is
    /// still the latest; the new revision is `current + 1`.
    public static func nextRevision(base: Int, current: Int, isFinal: Bool) -> Result<Int, SaveRefusal> {
        if isFinal { return .failure(.final) }
        guard base == current else { return .failure(.stale(current: current)) }
        return .success(current + 1)
    }
}
