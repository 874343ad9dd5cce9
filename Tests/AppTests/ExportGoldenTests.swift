// Every export of the fixed campaign against its golden file, byte for byte.
import Foundation
import Testing
@testable import App

/// Set GROUNDSWELL_UPDATE_GOLDEN=1 to rewrite the golden files from the current output (then
/// review the diff: these files are the contract with everyone who opens an export).
private func golden(_ name: String, _ actual: [UInt8]) throws -> [UInt8] {
    if ProcessInfo.processInfo.environment["GROUNDSWELL_UPDATE_GOLDEN"] == "1" {
        let path = TestApp.packageRoot + "/Tests/AppTests/Fixtures/export/" + name
        try Data(actual).write(to: URL(fileURLWithPath: path))
        return actual
    }
    let file = name as NSString
    let url = try #require(Bundle.module.url(
        forResource: file.deletingPathExtension, withExtension: file.pathExtension, subdirectory: "Fixtures/export"))
    return [UInt8](try Data(contentsOf: url))
}

@Suite("Export golden files") struct ExportGoldenTests {
    /// The linked export draws its pseudonyms afresh each time: `PrivacyExportTests` checks it.
    @Test(arguments: ExportTable.everyUnlinked)
    func tableMatchesGoldenFile(_ table: ExportTable) throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let actual = try fixture.csv(table)
        #expect(actual == (try golden(table.rawValue + ".csv", actual)))
    }

    @Test func openDataJSONMatchesGoldenFile() throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let stream = JSONExportStream(sources: fixture.sources(), exportedAt: fixture.clock.now, log: { _ in })
        let actual = ExportFixture.drain(stream)
        #expect(actual == (try golden("fixture.json", actual)))
        // And it is one valid JSON document.
        #expect((try? JSONSerialization.jsonObject(with: Data(actual))) is [String: Any])
    }

    @Test func pseudonymsDependOnTheirKey() {
        let a = Pseudonyms(secret: ExportFixture.secret)
        let b = Pseudonyms(secret: Array(ExportFixture.secret.reversed()))
        #expect(a.analyst(1) == a.analyst(1))
        #expect(a.analyst(1) != a.analyst(2))
        #expect(a.analyst(1) != b.analyst(1))
        let fresh = Pseudonyms.fresh()
        #expect(fresh.author(1) == fresh.author(1))
        #expect(fresh.author(1) != Pseudonyms.fresh().author(1), "each linked export has its own pseudonyms")
        #expect(fresh.author(1).count == 16)
    }
}
