// What counts as an address, how GROUNDSWELL_SMTP_URL is read, and how libcurl's answers are classified.
import CCurl
import Testing

@testable import Mail

@Suite struct AddressAndRelayTests {
    @Test(arguments: [
        "ana@example.org", "a.b+c@sub.example.co.uk", "o'neil@example.org", "x@xn--bcher-kva.example",
        "  padded@example.org  ", "UPPER@Example.ORG",
    ])
    func acceptedAddresses(_ text: String) {
        #expect(MailAddress(text) != nil, "\(text)")
    }

    @Test(arguments: [
        ("empty", ""), ("no at", "ana.example.org"), ("no domain dot", "ana@localhost"),
        ("two recipients", "a@example.org,b@example.org"), ("angle brackets", "<a@example.org>"),
        ("line break", "a@example.org\r\nBcc: b@example.org"), ("space inside", "a b@example.org"),
        ("leading dot", ".a@example.org"), ("double dot", "a..b@example.org"), ("hyphen label", "a@-x.example.org"),
        ("non-ASCII", "zoë@example.org"), ("quoted local part", "\"a b\"@example.org"),
        ("address literal", "a@[127.0.0.1]"), ("too long", String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 190) + ".org"),
        ("local part too long", String(repeating: "a", count: 65) + "@example.org"),
    ])
    func refusedAddresses(name: String, text: String) {
        #expect(MailAddress(text) == nil, "\(name)")
        #expect(MailAddress.problem(text.trimmingSpaces) != nil)
    }

    @Test func comparableFormIgnoresCase() throws {
        #expect(try #require(MailAddress("Ana@Example.org")).comparable == "ana@example.org")
    }

    @Test(arguments: [
        ("Groundswell <noreply@example.org>", "Groundswell", "noreply@example.org"),
        ("\"Ward 5, Ideas\" <w5@example.org>", "Ward 5, Ideas", "w5@example.org"),
        ("noreply@example.org", nil, "noreply@example.org"),
    ] as [(String, String?, String)])
    func senders(text: String, name: String?, address: String) throws {
        let mailbox = try #require(Mailbox(parsing: text))
        #expect(mailbox.name == name)
        #expect(mailbox.address.text == address)
    }

    @Test func relayURLs() throws {
        let submission = try SMTPRelay(url: "smtp://user%40trust:p%3Ass%20w@relay.example.org:587")
        #expect(submission.host == "relay.example.org" && submission.port == 587 && !submission.implicitTLS)
        #expect(submission.username == "user@trust" && submission.password == "p:ss w")
        #expect(submission.curlURL == "smtp://relay.example.org:587", "no credentials in the URL libcurl gets")
        #expect(!submission.summary.contains("p:ss") && !submission.summary.contains("user@trust"))

        let implicit = try SMTPRelay(url: "smtps://u:p@relay.example.org")
        #expect(implicit.implicitTLS && implicit.port == 465)
        #expect(try SMTPRelay(url: "smtp://relay.example.org").port == 587)
        #expect(try SMTPRelay(url: "smtp://u;auth=login:p@relay.example.org").mechanism == "LOGIN")
        #expect(try SMTPRelay(url: "smtp://relay.example.org:25/client.example.org").curlURL
            == "smtp://relay.example.org:25/client.example.org")
        #expect(try SMTPRelay(url: "smtp://127.0.0.1:2525", security: .off).isLoopback)
        #expect(try SMTPRelay(url: "smtp://[::1]:25", security: .off).host == "[::1]")
    }

    @Test(arguments: [
        ("wrong scheme", "http://relay.example.org", SMTPRelay.Security.required),
        ("no host", "smtp://u:p@", .required),
        ("bad port", "smtp://relay.example.org:99999", .required),
        ("user without password", "smtp://user@relay.example.org", .required),
        ("bad escape", "smtp://u%zz:p@relay.example.org", .required),
        ("unknown option", "smtp://u;auth=xoauth2:p@relay.example.org", .required),
        ("password in clear to a remote relay", "smtp://u:p@relay.example.org", .off),
        ("password maybe in clear", "smtp://u:p@relay.example.org", .opportunistic),
        ("implicit TLS turned off", "smtps://relay.example.org", .off),
    ])
    func refusedRelays(name: String, url: String, security: SMTPRelay.Security) {
        do {
            _ = try SMTPRelay(url: url, security: security)
            Issue.record("accepted: \(name)")
        } catch let error as SMTPRelayError {
            #expect(!error.description.contains(":p@"), "no password in the message")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        ("delivered", CURLE_OK, 250, "", SendOutcome.delivered),
        ("recipient refused", CURLE_SEND_ERROR, 550, "RCPT failed: 550", .refused(code: 550)),
        ("recipient deferred", CURLE_SEND_ERROR, 450, "RCPT failed: 450", .deferred(code: 450)),
        ("content refused after DATA", CURLE_WEIRD_SERVER_REPLY, 554, "", .refused(code: 554)),
        ("sender refused: the relay, not the message", CURLE_SEND_ERROR, 530, "MAIL failed: 530",
         .relayUnavailable(.senderRefused(code: 530))),
        ("relay closing", CURLE_SEND_ERROR, 421, "RCPT failed: 421", .relayUnavailable(.unreachable)),
        ("connection refused", CURLE_COULDNT_CONNECT, 0, "", .relayUnavailable(.unreachable)),
        ("no answer", CURLE_OPERATION_TIMEDOUT, 0, "", .relayUnavailable(.timedOut)),
        ("no STARTTLS", CURLE_USE_SSL_FAILED, 250, "", .relayUnavailable(.noStartTLS)),
        ("bad certificate", CURLE_PEER_FAILED_VERIFICATION, 0, "", .relayUnavailable(.tlsFailed)),
        ("login refused", CURLE_LOGIN_DENIED, 535, "", .relayUnavailable(.loginRefused)),
    ])
    func classification(name: String, result: CURLcode, reply: Int, detail: String, expected: SendOutcome) {
        #expect(SMTPTransport.classify(result, reply: reply, detail: detail) == expected, "\(name)")
    }
}
