// Plain values the campaign store returns: a campaign row, its questions, profile questions, themes and counts.
import Campaigns

/// One row of `campaigns`. `accessCodeHash` and `pseudonymSecret` never leave the server.
public struct CampaignRecord: Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    public var description: String
    public var state: CampaignState
    public var access: AccessMode
    /// HMAC(server key, code) when `accessCodeKeyed`; the unkeyed SHA-256 of a code set before
    /// migration 0006 otherwise (re-keyed when next used).
    public var accessCodeHash: [UInt8]?
    public var flagThreshold: Int
    public var premoderation: Bool
    /// Zero bits a join's proof of work must have; 0 asks for none (open campaigns only).
    public var joinProofBits: Int
    public var createdAt: Int64
    public var accessCodeKeyed: Bool
}

/// What a new campaign needs; the rest takes its schema default.
public struct NewCampaign: Sendable {
    public var slug: String
    public var title: String
    public var summary: String
    public var description: String
    public var state: CampaignState
    public var access: AccessMode
    /// HMAC(server key, code) of the shared access code, if any.
    public var accessCodeHash: [UInt8]?
    /// Random bytes used later to derive stable pseudonyms in exports; never shown.
    public var pseudonymSecret: [UInt8]
    public var flagThreshold: Int

    public init(
        slug: String, title: String, summary: String, description: String, state: CampaignState,
        access: AccessMode, accessCodeHash: [UInt8]? = nil, pseudonymSecret: [UInt8], flagThreshold: Int = 3
    ) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.description = description
        self.state = state
        self.access = access
        self.accessCodeHash = accessCodeHash
        self.pseudonymSecret = pseudonymSecret
        self.flagThreshold = flagThreshold
    }
}

public struct QuestionRecord: Sendable, Equatable {
    public var id: Int64
    public var phase: PhaseKind
    public var text: String
}

public struct ProfileQuestionRecord: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var label: String
    public var choices: [String]
    public var required: Bool

    public init(id: Int64 = 0, key: String, label: String, choices: [String], required: Bool) {
        self.id = id
        self.key = key
        self.label = label
        self.choices = choices
        self.required = required
    }
}

public struct ThemeRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: ThemeKind
    public var description: String
}

/// Public counts shown on a campaign page.
public struct CampaignCounts: Sendable, Equatable {
    public var participants: Int
    public var contributions: Int
    public var comments: Int
    public var votes: Int
}
