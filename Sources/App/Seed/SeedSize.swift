// The two campaign sizes `groundswell seed` can generate, and how many rows of each kind they hold.

/// A generated campaign's size. The counts are those of issue 9: a realistic local campaign and a
/// nation-wide one.
public enum SeedSize: String, CaseIterable, Sendable {
    case realistic
    case nation

    /// Contributors (each holds a token), including the authors and voters.
    public var people: Int {
        switch self {
        case .realistic: 3_600
        case .nation: 1_400_000
        }
    }

    public var contributions: Int {
        switch self {
        case .realistic: 10_000
        case .nation: 100_000
        }
    }

    public var votes: Int {
        switch self {
        case .realistic: 200_000
        case .nation: 10_000_000
        }
    }

    public var comments: Int {
        switch self {
        case .realistic: 30_000
        case .nation: 1_000_000
        }
    }

    /// Rows per transaction: big enough that COMMIT costs nothing per row, small enough that the WAL
    /// stays a few tens of megabytes before the automatic checkpoint.
    var chunkRows: Int { 100_000 }
}
