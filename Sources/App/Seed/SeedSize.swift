// The campaign sizes `groundswell seed` can generate, and how many rows of each kind they hold.

/// A generated campaign's size. `realistic` and `nation` are issue 9's load-test campaigns (civic
/// ideas with published themes); `changeChallenge` is the Understand phase of the NHS campaign the
/// method comes from (1,455 people, 7,524 contributions) written around a 21-theme codebook that is
/// not published yet, for the analysis aids (issue 24).
public enum SeedSize: String, CaseIterable, Sendable {
    case realistic
    case nation
    case changeChallenge = "change-challenge"

    /// Contributors (each holds a token), including the authors and voters.
    public var people: Int {
        switch self {
        case .realistic: 3_600
        case .nation: 1_400_000
        case .changeChallenge: 1_455
        }
    }

    public var contributions: Int {
        switch self {
        case .realistic: 10_000
        case .nation: 100_000
        case .changeChallenge: 7_524
        }
    }

    public var votes: Int {
        switch self {
        case .realistic: 200_000
        case .nation: 10_000_000
        case .changeChallenge: 40_000
        }
    }

    public var comments: Int {
        switch self {
        case .realistic: 30_000
        case .nation: 1_000_000
        case .changeChallenge: 3_000
        }
    }

    /// What the contributions are written around.
    var corpus: SeedCorpus {
        switch self {
        case .realistic, .nation: .civic
        case .changeChallenge: .changeChallenge
        }
    }

    /// Rows per transaction: big enough that COMMIT costs nothing per row, small enough that the WAL
    /// stays a few tens of megabytes before the automatic checkpoint.
    var chunkRows: Int { 100_000 }
}

/// The kinds of text a seed writes.
enum SeedCorpus {
    /// Civic ideas from `PhraseGrammar`, about four in ten tagged with one of eight published themes.
    case civic
    /// `ChangeChallengeCorpus`: one question, 21 codebook themes not yet published, no tags.
    case changeChallenge
}
