// A stranger hammering a staff account's sign-in: attempts are counted before they are checked, and the owner still gets in.
import Dispatch
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct SignInLockoutTests {
    /// One sign-in from `source` (a loopback address), with extra headers; the response.
    static func signIn(_ app: TestApp, _ name: String, _ password: String, from source: String = "127.0.0.1",
                       headers: [(String, String)] = []) throws -> RawResponse {
        let client = try RawClient(port: app.port, timeoutSeconds: 60, from: source)
        let body = #"{"name":\#(quote(name)),"password":\#(quote(password))}"#
        var head = "POST /admin/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
        for (field, value) in headers { head += "\(field): \(value)\r\n" }
        try client.send(head + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        return try client.readResponse()
    }

    /// The value of the cookie `name` a response sets.
    static func cookie(_ response: RawResponse, _ name: String) -> String? {
        for value in response.headers.values("Set-Cookie") where value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    @Test func sixtyFourConcurrentGuessesGetFiveChecksAndTheOwnerStillSignsIn() throws {
        let app = try TestApp()
        defer { app.close() }
        let ada = try app.addStaff("ada", .admin)
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 64) { n in
            let status = (try? Self.signIn(app, "ada", "guess \(n)").status) ?? -1
            statuses.withLock { $0.append(status) }
        }
        let seen = statuses.withLock { $0 }
        #expect(seen.filter { $0 == 401 }.count == 5, "only five guesses were checked: \(seen.sorted())")
        #expect(seen.filter { $0 == 429 }.count == 59)
        // The stranger used up their own attempts, not the account: its owner signs in from elsewhere.
        #expect(try Self.signIn(app, "ada", ada.password, from: "127.0.0.2").status == 200)
    }

    @Test func theOwnerBehindTheSameAddressSignsInWithTheirDeviceCookie() throws {
        let app = try TestApp()
        defer { app.close() }
        let ada = try app.addStaff("ada", .admin)
        let first = try Self.signIn(app, "ada", ada.password)
        #expect(first.status == 200)
        let device = try #require(Self.cookie(first, SignInThrottle.deviceCookie))
        // A stranger on the same NAT address uses up the address and the name there.
        for n in 0..<25 { _ = try Self.signIn(app, n < 5 ? "ada" : "user\(n)", "guess") }
        #expect(try Self.signIn(app, "ada", ada.password).status == 429, "without the cookie, this address is spent")
        // A browser sends Origin with its POST: our cross-site check asks it of every cookie write.
        let withCookie = [("Cookie", "\(SignInThrottle.deviceCookie)=\(device)"), ("Origin", "http://x")]
        let again = try Self.signIn(app, "ada", ada.password, headers: withCookie)
        #expect(again.status == 200, "the owner's browser counts on its own")
        #expect(Self.cookie(again, SignInThrottle.deviceCookie) == device, "the device keeps its cookie")
        // The cookie helps only the account it signed in to.
        _ = try app.addStaff("bo", .admin)
        let other = try Self.signIn(app, "bo", "guess", headers: withCookie)
        #expect(other.status == 429)
    }

    @Test func aSuccessfulSignInGivesItsAttemptBack() throws {
        let app = try TestApp()
        defer { app.close() }
        let ada = try app.addStaff("ada", .admin)
        for _ in 0..<10 {
            #expect(try Self.signIn(app, "ada", ada.password).status == 200, "staff behind one address sign in all day")
        }
        for _ in 0..<4 { #expect(try Self.signIn(app, "ada", "typo").status == 401) }
        #expect(try Self.signIn(app, "ada", ada.password).status == 200)
        #expect(try Self.signIn(app, "ada", "typo").status == 401, "four failures and a success leave one to spare")
    }
}
