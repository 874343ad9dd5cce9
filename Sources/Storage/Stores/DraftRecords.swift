// Drafts as stored: the document, its amendments, its change log and what a vote or comment is checked against.
import Campaigns

/// A draft document. `version` is the current one; the final version, once published, is the
/// current one of a `final` draft.
public struct DraftRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var questionID: Int64
    public var title: String
    public var phases: DraftPhases
    public var state: DraftState
    public var version: Int
    public var createdAt: Int64
    public var finalisedAt: Int64?
}

/// What makes a contributor's contribution an amendment: the section and version it answers and
/// what facilitators made of it. The proposed body is the contribution's body.
public struct AmendmentRecord: Sendable, Equatable {
    public var contributionID: Int64
    public var draftID: Int64
    public var sectionID: Int64
    public var baseVersion: Int
    public var state: AmendmentState
    public var reason: String?
    public var decidedVersion: Int?
    public var decidedAt: Int64?
}

/// One line of the change log: the version it made, the amendment accepted (nil for the first
/// version) and the facilitator's reason.
public struct DraftChange: Sendable, Equatable {
    public var version: Int
    public var amendmentID: Int64?
    /// The section the accepted amendment changed.
    public var sectionID: Int64?
    public var reason: String
    public var createdAt: Int64
}

/// What a vote, comment or edit on a draft's contribution is checked against (`DraftRules`).
public struct DraftTarget: Sendable, Equatable {
    public var draftID: Int64
    public var kind: DraftItemKind
    public var draftState: DraftState
    public var phases: DraftPhases
    /// The amendment's state, when the target is one.
    public var amendment: AmendmentState?
}

/// An amendment as exported, with its section's number in the version it answered.
public struct AmendmentExportRow: Sendable, Equatable {
    public var amendment: AmendmentRecord
    public var sectionNumber: String
}

/// Where a page of `draft_versions.csv` starts: the last (draft, version, section position) written.
public struct DraftTextKey: Sendable, Equatable {
    public var draftID: Int64 = 0
    public var version: Int = 0
    public var position: Int = -1
    public var sectionID: Int64 = 0

    public init() {}

    init(draftID: Int64, version: Int, position: Int, sectionID: Int64) {
        self.draftID = draftID
        self.version = version
        self.position = position
        self.sectionID = sectionID
    }
}

/// One section of one version, as exported, with the change-log line of its version.
public struct DraftTextExportRow: Sendable, Equatable {
    public var key: DraftTextKey
    public var text: DraftSectionText
    public var amendmentID: Int64?
    public var change: String
    public var madeAt: Int64
}
