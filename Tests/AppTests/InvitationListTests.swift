// An uploaded invitation list: every row an address, or the bad lines named (never their content) and nothing queued.
import Testing
@testable import App
import Campaigns

struct InvitationListTests {
    @Test(arguments: [
        ("one column", "email\r\na@trust.example.org\r\n", ["a@trust.example.org"]),
        ("header in capitals, other columns ignored", "Name,EMAIL,Ward\nAnn,a@trust.example.org,5\nBo,b@trust.example.org,6\n",
         ["a@trust.example.org", "b@trust.example.org"]),
        ("spaces around a cell, a byte order mark, no last newline", "\u{FEFF}email\n  a@trust.example.org  ", ["a@trust.example.org"]),
        ("blank lines skipped", "email\n\na@trust.example.org\n\n", ["a@trust.example.org"]),
    ])
    func accepted(name: String, csv: String, expected: [String]) throws {
        #expect(try InvitationList.parse(Array(csv.utf8)).map(\.address.text) == expected, "\(name)")
    }

    @Test func everyBadLineIsNamedAndNoneRepeatsItsCell() throws {
        let csv = "email\na@trust.example.org\nnot an address\nb@trust.example.org\nA@TRUST.example.org\n\"x\r\ny@z.org\"\n"
        do {
            _ = try InvitationList.parse(Array(csv.utf8))
            Issue.record("a list with bad rows was accepted")
        } catch let refused as RowsRefused {
            #expect(refused.refusal.code == MailRefusal.badAddresses.code)
            #expect(refused.rows.map(\.line) == [3, 5, 6])
            #expect(refused.rows[1].message == "the same address as line 2.")
            #expect(!refused.rows.contains { $0.message.contains("not an address") || $0.message.contains("TRUST") })
        }
    }

    @Test func aListWithoutAddressesOrWithoutAnEmailColumnIsRefused() {
        #expect(throws: MailRefusal.noAddresses) { try InvitationList.parse(Array("email\n".utf8)) }
        #expect(throws: APIError.self) { try InvitationList.parse(Array("name\nAnn\n".utf8)) }
        #expect(throws: APIError.self) { try InvitationList.parse([]) }
        #expect(throws: APIError.self) { try InvitationList.parse([0xFF, 0xFE]) }
    }
}
