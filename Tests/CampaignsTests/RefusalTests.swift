// The refusal vocabulary: one catalogue of every area, codes unique and stable, and the campaign lifecycle's oracle.
import Foundation
import Testing
@testable import Campaigns

@Test func everyRefusalCodeIsUniqueSnakeCaseAndHasASentence() {
    let codes = RefusalCatalogue.all.map(\.code)
    #expect(codes.count == Set(codes).count, "duplicate codes: \(codes.filter { c in codes.filter { $0 == c }.count > 1 })")
    for refusal in RefusalCatalogue.all {
        #expect(refusal.code.range(of: "^[a-z]+(_[a-z]+)*$", options: .regularExpression) != nil, "\(refusal.code)")
        #expect(refusal.message.hasSuffix(".") && refusal.message.first?.isUppercase == true, "\(refusal.code)")
    }
    #expect(!codes.contains("conflict") && !codes.contains("forbidden"), "a refusal says which rule refused")
}

/// A `Refusal` type left out of the catalogue would be answered but never published: the sources
/// are scanned for every enum conforming to it.
@Test func theCatalogueNamesEveryRefusalArea() throws {
    var directory = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { directory.deleteLastPathComponent() }
    directory.appendPathComponent("Sources/Campaigns")
    let files = try #require(FileManager.default.enumerator(atPath: directory.path)).compactMap { $0 as? String }
    var declared: Set<String> = []
    let pattern = try NSRegularExpression(pattern: #"enum (\w+): String, Refusal\b"#)
    for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            declared.insert(String(text[Range(match.range(at: 1), in: text)!]))
        }
    }
    let catalogued = Set(RefusalCatalogue.areas.map { String(describing: $0) })
    #expect(declared.count >= 11)
    #expect(declared == catalogued)
}

@Test(arguments: [
    (CampaignState.draft, CampaignMove.launch, Result<CampaignState, CampaignRefusal>.success(.live)),
    (.draft, .archive, .success(.archived)),
    (.live, .launch, .failure(.alreadyLive)),
    (.live, .archive, .success(.archived)),
    (.archived, .launch, .failure(.archived)),
    (.archived, .archive, .failure(.archived)),
])
func campaignMoves(from state: CampaignState, move: CampaignMove, expected: Result<CampaignState, CampaignRefusal>) {
    #expect(move.apply(to: state) == expected)
}

@Test func onlyArchivedCampaignsRefuseEdits() {
    #expect(CampaignState.draft.editRefusal == nil)
    #expect(CampaignState.live.editRefusal == nil)
    #expect(CampaignState.archived.editRefusal == .archived)
}
