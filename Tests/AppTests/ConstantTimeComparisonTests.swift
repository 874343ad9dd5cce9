// Credentials are compared in constant time: the compare function itself, and a scan of the App's sources for its call sites.
import Foundation
import Testing
@testable import App

@Suite struct ConstantTimeComparisonTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let a: [UInt8]
        let b: [UInt8]
        let equal: Bool
        var testDescription: String { name }
    }

    static let digest: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

    static func flipped(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        var copy = bytes
        copy[index] ^= 0x01
        return copy
    }

    static let cases: [Case] = [
        Case(name: "equal digests", a: digest, b: digest, equal: true),
        Case(name: "both empty", a: [], b: [], equal: true),
        Case(name: "first byte differs", a: digest, b: flipped(digest, at: 0), equal: false),
        Case(name: "last byte differs", a: digest, b: flipped(digest, at: 31), equal: false),
        Case(name: "a middle byte differs", a: digest, b: flipped(digest, at: 16), equal: false),
        Case(name: "shorter prefix", a: digest, b: Array(digest.prefix(31)), equal: false),
        Case(name: "longer with a suffix", a: digest, b: digest + [0], equal: false),
        Case(name: "empty against non-empty", a: [], b: digest, equal: false),
        Case(name: "every bit differs", a: digest, b: digest.map { ~$0 }, equal: false),
    ]

    @Test(arguments: cases) func compares(_ example: Case) {
        #expect(Tokens.constantTimeEqual(example.a, example.b) == example.equal)
        #expect(Tokens.constantTimeEqual(example.b, example.a) == example.equal, "symmetric")
    }

    // MARK: - Call sites

    /// Every Swift file of the App module, with its lines.
    static func appSources() throws -> [(path: String, lines: [Substring])] {
        let root = TestApp.packageRoot + "/Sources/App"
        let paths = try #require(FileManager.default.enumerator(atPath: root)).compactMap { $0 as? String }
        return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { relative in
            let text = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
            return (relative, text.split(separator: "\n", omittingEmptySubsequences: false))
        }
    }

    static func isComment(_ line: Substring) -> Bool {
        line.drop { $0 == " " }.hasPrefix("//")
    }

    /// `==` or `!=` between identifiers whose last component names a credential (…hash, …token,
    /// …password, …secret, …code): such values must go through `Tokens.constantTimeEqual`.
    /// Comparisons with `nil` (is a credential present?) are fine.
    @Test func noCredentialIsComparedWithEqualityOperators() throws {
        let comparison = try Regex(#"([A-Za-z_][A-Za-z0-9_.]*)\s*(?:==|!=)\s*([A-Za-z_][A-Za-z0-9_.]*)"#)
        let credential = ["hash", "token", "password", "secret", "code"]
        var found: [String] = []
        for (path, lines) in try Self.appSources() {
            for (number, line) in lines.enumerated() where !Self.isComment(line) {
                for match in line.matches(of: comparison) {
                    let operands = [match.output[1].substring, match.output[2].substring].compactMap { $0 }
                    guard !operands.contains("nil") else { continue }
                    let named = operands.contains { operand in
                        let last = (operand.split(separator: ".").last ?? operand).lowercased()
                        return credential.contains { last.hasSuffix($0) }
                    }
                    if named { found.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))") }
                }
            }
        }
        #expect(found.isEmpty, "credentials compared with == or !=:\n\(found.joined(separator: "\n"))")
    }

    /// Rows found by a credential's digest (contributor device tokens and recovery keys by keyed
    /// hash, staff API tokens, staff sessions and guide-editor invitations by SHA-256) are confirmed
    /// with `Tokens.constantTimeEqual` within the next three lines, and passwords are checked with it
    /// in `PasswordHasher.verify`.
    @Test func everyCredentialLookupIsConfirmedInConstantTime() throws {
        let lookup = try Regex(#"(?:^|[^A-Za-z0-9_])(activeToken|liveSession|editor|contributor)\((token|recovery)?([hH]ash|MAC):"#)
        var lookups: [String] = []
        var unconfirmed: [String] = []
        var passwordCheck = false
        for (path, lines) in try Self.appSources() {
            for (number, line) in lines.enumerated() where !Self.isComment(line) {
                if path.hasSuffix("PasswordHasher.swift"), line.contains("Tokens.constantTimeEqual(derived, expected)") {
                    passwordCheck = true
                }
                guard line.contains(lookup) else { continue }
                let site = "\(path):\(number + 1)"
                lookups.append(site)
                let window = lines[number..<min(lines.count, number + 4)]
                if !window.contains(where: { $0.contains("Tokens.constantTimeEqual(") }) { unconfirmed.append(site) }
            }
        }
        // The four kinds of credential looked up by digest; fewer means the scan has gone blind.
        #expect(lookups.count >= 4, "credential lookups found: \(lookups)")
        #expect(unconfirmed.isEmpty, "credential lookups not confirmed in constant time: \(unconfirmed)")
        #expect(passwordCheck, "PasswordHasher.verify no longer compares with Tokens.constantTimeEqual")
    }
}
