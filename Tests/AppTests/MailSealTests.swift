// Sealed addresses, sealed outbox payloads, unsubscribe tokens and the preview's redaction: what a copy of the data holds.
import Campaigns
import Foundation
import Mail
import Testing
@testable import App

@Suite struct MailSealTests {
    let key = ServerKey.generate().key

    @Test func everySealOfATableIsTheSameSize() throws {
        let short = try #require(MailAddress("a@b.co"))
        let long = try #require(MailAddress(String(repeating: "x", count: 64) + "@" + Array(repeating: String(repeating: "y", count: 60), count: 3).joined(separator: ".") + ".org"))
        #expect(try MailSeal.contributor(short, key: key).count == MailSeal.contributor(long, key: key).count)
        #expect(try MailSeal.invitation(short, code: "", key: key).count == MailSeal.invitation(long, code: "ABCDE-FGHJK", key: key).count)
        #expect(try MailSeal.request(short, note: "", key: key).count
            == MailSeal.request(long, note: String(repeating: "é", count: MailSeal.maxNote), key: key).count)
    }

    @Test func sealsOpenOnlyWithTheirKey() throws {
        let address = try #require(MailAddress("nurse@example.org"))
        let sealed = try MailSeal.invitation(address, code: "ABCDE-FGHJK", key: key)
        let opened = try MailSeal.openInvitation(sealed, key: key)
        #expect(opened.address == address && opened.code == "ABCDE-FGHJK")
        #expect(throws: (any Error).self) { try MailSeal.openInvitation(sealed, key: ServerKey.generate().key) }
        #expect(!String(decoding: sealed, as: UTF8.self).contains("nurse"))
        #expect(MailSeal.mac(address, key: key) == MailSeal.mac(try #require(MailAddress("NURSE@Example.org")), key: key))
    }

    @Test func outboxPayloadsRoundTripAndHideTheirLength() throws {
        let short = OutboxPayload(recipient: .contributor(7), content: .alert(.replied))
        let long = OutboxPayload(recipient: .invitation(1 << 60), content: .authorMessage(subject: "S", text: String(repeating: "w", count: 300)))
        #expect(try OutboxPayload.open(short.sealed(with: key), key: key) == short)
        #expect(try OutboxPayload.open(long.sealed(with: key), key: key) == long)
        #expect(try short.sealed(with: key).count == long.sealed(with: key).count, "both under one block")
    }

    @Test func unsubscribeTokensNameNothingAndCannotBeForged() throws {
        for target in [UnsubscribeToken.Target.invitation(1 << 61), .contributor(42, .announcements), .contributor(42, .alerts)] {
            let token = try UnsubscribeToken.make(target, key: key)
            #expect(UnsubscribeToken.read(token, key: key) == target)
            #expect(UnsubscribeToken.read(token, key: ServerKey.generate().key) == nil)
            #expect(try UnsubscribeToken.make(target, key: key) != token, "a fresh seal for every message")
            var bytes = Array(token.utf8)
            bytes[bytes.count / 2] = bytes[bytes.count / 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(UnsubscribeToken.read(String(decoding: bytes, as: UTF8.self), key: key) == nil)
        }
        #expect(UnsubscribeToken.read("not-a-token", key: key) == nil)
    }

    @Test func previewsDotOutEverySecretInALink() {
        let text = "Join: https://x.org/c/demo#code=ABCDE-FGHJK\nGuide: https://x.org/c/demo?guide=3#pair=AAAAA-BBBBB\n"
            + "Unsubscribe: https://x.org/unsubscribe.html#tok_en-1 <https://x.org/api/unsubscribe/tok_en-1>"
        let redacted = PreviewMailbox.withoutSecrets(text)
        #expect(!redacted.contains("ABCDE") && !redacted.contains("AAAAA") && !redacted.contains("tok_en"))
        #expect(redacted.contains("#code=…") && redacted.contains("?guide=3#pair=…") && redacted.contains("/api/unsubscribe/…>"))
    }

    @Test func noAuthorAlertNamesAContribution() {
        let campaign = MailTemplates.Campaign(slug: "demo", title: "Demo", summary: "")
        let links = MailTemplates.Links(campaign: "https://x.org/c/demo", join: nil, guide: "https://x.org/guide/demo", unsubscribe: "u")
        for alert in AuthorAlert.allCases {
            let rendered = MailTemplates.render(.alert(alert), campaign: campaign, links: links)
            #expect(rendered.subject == "Demo: news about one of your contributions")
            #expect(rendered.body.plainText.contains("does not say which one"))
        }
        #expect(MailTemplates.isOneOff(.authorMessage(subject: "", text: "")) && !MailTemplates.isOneOff(.reminder))
    }
}
