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

    /// Optimistic concurrency: a save based on revision `base` succeeds only if `base` is
    /// still the latest (else `stale`: the editor merges with the current text and tries again);
    /// the new revision is `current + 1`. A final guide refuses every save (`final`).
    public static func nextRevision(base: Int, current: Int, isFinal: Bool) -> Result<Int, GuideRefusal> {
        if isFinal { return .failure(.final) }
        guard base == current else { return .failure(.stale) }
        return .success(current + 1)
    }

    /// A guide is started for an idea in the act round, once.
    public static func start(inActRound: Bool, hasGuide: Bool) -> GuideRefusal? {
        if !inActRound { return .notInActRound }
        return hasGuide ? .exists : nil
    }

    /// Marking a guide final needs something written in it; re-opening it is always allowed.
    public static func mark(final isFinal: Bool, revision: Int) -> GuideRefusal? {
        isFinal && revision == 0 ? .empty : nil
    }
}
