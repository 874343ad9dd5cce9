// A moderation decision's reason against an oracle table: required, at most 1,000 characters.
import Testing
@testable import Campaigns

private let cases: [(String, ModerationReason.Problem?)] = [
    ("", .missing), ("Names a patient", nil), (String(repeating: "x", count: 1000), nil),
    (String(repeating: "x", count: 1001), .tooLong), (String(repeating: "é", count: 1001), .tooLong),
]

@Test(arguments: cases)
func moderationReasons(reason: String, problem: ModerationReason.Problem?) {
    #expect(ModerationReason.check(reason) == problem)
}
