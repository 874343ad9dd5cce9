// CSV exports write times as Excel and LibreOffice read them (issue 20): "2026-11-18 11:06:40", UTC, never ISO's T…Z.
import Foundation
import Testing
@testable import App

@Suite struct ExportDateTests {
    @Test(arguments: [
        (Int64(1_795_000_000), "2026-11-18 11:06:40"),
        (Int64(0), "1970-01-01 00:00:00"),
        (Int64(951_782_400), "2000-02-29 00:00:00"),
    ])
    func aTimeIsWrittenAsASpreadsheetReadsIt(_ seconds: Int64, _ expected: String) {
        var row: [UInt8] = []
        CSVEncoder.encodeRow([ExportCells.time(seconds), ExportCells.day(seconds)], into: &row)
        #expect(String(decoding: row, as: UTF8.self) == "\(expected),\(expected.prefix(10))\r\n")
    }

    /// Every cell of every CSV export that holds a time is the spreadsheet form: none is ISO 8601 with `T` and `Z`,
    /// which Excel leaves as text that does not sort or filter as a date.
    @Test(arguments: ExportTable.everyUnlinked)
    func noExportWritesAnISOTime(_ table: ExportTable) throws {
        let fixture = try ExportFixture()
        defer { fixture.close() }
        let text = String(decoding: try fixture.csv(table), as: UTF8.self)
        #expect(text.range(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, options: .regularExpression) == nil, "\(table.rawValue)")
    }
}
