// Plain rows the export store returns: internal ids stay internal ids; the App turns them into pseudonyms.
import Campaigns

/// The campaign an export is about, with the secret its pseudonyms are derived from.
/// `pseudonymSecret` never leaves the server; only HMACs of it appear in exports.
public struct ExportCampaign: Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    public var description: String
    public var state: CampaignState
    public var createdAt: Int64
    public var pseudonymSecret: [UInt8]
}

/// One contribution with its question text, theme names and shortlist rounds resolved.
public struct ExportContribution: Sendable, Equatable {
    public var id: Int64
    public var phase: PhaseKind
    public var question: String
    public var official: Bool
    public var title: String?
    public var body: String
    public var state: ContributionState
    public var mergedInto: Int64?
    /// Theme names, sorted.
    public var themes: [String]
    public var up: Int
    public var down: Int
    public var score: Double
    public var comments: Int
    /// Shortlist round numbers, ascending.
    public var shortlistRounds: [Int64]
    public var createdAt: Int64
    /// Held for review: enough reports weighed to fold it away on the crowd's pages until a
    /// moderator decides. Its state stays what it was (`visible`), so this says it.
    public var held: Bool
}

public struct ExportComment: Sendable, Equatable {
    public var id: Int64
    public var contributionID: Int64
    public var parentID: Int64?
    public var official: Bool
    public var body: String
    public var state: CommentState
    public var createdAt: Int64
}

/// Votes of one contribution with one value on one UTC day: the export writes `count` rows alike,
/// so no order among them can stand for a voter.
public struct ExportVoteGroup: Sendable, Equatable {
    public var contributionID: Int64
    /// 00:00 UTC of the day (votes keep no finer time).
    public var day: Int64
    public var value: Int
    public var count: Int
}

/// One analyst's code for one contribution. Keyset: (contributionID, staffID).
public struct ExportCode: Sendable, Equatable {
    public var contributionID: Int64
    public var staffID: Int64
    /// The contribution's phase: the coding round the code belongs to.
    public var phase: PhaseKind
    /// `t<team id>`, or `s<staff id>` for an analyst coding alone.
    public var coder: String
    public var themeIDs: [Int64]
    public var notRelevant: Bool
    public var memo: String
    public var codedAt: Int64
    /// The facilitator's settlement of the item, when it was reconciled.
    public var reconciled: (themeIDs: [Int64], notRelevant: Bool)?

    public static func == (a: ExportCode, b: ExportCode) -> Bool {
        a.contributionID == b.contributionID && a.staffID == b.staffID && a.phase == b.phase && a.coder == b.coder
            && a.themeIDs == b.themeIDs && a.notRelevant == b.notRelevant && a.memo == b.memo && a.codedAt == b.codedAt
            && a.reconciled?.themeIDs == b.reconciled?.themeIDs && a.reconciled?.notRelevant == b.reconciled?.notRelevant
    }
}

/// A machine-coded item with the run that coded it and the figure the coder was measured at then.
public struct ExportMachineCode: Sendable, Equatable {
    public var contributionID: Int64
    public var themeIDs: [Int64]
    public var notRelevant: Bool
    public var confidence: Double
    public var runID: Int64
    public var runAt: Int64
    public var runKappa: Double?
    public var runHeldOut: Int
}

/// A crowd contribution with what the linked export needs of its author: their random id, the day they
/// joined and their sealed profile (opened by the App, which holds the key).
public struct ExportLinkedContribution: Sendable, Equatable {
    public var id: Int64
    public var phase: PhaseKind
    public var question: String
    public var state: ContributionState
    public var contributorID: Int64
    public var joinedOn: Int64
    public var profile: [UInt8]?
}

public struct ExportTheme: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: ThemeKind
    public var description: String
    public var parentID: Int64?
    public var published: Bool
}

/// Activity counted over one phase or one UTC day.
public struct ExportActivity: Sendable, Equatable {
    /// A phase name, or a day as Unix days since 1970-01-01.
    public var key: String
    public var participants: Int
    public var contributions: Int
    public var comments: Int
    public var votes: Int
}

public struct ExportAuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    public var actor: String
    public var action: String
    public var target: String
    public var reason: String
    public var hash: [UInt8]
}
