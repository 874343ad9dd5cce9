// A draft's versions: each accepted amendment makes the next one, and any two can be compared (pure).

/// One section as a version holds it: the section's stable id (its contribution's) and its text.
public struct VersionedSection: Sendable, Equatable {
    public var sectionID: Int64
    public var text: DraftSectionText

    public init(sectionID: Int64, text: DraftSectionText) {
        self.sectionID = sectionID
        self.text = text
    }
}

/// The whole document at one version, sections in reading order.
public struct DraftVersion: Sendable, Equatable {
    public var number: Int
    public var sections: [VersionedSection]

    public init(number: Int, sections: [VersionedSection]) {
        self.number = number
        self.sections = sections
    }

    public func section(_ id: Int64) -> VersionedSection? {
        sections.first { $0.sectionID == id }
    }
}

/// How one section differs between two versions.
public struct SectionComparison: Sendable, Equatable {
    public var sectionID: Int64
    public var number: String
    public var heading: String
    /// Word runs from the older body to the newer (only `same` runs when nothing changed).
    public var runs: [DiffRun]
    public var changed: Bool { WordDiff.changes(runs) }
}

public enum DraftVersioning {
    /// The version after `version` with section `sectionID`'s body replaced by `body`; nil when the
    /// version has no such section. Every other section is carried over unchanged.
    public static func amend(_ version: DraftVersion, section sectionID: Int64, body: String) -> DraftVersion? {
        guard let index = version.sections.firstIndex(where: { $0.sectionID == sectionID }) else { return nil }
        var next = version
        next.number = version.number + 1
        next.sections[index].text.body = body
        return next
    }

    /// Section by section, in `to`'s order, how `from` became `to` (either may be the older; the
    /// runs read from `from` to `to`). A section that only one of them has is compared with nothing.
    public static func compare(_ from: DraftVersion, _ to: DraftVersion) -> [SectionComparison] {
        var result = to.sections.map { section in
            SectionComparison(
                sectionID: section.sectionID, number: section.text.number, heading: section.text.heading,
                runs: WordDiff.runs(from: from.section(section.sectionID)?.text.body ?? "", to: section.text.body))
        }
        for section in from.sections where to.section(section.sectionID) == nil {
            result.append(SectionComparison(
                sectionID: section.sectionID, number: section.text.number, heading: section.text.heading,
                runs: WordDiff.runs(from: section.text.body, to: "")))
        }
        return result
    }
}
