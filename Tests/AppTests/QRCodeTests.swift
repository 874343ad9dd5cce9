// QR codes for pairing links: the same symbols as an independent encoder, for every mask, and a sound mask choice.
import Foundation
import Testing
@testable import App

@Suite struct QRCodeTests {
    /// (text, version) of each golden file, written by another encoder (Fixtures/qr/README.md).
    static let cases = [("hello", 1), ("pairing", 4), ("nhs", 5), ("long", 8)]

    private static func golden(_ name: String) throws -> (text: String, masks: [[String]]) {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/qr"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        var masks: [[String]] = []
        for line in lines.dropFirst() {
            if line.hasPrefix("mask ") { masks.append([]) } else { masks[masks.count - 1].append(line) }
        }
        return (lines[0], masks)
    }

    private static func picture(_ code: QRCode) -> [String] {
        code.modules.map { row in String(row.map { $0 ? "#" : "." }) }
    }

    @Test(arguments: cases)
    func everyMaskMakesTheSymbolAnotherEncoderMakes(name: String, version: Int) throws {
        let (text, masks) = try Self.golden(name)
        #expect(masks.count == 8)
        for (mask, expected) in masks.enumerated() {
            let code = try #require(QRCode(text, mask: mask))
            #expect(code.version == version)
            #expect(code.size == 17 + 4 * version)
            #expect(Self.picture(code) == expected, "\(name), mask \(mask)")
        }
    }

    @Test(arguments: cases)
    func theChosenMaskHasTheLowestPenalty(name: String, version: Int) throws {
        let (text, _) = try Self.golden(name)
        let chosen = try #require(QRCode(text))
        var grids: [Int] = []
        for mask in 0..<8 {
            var grid = QRCode.Grid(version: version)
            grid.place(QRCode.codewords(QRCode.dataCodewords(Array(text.utf8), version: version), version: version))
            grid.apply(mask: mask)
            grid.drawFormat(mask: mask)
            grids.append(grid.penalty())
        }
        #expect(grids[chosen.mask] == grids.min())
        #expect(chosen == QRCode(text), "the same text always gives the same symbol")
    }

    @Test func capacityEndsAtVersionTen() {
        #expect(QRCode.capacity(1) == 14)
        #expect(QRCode.capacity(10) == 213)
        #expect(QRCode(String(repeating: "a", count: 213))?.version == 10)
        #expect(QRCode(String(repeating: "a", count: 214)) == nil)
    }

    /// Known remainders (ISO/IEC 18004 Annex I's example: "01234567" at 1-M has these 10 EC codewords).
    @Test func reedSolomonMatchesTheStandardsExample() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(ReedSolomon.remainder(data, degree: 10) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }
}
