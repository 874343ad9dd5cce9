// Percent-decoding and request-target parsing against tables of named cases (RFC 3986 §2.1, RFC 9112 §3.2).
import Testing
@testable import HTTP

struct DecodingCase: CustomTestStringConvertible, Sendable {
    let raw: String
    let plusIsSpace: Bool
    let expected: String?
    var testDescription: String { "\(raw)\(plusIsSpace ? " (query)" : "")" }

    static let all: [DecodingCase] = [
        DecodingCase(raw: "plain", plusIsSpace: false, expected: "plain"),
        DecodingCase(raw: "%41%62", plusIsSpace: false, expected: "Ab"),
        DecodingCase(raw: "%c3%A9t%C3%A9", plusIsSpace: false, expected: "été"),
        DecodingCase(raw: "a%2Fb", plusIsSpace: false, expected: "a/b"),  // stays inside its segment
        DecodingCase(raw: "a+b", plusIsSpace: false, expected: "a+b"),
        DecodingCase(raw: "a+b", plusIsSpace: true, expected: "a b"),
        DecodingCase(raw: "a%2Bb", plusIsSpace: true, expected: "a+b"),
        DecodingCase(raw: "", plusIsSpace: true, expected: ""),
        DecodingCase(raw: "%", plusIsSpace: false, expected: nil),
        DecodingCase(raw: "%4", plusIsSpace: false, expected: nil),
        DecodingCase(raw: "ab%4", plusIsSpace: true, expected: nil),
        DecodingCase(raw: "%zz", plusIsSpace: false, expected: nil),
        DecodingCase(raw: "%G1", plusIsSpace: false, expected: nil),
        DecodingCase(raw: "a%00b", plusIsSpace: false, expected: nil),  // a decoded NUL
        DecodingCase(raw: "%C3", plusIsSpace: false, expected: nil),  // not UTF-8
        DecodingCase(raw: "%FF%FE", plusIsSpace: true, expected: nil),
        DecodingCase(raw: "%ED%A0%80", plusIsSpace: false, expected: nil),  // an encoded surrogate
    ]
}

@Test(arguments: DecodingCase.all)
func percentDecoding(_ c: DecodingCase) {
    #expect(PercentDecoding.decode(Array(c.raw.utf8)[...], plusIsSpace: c.plusIsSpace) == c.expected)
}

@Test func decodingASliceReadsOnlyTheSlice() {
    let bytes = Array("xx%41yy".utf8)
    #expect(PercentDecoding.decode(bytes[2..<5], plusIsSpace: false) == "A")
    #expect(PercentDecoding.decode(bytes[2..<4], plusIsSpace: false) == nil, "an escape cut by the slice's end")
}

struct TargetCase: CustomTestStringConvertible, Sendable {
    let raw: String
    /// Segments, then `name=value` pairs; nil when refused.
    let expected: (segments: [String], query: [String])?
    var testDescription: String { raw }

    static let all: [TargetCase] = [
        TargetCase(raw: "/", expected: ([], [])),
        TargetCase(raw: "/api/campaigns/demo", expected: (["api", "campaigns", "demo"], [])),
        TargetCase(raw: "//api///x/", expected: (["api", "x"], [])),
        TargetCase(raw: "/c/a%2Fb", expected: (["c", "a/b"], [])),
        TargetCase(raw: "/s?q=parking+centre&sort=top", expected: (["s"], ["q=parking centre", "sort=top"])),
        TargetCase(raw: "/s?flag&empty=&=v", expected: (["s"], ["flag=", "empty=", "=v"])),
        TargetCase(raw: "/s?a=%26&b=1", expected: (["s"], ["a=&", "b=1"])),
        TargetCase(raw: "http://example.org/x?y=1", expected: (["x"], ["y=1"])),
        TargetCase(raw: "HTTPS://example.org:8443", expected: ([], [])),
        TargetCase(raw: "http://[::1]:80/x", expected: (["x"], [])),
        TargetCase(raw: "http://user@[::1]:80/x", expected: nil),  // userinfo: RFC 9110 §4.2.4
        TargetCase(raw: "/a/./b", expected: nil),
        TargetCase(raw: "/a/%2e%2E/b", expected: nil),
        TargetCase(raw: "/a/..", expected: nil),
        TargetCase(raw: "/a%00", expected: nil),
        TargetCase(raw: "/s?q=%zz", expected: nil),
        TargetCase(raw: "/s?%C3=1", expected: nil),
        TargetCase(raw: "example.org/x", expected: nil),
        TargetCase(raw: "ftp://example.org/x", expected: nil),
        TargetCase(raw: "http:///x", expected: nil),
        TargetCase(raw: "http://ex ample/x", expected: nil),
        TargetCase(raw: "http://ex%4/x", expected: nil),
    ]
}

@Test(arguments: TargetCase.all)
func requestTargets(_ c: TargetCase) {
    switch RequestTarget.parse(Array(c.raw.utf8)) {
    case .success(let target):
        #expect(!target.isAsterisk)
        #expect(target.pathSegments == c.expected?.segments)
        #expect(target.query.map { "\($0.name)=\($0.value)" } == c.expected?.query)
    case .failure(let error):
        #expect(c.expected == nil, "refused: \(error)")
        #expect(error.status == .badRequest)
    }
}

@Test func asteriskFormIsItsOwnTarget() throws {
    let target = try RequestTarget.parse(Array("*".utf8)).get()
    #expect(target.isAsterisk && target.pathSegments.isEmpty && target.query.isEmpty)
}
