// Exported CSV read back by Python's csv module: quotes, commas, newlines, emoji, RTL and formula-like cells.
import Foundation
import Testing
@testable import App

@Suite("Export round trip") struct ExportRoundTripTests {
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    @Test func contributionsSurviveAStrictCSVReader() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let rows = try PythonCSV.rows(try fixture.csv(.contributions))
        #expect(rows.first == ExportTable.contributions.header)
        #expect(rows.dropFirst().allSatisfy { $0.count == ExportTable.contributions.header.count })
        let bodyColumn = try #require(ExportTable.contributions.header.firstIndex(of: "body"))
        let bodies = rows.dropFirst().map { $0[bodyColumn] }
        let expected = ExportFixture.bodies.map { body in
            (Self.formulaStarts.contains(body.unicodeScalars.first ?? " ") ? "'" : "") + body
        } + ["We read everything.", "Care close to home.", "'-People first", "'=Care closer to home.", "People first, always"]
        #expect(bodies == expected)
        #expect(bodies.contains { $0.contains("👩🏽‍💻") && $0.contains("שלום") })
    }

    @Test func ourReaderReadsWhatOurEncoderWrites() throws {
        let rows: [[String]] = [
            ["name", "description"],
            ["Commas, \"quotes\"", "line one\r\nline two\nthree"],
            ["مرحبا 🚲", ""],
            ["", "last"],
        ]
        let bytes = CSVEncoder.document(rows.map { $0.map(CSVCell.text) })
        let records = try CSVReader.parse(bytes)
        #expect(records.map(\.fields) == rows)
        #expect(records.map(\.line) == [1, 2, 5, 6])
    }

    @Test(arguments: [
        ("a,\"b\n", "never closed"),
        ("a,b\"c\n", "doubled"),
        ("\"a\"b\n", "closing quote"),
    ])
    func malformedFilesAreRefused(text: String, message: String) {
        #expect {
            _ = try CSVReader.parse(Array(text.utf8))
        } throws: { error in
            guard case ImportError.unreadable(let found) = error else { return false }
            return found.contains(message)
        }
    }
}
