// No response, log line or database byte carries a contributor's token, its hash, or their address.
import Crypto
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct AnonymityTests {
    @Test func noIdentifierLeaksIntoResponsesLogsOrTheDatabase() throws {
        let server = try TestApp()
        var closed = false
        defer { if !closed { server.close() } }
        let alice = server.client(), bob = server.client()
        let joinResponse = try alice.join(json: #"{"profile":{"age":"40 or over"}}"#)
        try bob.join()
        let token = try #require(alice.token)
        let hash = Array(SHA256.hash(data: Array(token.utf8)))

        let id = try alice.post(question: server.understandQuestion, title: "Mine", body: "A contribution to trace")
        try bob.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#)
        try alice.send("POST", "/api/contributions/\(id)/comments", json: #"{"body":"my own comment"}"#)
        for path in ["/api/campaigns", "/api/campaigns/test", "/api/campaigns/test/contributions?sort=new",
                     "/api/contributions/\(id)", "/api/me?campaign=test", "/api/campaigns/test/similar?text=trace",
                     "/api/campaigns/test/guide"] {
            #expect(try alice.send("GET", path).status == 200)
            #expect(try bob.send("GET", path).status == 200)
        }
        try alice.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":5}"#)

        let hex = hash.map { String(format: "%02x", $0) }.joined()
        let encodedHash = Tokens.base64url(hash)
        // Profile choices are public (they are the offered answers); what must never appear is whose answer is whose.
        let secrets = [token, hex, hex.uppercased(), encodedHash, "127.0.0.1"]
        // The join response and its Set-Cookie must carry the token: that is how the client gets it.
        let transcripts = alice.transcript.filter { $0 != alice.transcript.first } + bob.transcript.dropFirst()
        for response in transcripts {
            let text = String(decoding: response, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret), "a response contains \(secret)") }
            for field in ["contributorId", "contributor_id", "author", "tokenHash", "profileAnswers", "answers"] {
                #expect(!text.contains("\"\(field)\""), "a response has a \(field) field")
            }
        }
        #expect(joinResponse.status == 201)
        for line in server.logLines.all {
            for secret in secrets { #expect(!line.contains(secret), "a log line contains \(secret)") }
        }

        // Close (checkpointing the WAL), then scan the database files byte for byte.
        let directory = server.directory
        server.app.database.close()
        var files: [[UInt8]] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            if let data = FileManager.default.contents(atPath: directory + "/" + name) { files.append(Array(data)) }
        }
        server.close()
        closed = true
        #expect(!files.isEmpty)
        for file in files {
            for secret in [token, hex, encodedHash, "127.0.0.1"] {
                #expect(file.firstRange(of: Array(secret.utf8)) == nil, "the database contains \(secret)")
            }
        }
    }
}
