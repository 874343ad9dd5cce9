// Static files over the real server: index, MIME, ETag and 304, precompressed gzip, and no way out of the folder.

import Glibc
import Testing
import TestSupport
@testable import HTTP

@Suite("Static files", .serialized)
struct StaticFilesTests {
    /// A temporary Public/ folder with a page, a large script, a hidden file and a link leading outside.
    static func makeFolder() throws -> String {
        var template = Array("/tmp/gs-static-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SocketError(call: "mkdtemp", errno: errno) }
        let root = String(cString: made)
        mkdir(root + "/public", 0o755)
        mkdir(root + "/public/js", 0o755)
        write(root + "/public/index.html", "<!doctype html><title>Groundswell</title>")
        write(root + "/public/js/app.js", String(repeating: "console.log('groundswell');\n", count: 1000))
        write(root + "/public/.secret", "hidden")
        write(root + "/outside.txt", "outside the folder")
        symlink(root + "/outside.txt", root + "/public/link.txt")
        return root
    }

    static func write(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = text.utf8CString.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    @Test("index, types, ETag revalidation and the precompressed form")
    func serving() throws {
        let root = try Self.makeFolder()
        let server = try TestServer(statics: try StaticFiles(root: root + "/public"))
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        let index = try client.readResponse()
        #expect(index.status == 200)
        #expect(index.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(index.headers["Cache-Control"] == "no-cache")
        let etag = try #require(index.headers["ETag"])
        try client.send("GET /index.html HTTP/1.1\r\nHost: t\r\nIf-None-Match: W/\(etag)\r\n\r\n")
        #expect(try client.readResponse().status == 304)

        try client.send("GET /js/app.js HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
        let script = try client.readResponse()
        #expect(script.headers["Content-Type"] == "text/javascript; charset=utf-8")
        #expect(script.headers["Content-Encoding"] == "gzip")
        #expect(Gzip.decompress(script.body) == Array(String(repeating: "console.log('groundswell');\n", count: 1000).utf8))
    }

    @Test("no way out of the folder", arguments: [
        ("/../outside.txt", 400),
        ("/js/%2e%2e/%2e%2e/outside.txt", 400),
        ("/js%2f..%2foutside.txt", 404),
        ("/index.html%00.js", 400),
        ("/.secret", 404),
        ("/link.txt", 404),
        ("/js/../../../etc/passwd", 400),
        ("/%2fetc%2fpasswd", 404),
    ])
    func traversal(_ path: String, _ status: Int) throws {
        let root = try Self.makeFolder()
        let server = try TestServer(statics: try StaticFiles(root: root + "/public"))
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(!response.text.contains("outside the folder"))
        #expect(!response.text.contains("root:"))
    }
}
